import { describe, expect, it } from 'vitest';
import { hostsProblem, rangesProblem } from './search-input';

describe('host entries', () => {
  it('accepts addresses and names DNS could resolve, a fully qualified name with its trailing dot too', () => {
    expect(hostsProblem(['10.77.1.9', 'CX-1234', 'plc.plant.local', 'banana', 'plc.local.'])).toBeNull();
  });

  it('names the first entry that cannot be searched, with the catalogue key that says why', () => {
    expect(hostsProblem(['10.0.0.1', '999.1.1.1'])).toEqual({ key: 'hostAddress', entry: '999.1.1.1' });
    expect(hostsProblem(['10.0.0'])).toEqual({ key: 'hostAddress', entry: '10.0.0' });
    expect(hostsProblem(['plc/1'])).toEqual({ key: 'hostName', entry: 'plc/1' });
    expect(hostsProblem(['-plc'])).toEqual({ key: 'hostName', entry: '-plc' });
    expect(hostsProblem(['plc-'])).toEqual({ key: 'hostName', entry: 'plc-' });
    expect(hostsProblem(['plc:851'])).toEqual({ key: 'hostPort', entry: 'plc:851' });
  });
});

describe('range entries', () => {
  it('accepts CIDR, spans, the short span and one address', () => {
    expect(rangesProblem(['10.0.0.0/24', '10.0.0.10-10.0.0.40', '10.0.0.10-40', '10.0.0.7'])).toBeNull();
  });

  it('refuses what is no range, a span that runs backwards and more than a /16', () => {
    expect(rangesProblem(['banana'])).toEqual({ key: 'range', entry: 'banana' });
    expect(rangesProblem(['999.1.1.1'])).toEqual({ key: 'range', entry: '999.1.1.1' });
    expect(rangesProblem(['10.0.0.0/33'])).toEqual({ key: 'cidr', entry: '10.0.0.0/33' });
    expect(rangesProblem(['10.0.0.1-'])).toEqual({ key: 'span', entry: '10.0.0.1-' });
    expect(rangesProblem(['10.0.0.9-10.0.0.1'])).toEqual({ key: 'backwards', entry: '10.0.0.9-10.0.0.1' });
    expect(rangesProblem(['10.0.0.0/8'])).toEqual({ key: 'tooBig', addresses: 2 ** 24 });
    expect(rangesProblem(['10.0.0.0/16'])).toBeNull();
  });

  it('counts overlapping ranges once against the limit', () => {
    expect(rangesProblem(['10.0.0.0/16', '10.0.1.0/24'])).toBeNull();
    expect(rangesProblem(['10.0.0.0/16', '10.1.0.0/24'])).toEqual({ key: 'tooBig', addresses: 65_534 + 254 });
  });
});
