import { describe, expect, it } from 'vitest';
import { decodeTwinCatVersion, encodeTwinCatVersion, parseTwinCatVersion } from './twincat-version';

describe('TwinCAT version tag', () => {
  it('decodes the captured bytes', () => {
    expect(decodeTwinCatVersion(Uint8Array.of(3, 1, 0xb8, 0x0f))).toEqual({ major: 3, minor: 1, build: 4024, text: '3.1.4024' });
    expect(decodeTwinCatVersion(Uint8Array.of(2, 0x0b, 0xb4, 0x08)).text).toBe('2.11.2228');
  });

  it('round-trips and parses typed versions (revision dropped)', () => {
    expect(encodeTwinCatVersion(parseTwinCatVersion('3.1.4026.14'))).toEqual(Uint8Array.of(3, 1, 0xba, 0x0f));
    expect(parseTwinCatVersion('3.1.4024').text).toBe('3.1.4024');
  });

  it('rejects bad input with ProtocolError', () => {
    expect(() => decodeTwinCatVersion(Uint8Array.of(3, 1))).toThrow(expect.objectContaining({ code: 'bad-tag-length' }));
    expect(() => parseTwinCatVersion('3.1')).toThrow(expect.objectContaining({ code: 'bad-version' }));
    expect(() => parseTwinCatVersion('3.1.70000')).toThrow(expect.objectContaining({ code: 'bad-version' }));
    expect(() => encodeTwinCatVersion({ major: 256, minor: 0, build: 0 })).toThrow(expect.objectContaining({ code: 'bad-field' }));
  });
});
