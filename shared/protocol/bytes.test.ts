import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, bytesEqual, concatBytes, fromHex, toHex } from './bytes';
import { ProtocolError } from './errors';

describe('hex', () => {
  it('accepts the forms people paste and round-trips', () => {
    expect(fromHex('03 66:14-71')).toEqual(Uint8Array.of(3, 0x66, 0x14, 0x71));
    expect(fromHex('0xBF03')).toEqual(Uint8Array.of(0xbf, 3));
    expect(toHex(fromHex('00ff10'), ' ')).toBe('00 ff 10');
  });

  it('rejects odd length and non-hex with a position', () => {
    expect(() => fromHex('abc')).toThrow(expect.objectContaining({ code: 'bad-hex', message: 'odd number of hex digits (3)' }));
    expect(() => fromHex('12zz')).toThrow(expect.objectContaining({ code: 'bad-hex', message: 'not a hex digit at position 2' }));
  });
});

describe('byte helpers', () => {
  it('concatenates and compares', () => {
    expect(concatBytes(Uint8Array.of(1), new Uint8Array(0), Uint8Array.of(2, 3))).toEqual(Uint8Array.of(1, 2, 3));
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(bytesEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
    expect(bytesEqual(Uint8Array.of(1), Uint8Array.of(1, 0))).toBe(false);
  });

  it('writes and reads little-endian across buffer growth', () => {
    const w = new ByteWriter().u8(1).u16(0x0203).u32(0x71146603).zeros(100).bytes(Uint8Array.of(9));
    w.patchU32(3, 0xdeadbeef);
    const bytes = w.toBytes();
    expect(bytes.length).toBe(108);
    const r = new ByteReader(bytes);
    expect([r.u8(), r.u16(), r.u32()]).toEqual([1, 0x0203, 0xdeadbeef]);
    r.take(100);
    expect(r.u8()).toBe(9);
    expect(r.remaining).toBe(0);
  });

  it('names field and offset when reading past the end', () => {
    const r = new ByteReader(Uint8Array.of(1, 2, 3), 'frame');
    r.u16();
    expect(() => r.u32('length')).toThrow(new ProtocolError('too-short', 'frame: length at offset 2 needs 4 bytes but only 1 remain'));
  });
});
