import { describe, expect, it } from 'vitest';
import { TypedError } from '../../../shared/typed-error';
import { intToIpv4 } from '../../../shared/domain/ipv4';
import { addressesOf, parseAddressRanges } from './address-range';

function span(text: string): [string, string, number] {
  const r = parseAddressRanges([text]).ranges[0];
  if (!r) throw new Error(`no range from ${text}`);
  return [intToIpv4(r.first), intToIpv4(r.last), r.last - r.first + 1];
}

function rangeError(inputs: string[]): TypedError {
  try {
    parseAddressRanges(inputs);
  } catch (error) {
    if (error instanceof TypedError) return error;
    throw error;
  }
  throw new Error('expected an invalid-range error');
}

describe('address ranges', () => {
  it('sweeps the hosts of a /24, skipping network and broadcast address', () => {
    expect(span('192.168.1.0/24')).toEqual(['192.168.1.1', '192.168.1.254', 254]);
  });

  it('ignores host bits people type into CIDR', () => {
    expect(span('192.168.1.77/24')).toEqual(['192.168.1.1', '192.168.1.254', 254]);
  });

  it('keeps every address of /31 and /32', () => {
    expect(span('10.0.0.4/31')).toEqual(['10.0.0.4', '10.0.0.5', 2]);
    expect(span('10.0.0.9/32')).toEqual(['10.0.0.9', '10.0.0.9', 1]);
  });

  it('accepts spans, the short last-octet form and single addresses', () => {
    expect(span('10.1.2.10-10.1.2.50')).toEqual(['10.1.2.10', '10.1.2.50', 41]);
    expect(span('10.1.2.10-50')).toEqual(['10.1.2.10', '10.1.2.50', 41]);
    expect(span(' 10.1.2.3 ')).toEqual(['10.1.2.3', '10.1.2.3', 1]);
    expect(span('10.0.255.250-10.1.0.5')[2]).toBe(12);
  });

  it('allows a /16 and refuses anything bigger with the address count', () => {
    expect(span('172.16.0.0/16')[2]).toBe(65_534);
    const error = rangeError(['10.0.0.0/8']);
    expect(error.code).toBe('invalid-range');
    expect(error.message).toBe('10.0.0.0/8 has 16,777,216 addresses; the limit is 65,536');
    expect(rangeError(['10.0.0.0-10.1.0.0']).message).toContain('65,537 addresses; the limit is 65,536');
  });

  it('rejects malformed input with a message that names it', () => {
    const messages = Object.fromEntries(
      ['10.0.0.300/24', '10.0.0.0/33', 'plc.local', '10.0.0.9-10.0.0.1', '10.0.0.1-', '', '1.2.3/24'].map((bad) => {
        const error = rangeError([bad]);
        expect(error.code).toBe('invalid-range');
        return [bad, error.message];
      }),
    );
    expect(messages).toEqual({
      '10.0.0.300/24': "'10.0.0.300/24' is not a CIDR range like 192.168.1.0/24",
      '10.0.0.0/33': "'10.0.0.0/33' is not a CIDR range like 192.168.1.0/24",
      'plc.local': "'plc.local' is not a range: use CIDR (192.168.1.0/24) or a span (192.168.1.10-192.168.1.50)",
      '10.0.0.9-10.0.0.1': '10.0.0.9-10.0.0.1 ends before it starts',
      '10.0.0.1-': "'10.0.0.1-' is not an address span like 192.168.1.10-192.168.1.50",
      '': 'empty range: use CIDR (192.168.1.0/24) or a span (192.168.1.10-192.168.1.50)',
      '1.2.3/24': "'1.2.3/24' is not a CIDR range like 192.168.1.0/24",
    });
  });

  it('merges overlapping ranges so no address is asked twice, and limits the total', () => {
    const { ranges, total } = parseAddressRanges(['10.0.0.1-10.0.0.20', '10.0.0.10-10.0.0.30', '10.0.0.40']);
    expect(total).toBe(31);
    const all = [...addressesOf(ranges)];
    expect(new Set(all).size).toBe(all.length);
    expect(all[0]).toBe('10.0.0.1');
    expect(all.at(-1)).toBe('10.0.0.40');
    expect(rangeError(['10.0.0.0/16', '10.1.0.0/16']).message).toBe('the ranges together have 131,068 addresses; the limit is 65,536');
  });
});
