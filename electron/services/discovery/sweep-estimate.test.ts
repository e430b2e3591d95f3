import { describe, expect, it } from 'vitest';
import { TypedError } from '../../../shared/typed-error';
import { estimateSweep } from './sweep-estimate';

describe('range search estimate (asked before a big sweep, nothing sent)', () => {
  it('counts the addresses once, overlaps merged, and gives the worst-case time of the sweep', () => {
    // 256 addresses are asked at a time, each for 700 ms when silent: a /21 (2,048) is 8 rounds.
    expect(estimateSweep(['10.8.0.0/21'])).toEqual({ addresses: 2046, estimatedMs: 8 * 700 });
    expect(estimateSweep(['10.0.0.1-10.0.0.100', '10.0.0.50-10.0.0.150'])).toEqual({ addresses: 150, estimatedMs: 700 });
    expect(estimateSweep(['192.168.0.0/22'], 300)).toEqual({ addresses: 1022, estimatedMs: 4 * 300 });
  });

  it('refuses a bad range with the same typed error a search would give', () => {
    expect(() => estimateSweep(['10.0.0.9-10.0.0.1x'])).toThrow(TypedError);
    expect(() => estimateSweep(['10.0.0.0/8'])).toThrow(/limit is 65,536/);
  });
});
