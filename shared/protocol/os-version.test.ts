import { describe, expect, it } from 'vitest';
import { decodeOsBlob, encodeOsBlob } from './os-version';

const os = (platformId: number, major: number, minor: number, build: number, csd = '', wide = true) =>
  decodeOsBlob(encodeOsBlob({ platformId, major, minor, build, csd, wide }));

describe('OS version blob', () => {
  it('produces the two captured sizes', () => {
    expect(encodeOsBlob({ platformId: 2, major: 10, minor: 0, build: 19045, csd: '', wide: true }).length).toBe(276);
    expect(encodeOsBlob({ platformId: 0, major: 14, minor: 0, build: 0, csd: 'TwinCAT/BSD', wide: false }).length).toBe(148);
  });

  it('shows what engineers call these systems', () => {
    expect(os(2, 10, 0, 19045).text).toBe('Windows 10 22H2 (19045)');
    expect(os(2, 10, 0, 22621).text).toBe('Windows 11 22H2 (22621)');
    expect(os(2, 10, 0, 18363).text).toBe('Windows 10 1909 (18363)');
    expect(os(2, 10, 0, 12345).text).toBe('Windows 10 (12345)');
    expect(os(2, 6, 1, 7601, 'Service Pack 1').text).toBe('Windows 7 SP1');
    expect(os(3, 6, 0, 0)).toMatchObject({ platform: 'windows-ce', text: 'Windows CE 6.0' });
    expect(os(3, 7, 0, 0).text).toBe('Windows CE 7.0');
    expect(os(0, 14, 0, 0, 'TwinCAT/BSD', false)).toMatchObject({ platform: 'tcbsd', csd: 'TwinCAT/BSD', text: 'TwinCAT/BSD 14.0' });
    expect(os(1, 1, 0, 0, '', false)).toMatchObject({ platform: 'tcrtos', text: 'TC/RTOS' });
    expect(os(9, 1, 2, 3).platform).toBe('unknown');
  });

  it('reads the CSD by the size field: UTF-16 for 276, 8-bit for 148', () => {
    expect(os(2, 6, 1, 7601, 'Service Pack 1', true).csd).toBe('Service Pack 1');
    expect(os(0, 13, 2, 0, 'TwinCAT/BSD', false).csd).toBe('TwinCAT/BSD');
  });

  it('keeps unknown sizes raw with a best-effort CSD', () => {
    const blob = encodeOsBlob({ platformId: 0, major: 14, minor: 1, build: 0, csd: 'TwinCAT/BSD', wide: false }).slice(0, 60);
    new DataView(blob.buffer).setUint32(0, 60, true);
    const info = decodeOsBlob(blob);
    expect(info).toMatchObject({ csd: 'TwinCAT/BSD', platform: 'tcbsd', structSize: 60 });
    expect(info.raw).toEqual(blob);
  });

  it('rejects blobs shorter than the fixed fields and CSDs that do not fit', () => {
    expect(() => decodeOsBlob(new Uint8Array(19))).toThrow(expect.objectContaining({ code: 'too-short' }));
    expect(() => encodeOsBlob({ platformId: 2, major: 10, minor: 0, build: 1, csd: 'x'.repeat(128), wide: true })).toThrow(
      expect.objectContaining({ code: 'too-long' }),
    );
    expect(() => encodeOsBlob({ platformId: 0, major: 14, minor: 0, build: 0, csd: 'Ж', wide: false })).toThrow(
      expect.objectContaining({ code: 'unencodable-text' }),
    );
  });
});
