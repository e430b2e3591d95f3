import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { subnetBroadcastOf } from './subnet-broadcast';

const entry = (address: string, netmask: string, internal = false): NetworkInterfaceInfo => ({
  address,
  netmask,
  family: 'IPv4',
  internal,
  mac: '00:00:00:00:00:00',
  cidr: null,
});

describe('subnet-directed broadcast of the bound address', () => {
  const interfaces = {
    lo: [entry('127.0.0.1', '255.0.0.0', true)],
    veth0: [entry('10.88.0.2', '255.255.255.0')],
    eth1: [entry('192.168.17.40', '255.255.240.0')],
    tun0: [entry('10.9.9.9', '255.255.255.255')],
  };

  it('is the interface subnet with all host bits set', () => {
    expect(subnetBroadcastOf('10.88.0.2', interfaces)).toBe('10.88.0.255');
    expect(subnetBroadcastOf('192.168.17.40', interfaces)).toBe('192.168.31.255');
  });

  it('is null for loopback, host routes and addresses no interface has', () => {
    expect(subnetBroadcastOf('127.0.0.1', interfaces)).toBeNull();
    expect(subnetBroadcastOf('10.9.9.9', interfaces)).toBeNull();
    expect(subnetBroadcastOf('10.1.2.3', interfaces)).toBeNull();
  });
});
