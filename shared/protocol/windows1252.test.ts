import { describe, expect, it } from 'vitest';
import { decodeWindows1252, encodeWindows1252, isWindows1252 } from './windows1252';

describe('windows-1252', () => {
  it('maps the 0x80-0x9F block and Latin-1 letters', () => {
    expect(encodeWindows1252('€ Müller ‰ Ÿ')).toEqual(
      Uint8Array.of(0x80, 0x20, 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x89, 0x20, 0x9f),
    );
    expect(decodeWindows1252(Uint8Array.of(0x80, 0x93, 0x94, 0xe9))).toBe('€“”é');
  });

  it('round-trips every byte, including the five undefined ones', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(encodeWindows1252(decodeWindows1252(all))).toEqual(all);
  });

  it('refuses unencodable characters naming the position, not the text', () => {
    expect(isWindows1252('Ärger€')).toBe(true);
    expect(isWindows1252('密码')).toBe(false);
    expect(() => encodeWindows1252('pa😀ss')).toThrow(
      expect.objectContaining({ code: 'unencodable-text', message: 'character 3 cannot be written in Windows-1252' }),
    );
    try {
      encodeWindows1252('geheimЖ');
    } catch (error) {
      expect((error as Error).message).not.toContain('geheim');
    }
  });
});
