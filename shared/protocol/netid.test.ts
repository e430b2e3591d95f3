import { describe, expect, it } from 'vitest';
import { formatNetId, isNetId, parseNetId } from './netid';

describe('AMS NetId', () => {
  it('parses to the six wire bytes in dotted order and formats back', () => {
    expect(parseNetId('192.168.1.199.1.1')).toEqual(Uint8Array.of(0xc0, 0xa8, 0x01, 0xc7, 1, 1));
    expect(formatNetId(parseNetId(' 5.13.117.96.1.1 '))).toBe('5.13.117.96.1.1');
  });

  it('rejects wrong shapes with bad-netid', () => {
    for (const bad of ['1.2.3.4.1', '1.2.3.4.1.1.1', '1.2.3.4.1.256', 'a.b.c.d.e.f', '', '1..2.3.4.5', '-1.2.3.4.1.1']) {
      expect(isNetId(bad), bad).toBe(false);
      expect(() => parseNetId(bad), bad).toThrow(expect.objectContaining({ code: 'bad-netid' }));
    }
    expect(isNetId('0.0.0.0.1.1')).toBe(true);
    expect(() => formatNetId(new Uint8Array(5))).toThrow(expect.objectContaining({ code: 'bad-netid' }));
  });
});
