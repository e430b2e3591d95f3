import { describe, expect, it } from 'vitest';
import { hostsProblem, rangesProblem, rangeSpan } from './search-input';

describe('host entries', () => {
  it('accepts addresses and names DNS could resolve', () => {
    expect(hostsProblem(['10.77.1.9', 'CX-1234', 'plc.plant.local', 'banana'])).toBeNull();
  });

  it('names the first entry that cannot be searched', () => {
    expect(hostsProblem(['10.0.0.1', '999.1.1.1'])).toEqual({ key: 'hostAddress', entry: '999.1.1.1' });
    expect(hostsProblem(['10.0.0'])).toEqual({ key: 'hostAddress', entry: '10.0.0' });
    expect(hostsProblem(['plc/1'])).toEqual({ key: 'hostName', entry: 'plc/1' });
    expect(hostsProblem(['-plc'])).toEqual({ key: 'hostName', entry: '-plc' });
  });
});

describe('range entries', () => {
  it('reads CIDR, spans, the short span and one address as the services do', () => {
    expect(rangeSpan('10.0.0.0/24')).toEqual({ first: 0x0a000001, last: 0x0a0000fe });
    expect(rangeSpan('10.0.0.10-10.0.0.40')).toEqual({ first: 0x0a00000a, last: 0x0a000028 });
    expect(rangeSpan('10.0.0.10-40')).toEqual({ first: 0x0a00000a, last: 0x0a000028 });
    expect(rangeSpan('10.0.0.7')).toEqual({ first: 0x0a000007, last: 0x0a000007 });
  });

  it('refuses what is no range, a span that runs backwards and more than a /16', () => {
    expect(rangesProblem(['banana'])).toEqual({ key: 'range', entry: 'banana' });
    expect(rangesProblem(['999.1.1.1'])).toEqual({ key: 'range', entry: '999.1.1.1' });
    expect(rangesProblem(['10.0.0.0/33'])).toEqual({ key: 'range', entry: '10.0.0.0/33' });
    expect(rangesProblem(['10.0.0.9-10.0.0.1'])).toEqual({ key: 'backwards', entry: '10.0.0.9-10.0.0.1' });
    expect(rangesProblem(['10.0.0.0/8'])).toEqual({ key: 'tooBig', addresses: 2 ** 24 - 2 });
    expect(rangesProblem(['10.0.0.0/16'])).toBeNull();
  });

  it('counts overlapping ranges once against the limit', () => {
    expect(rangesProblem(['10.0.0.0/16', '10.0.1.0/24'])).toBeNull();
    expect(rangesProblem(['10.0.0.0/16', '10.1.0.0/24'])).toEqual({ key: 'tooBig', addresses: 65_534 + 254 });
  });
});
