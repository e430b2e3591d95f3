import type { NetworkAdapter } from '../../../../shared/domain/network';
import type { DiscoveredTarget } from '../../../../shared/domain/target';

export const FINGERPRINT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

export function discovered(overrides: Partial<DiscoveredTarget> & Pick<DiscoveredTarget, 'hostname' | 'address'>): DiscoveredTarget {
  return {
    netId: `${overrides.address}.1.1`,
    adapter: 'lab1',
    adapters: ['lab1'],
    twincat: { major: 3, minor: 1, build: 4024, text: '3.1.4024' },
    os: { platform: 'windows', major: 10, minor: 0, build: 19045, csd: '', text: 'Windows 10 22H2 (19045)' },
    fingerprint: FINGERPRINT,
    secureAds: true,
    rttMs: 1.2,
    via: 'broadcast',
    ...overrides,
  };
}

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
