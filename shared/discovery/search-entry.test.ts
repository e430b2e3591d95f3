import { describe, expect, it } from 'vitest';
import { intToIpv4 } from '../domain/ipv4';
import { parseHostEntries, parseHostEntry, parseRangeEntries, parseRangeEntry } from './search-entry';

const LABEL_63 = 'a'.repeat(63);
// 4 × 63 + 3 dots = 255 characters; one label shorter by two makes exactly 253.
const NAME_253 = [LABEL_63, LABEL_63, LABEL_63, 'a'.repeat(61)].join('.');

describe('host entries', () => {
  it.each([
    ['10.77.1.9', 'address', '10.77.1.9'],
    [' 10.77.1.9 ', 'address', '10.77.1.9'],
    ['CX-1234', 'name', 'CX-1234'],
    ['plc.plant.local', 'name', 'plc.plant.local'],
    ['plc.local.', 'name', 'plc.local.'],
    ['CX_12', 'name', 'CX_12'],
    ['3com', 'name', '3com'],
    [LABEL_63, 'name', LABEL_63],
    [NAME_253, 'name', NAME_253],
    [`${NAME_253}.`, 'name', `${NAME_253}.`],
  ])('accepts %j as a %s', (input, kind, host) => {
    expect(parseHostEntry(input)).toEqual({ ok: true, kind, host });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['plc:851', 'port-or-ipv6'],
    ['fe80::1', 'port-or-ipv6'],
    ['999.1.1.1', 'bad-address'],
    ['10.1', 'bad-address'],
    ['10.0.0', 'bad-address'],
    ['010.1.1.1', 'bad-address'],
    ['10.1.1.1.', 'bad-address'],
    // Hex and short forms getaddrinfo reads as another notation of an address: 127.0.0.1, 10.0.0.1, 10.0.0.1.
    ['0x7f.1', 'bad-address'],
    ['0xa000001', 'bad-address'],
    ['0XA.0.0.1', 'bad-address'],
    ['plc.1', 'bad-address'],
    ['plc-', 'bad-host-name'],
    ['-plc', 'bad-host-name'],
    ['plc-.local', 'bad-host-name'],
    ['plc.-local', 'bad-host-name'],
    ['plc.local..', 'bad-host-name'],
    ['plc..local', 'bad-host-name'],
    ['.plc', 'bad-host-name'],
    ['plc/1', 'bad-host-name'],
    ['bad host!', 'bad-host-name'],
    [`${LABEL_63}a`, 'bad-host-name'],
    [`${NAME_253}a`, 'bad-host-name'],
  ])('refuses %j as %s', (input, reason) => {
    expect(parseHostEntry(input)).toEqual({ ok: false, reason, entry: input.trim() });
  });

  it('settles what the page and the services once read differently: one trailing dot is fine, an edge hyphen is not', () => {
    expect(parseHostEntry('plc.local.')).toMatchObject({ ok: true, kind: 'name' });
    expect(parseHostEntry('plc-.local')).toMatchObject({ ok: false, reason: 'bad-host-name' });
    expect(parseHostEntry('cx-1234-')).toMatchObject({ ok: false, reason: 'bad-host-name' });
  });

  it('keeps each host once in the order typed, or names the first refused entry', () => {
    expect(parseHostEntries(['CX-1', '10.0.0.1', 'CX-1'])).toEqual({ ok: true, hosts: ['CX-1', '10.0.0.1'] });
    // Names are case-insensitive and one trailing dot changes nothing: the first spelling typed is kept.
    expect(parseHostEntries(['CX-1', 'cx-1', 'cx-1.', 'CX-2'])).toEqual({ ok: true, hosts: ['CX-1', 'CX-2'] });
    expect(parseHostEntries(['CX-1', 'plc-', '999.1.1.1'])).toMatchObject({ ok: false, reason: 'bad-host-name', entry: 'plc-' });
  });
});

function span(input: string): [string, string] | string {
  const entry = parseRangeEntry(input);
  return entry.ok ? [intToIpv4(entry.first), intToIpv4(entry.last)] : entry.reason;
}

