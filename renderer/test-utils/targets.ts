import type { DiscoveredTarget } from '../../shared/domain/target';

/** The certificate fingerprint every sample target presents unless a test overrides it. */
export const FINGERPRINT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00';

/** A discovery result as the Targets view and the Add Route dialog receive it; fields a test cares about go in overrides. */
export function discoveredTarget(overrides: Partial<DiscoveredTarget> & Pick<DiscoveredTarget, 'hostname' | 'address'>): DiscoveredTarget {
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
