import type { NetworkAdapter } from '../../shared/domain/network';

/** A /24 adapter that is up and not link-local; tests override what they exercise. */
export function adapter(name: string, address: string, overrides: Partial<NetworkAdapter> = {}): NetworkAdapter {
  return {
    name,
    address,
    netmask: '255.255.255.0',
    broadcast: address.replace(/\.\d+$/, '.255'),
    prefixLength: 24,
    mac: '02:00:00:00:00:01',
    linkLocal: false,
    loopback: false,
    up: true,
    ...overrides,
  };
}
