import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { listAdapters } from './adapters';

const ipv4 = (address: string, netmask: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask,
  family: 'IPv4',
  mac: '02:00:00:00:00:01',
  internal,
  cidr: null,
});

const fake = () => ({
  lo: [ipv4('127.0.0.1', '255.0.0.0', true)],
  eth1: [ipv4('169.254.7.9', '255.255.0.0'), { ...ipv4('fe80::1', 'ffff::'), family: 'IPv6' as const, scopeid: 1 }],
  eth0: [ipv4('10.77.1.2', '255.255.255.0')],
});

describe('listAdapters', () => {
  it('lists IPv4 adapters with broadcast and link-local flag, loopback excluded by default', () => {
    expect(listAdapters({}, fake)).toEqual([
      expect.objectContaining({ name: 'eth0', address: '10.77.1.2', broadcast: '10.77.1.255', prefixLength: 24, linkLocal: false }),
      expect.objectContaining({ name: 'eth1', address: '169.254.7.9', broadcast: '169.254.255.255', linkLocal: true }),
    ]);
  });

  it('includes loopback when asked', () => {
    expect(listAdapters({ includeLoopback: true }, fake).map((a) => a.name)).toEqual(['eth0', 'eth1', 'lo']);
  });
});