describe('range entries', () => {
  it.each([
    ['192.168.1.0/24', ['192.168.1.1', '192.168.1.254']],
    ['192.168.1.77/24', ['192.168.1.1', '192.168.1.254']],
    ['10.0.0.4/30', ['10.0.0.5', '10.0.0.6']],
    ['10.0.0.4/31', ['10.0.0.4', '10.0.0.5']],
    ['10.0.0.9/32', ['10.0.0.9', '10.0.0.9']],
    ['172.16.0.0/16', ['172.16.0.1', '172.16.255.254']],
    ['10.1.2.10-10.1.2.50', ['10.1.2.10', '10.1.2.50']],
    ['10.1.2.10 - 10.1.2.50', ['10.1.2.10', '10.1.2.50']],
    ['10.1.2.10-50', ['10.1.2.10', '10.1.2.50']],
    ['10.0.255.250-10.1.0.5', ['10.0.255.250', '10.1.0.5']],
    [' 10.1.2.3 ', ['10.1.2.3', '10.1.2.3']],
  ])('reads %j', (input, expected) => {
    expect(span(input)).toEqual(expected);
  });

  it.each([
    ['', 'empty'],
    ['10.0.0.300/24', 'bad-cidr'],
    ['10.0.0.0/33', 'bad-cidr'],
    ['1.2.3/24', 'bad-cidr'],
    ['10.0.0.0/', 'bad-cidr'],
    ['10.0.0.1-', 'bad-span'],
    ['10.0.0.1-256', 'bad-span'],
    ['plc-2', 'bad-span'],
    ['banana', 'bad-range'],
    ['999.1.1.1', 'bad-range'],
    ['010.1.1.1', 'bad-range'],
    ['10.0.0.9-10.0.0.1', 'backwards'],
    ['10.0.0.0/15', 'range-too-big'],
    ['10.0.0.0-10.1.0.0', 'range-too-big'],
  ])('refuses %j as %s', (input, reason) => {
    expect(span(input)).toBe(reason);
  });

  it('counts a too big CIDR block whole and a too big span address by address', () => {
    expect(parseRangeEntry('10.0.0.0/8')).toEqual({ ok: false, reason: 'range-too-big', entry: '10.0.0.0/8', addresses: 2 ** 24 });
    expect(parseRangeEntry('10.0.0.0-10.1.0.0')).toMatchObject({ reason: 'range-too-big', addresses: 65_537 });
  });

  it('merges overlaps so an address is counted and asked once, and holds the total to the limit', () => {
    const merged = parseRangeEntries(['10.0.0.1-10.0.0.20', '10.0.0.10-10.0.0.30', '10.0.0.40']);
    expect(merged).toEqual({
      ok: true,
      total: 31,
      ranges: [
        { text: '10.0.0.1-10.0.0.20, 10.0.0.10-10.0.0.30', first: 0x0a000001, last: 0x0a00001e },
        { text: '10.0.0.40', first: 0x0a000028, last: 0x0a000028 },
      ],
    });
    expect(parseRangeEntries(['10.0.0.0/16', '10.0.1.0/24'])).toMatchObject({ ok: true, total: 65_534 });
    expect(parseRangeEntries(['10.0.0.0/16', '10.1.0.0/24'])).toMatchObject({
      ok: false,
      reason: 'ranges-too-big',
      addresses: 65_534 + 254,
    });
    // The entry lists the ranges as typed, not as merged or sorted.
    expect(parseRangeEntries(['10.1.0.0/24', '10.0.0.0/16', '10.0.1.0/24'])).toMatchObject({
      reason: 'ranges-too-big',
      entry: '10.1.0.0/24, 10.0.0.0/16, 10.0.1.0/24',
    });
  });

  it('names the first refused entry in the order typed', () => {
    expect(parseRangeEntries(['10.0.0.0/24', '10.0.0.0/8', 'banana'])).toMatchObject({ reason: 'range-too-big', entry: '10.0.0.0/8' });
  });
});
