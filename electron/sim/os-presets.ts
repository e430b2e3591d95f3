/** The OS families the simulator can pretend to be, with the tag-4 blob values real targets send (udp-48899.md §6.3). */
export type SimOs = 'win10' | 'win7' | 'ce' | 'ce7' | 'tcbsd';

export interface OsPreset {
  platformId: number;
  major: number;
  minor: number;
  build: number;
  csd: string;
  /** true: 276-byte blob with UTF-16LE CSD (Windows NT/CE); false: 148-byte blob with 8-bit CSD (TC/BSD). */
  wide: boolean;
  /** TwinCAT version used when the configuration does not name one. */
  defaultTwinCat: string;
  /** Whether this OS family can run Secure ADS at all (TwinCAT 2 on Windows CE 6 cannot). */
  secureAds: boolean;
}

/**
 * `ce` is Windows CE 6 (the S5 capture: 6.0, build 0, platform 3); `ce7` is Windows CE 7 (7.0, same layout, M in
 * the spec). `win10` defaults to build 19045 (the S6 capture) and takes another build through `osBuild`.
 */
export const OS_PRESETS: Record<SimOs, OsPreset> = {
  win10: { platformId: 2, major: 10, minor: 0, build: 19045, csd: '', wide: true, defaultTwinCat: '3.1.4024', secureAds: true },
  win7: { platformId: 2, major: 6, minor: 1, build: 7601, csd: 'Service Pack 1', wide: true, defaultTwinCat: '3.1.4024', secureAds: true },
  ce: { platformId: 3, major: 6, minor: 0, build: 0, csd: '', wide: true, defaultTwinCat: '2.11.2228', secureAds: false },
  ce7: { platformId: 3, major: 7, minor: 0, build: 0, csd: '', wide: true, defaultTwinCat: '3.1.4024', secureAds: true },
  tcbsd: { platformId: 0, major: 14, minor: 0, build: 0, csd: 'TwinCAT/BSD', wide: false, defaultTwinCat: '3.1.4024', secureAds: true },
};

export const SIM_OS_NAMES = Object.keys(OS_PRESETS) as SimOs[];

/** OS presets whose build number may be chosen (`osBuild`); the others have one fixed build in every capture. */
export const OS_WITH_BUILD: ReadonlySet<SimOs> = new Set<SimOs>(['win10']);

export function isSimOs(value: string): value is SimOs {
  return Object.hasOwn(OS_PRESETS, value);
}

/** The tag-4 values for a target: its preset, with the configured build where the preset allows one. */
export function osBlobFields(os: SimOs, osBuild?: number): OsPreset {
  const preset = OS_PRESETS[os];
  return osBuild === undefined ? preset : { ...preset, build: osBuild };
}
