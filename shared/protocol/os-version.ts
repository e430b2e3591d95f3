import { ByteWriter } from './bytes';
import { ProtocolError } from './errors';

/** Discovery tag 4: an OSVERSIONINFO-like blob. */

export type OsPlatform = 'windows' | 'windows-ce' | 'tcbsd' | 'tcrtos' | 'linux' | 'unknown';

export interface OsInfo {
  platform: OsPlatform;
  platformId: number;
  major: number;
  minor: number;
  build: number;
  csd: string;
  text: string;
  /** The struct size field: 276 (wide CSD) or 148 (8-bit CSD) in every known sample. */
  structSize?: number;
  /** Kept when the size is not one of the two known layouts, so nothing is lost. */
  raw?: Uint8Array;
}

export const OS_BLOB_WIDE_SIZE = 276;
export const OS_BLOB_NARROW_SIZE = 148;
const CSD_OFFSET = 20;
const CSD_CHARS = 128;

export const OsPlatformId = { TcBsd: 0, TcRtos: 1, WindowsNt: 2, WindowsCe: 3 } as const;

/** Windows 10/11 build → release name (S8's table plus the Windows 11 releases). */
const WINDOWS_RELEASES: ReadonlyMap<number, string> = new Map([
  [10240, '1507'],
  [10586, '1511'],
  [14393, '1607'],
  [15063, '1703'],
  [16299, '1709'],
  [17134, '1803'],
  [17763, '1809'],
  [18362, '1903'],
  [18363, '1909'],
  [19041, '2004'],
  [19042, '20H2'],
  [19043, '21H1'],
  [19044, '21H2'],
  [19045, '22H2'],
  [22000, '21H2'],
  [22621, '22H2'],
  [22631, '23H2'],
  [26100, '24H2'],
]);

export function decodeOsBlob(bytes: Uint8Array): OsInfo {
  if (bytes.length < CSD_OFFSET) {
    throw new ProtocolError('too-short', `OS version blob has ${bytes.length} bytes, needs at least ${CSD_OFFSET}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const structSize = view.getUint32(0, true);
  const major = view.getUint32(4, true);
  const minor = view.getUint32(8, true);
  const build = view.getUint32(12, true);
  const platformId = view.getUint32(16, true);
  const csdArea = bytes.subarray(CSD_OFFSET, Math.min(bytes.length, Math.max(CSD_OFFSET, structSize)));
  const known = structSize === OS_BLOB_WIDE_SIZE || structSize === OS_BLOB_NARROW_SIZE;
  const wide = structSize === OS_BLOB_WIDE_SIZE || (!known && looksWide(csdArea));
  const csd = (wide ? decodeUtf16Z(csdArea) : decodeLatin1Z(csdArea)).trim();
  const platform = classify(platformId, major, csd);
  const info: OsInfo = {
    platform,
    platformId,
    major,
    minor,
    build,
    csd,
    text: describe(platform, major, minor, build, csd, platformId),
    structSize,
  };
  if (!known || bytes.length < structSize) info.raw = bytes.slice();
  return info;
}

/** Builds the blob a real target sends: 276 bytes with a UTF-16 CSD (Windows/CE) or 148 with 8-bit text (TC/BSD). */
export function encodeOsBlob(os: {
  platformId: number;
  major: number;
  minor: number;
  build: number;
  csd: string;
  wide: boolean;
}): Uint8Array {
  for (const field of ['platformId', 'major', 'minor', 'build'] as const) {
    const value = os[field];
    if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
      throw new ProtocolError('bad-field', `OS ${field} ${value} is not a u32`);
    }
  }
  const chars = [...os.csd];
  const units = os.wide ? os.csd.length : chars.length;
  if (units > CSD_CHARS - 1) {
    throw new ProtocolError('too-long', `OS CSD text has ${units} characters, at most ${CSD_CHARS - 1} fit`);
  }
  const size = os.wide ? OS_BLOB_WIDE_SIZE : OS_BLOB_NARROW_SIZE;
  const w = new ByteWriter().u32(size).u32(os.major).u32(os.minor).u32(os.build).u32(os.platformId);
  if (os.wide) {
    for (let i = 0; i < os.csd.length; i++) w.u16(os.csd.charCodeAt(i));
  } else {
    chars.forEach((c, i) => {
      const cp = c.codePointAt(0)!;
      if (cp > 0xff) throw new ProtocolError('unencodable-text', `OS CSD character ${i + 1} is not 8-bit`);
      w.u8(cp);
    });
  }
  w.zeros(size - w.length);
  return w.toBytes();
}

function classify(platformId: number, major: number, csd: string): OsPlatform {
  switch (platformId) {
    case OsPlatformId.WindowsNt:
      return 'windows';
    case OsPlatformId.WindowsCe:
      return 'windows-ce';
    case OsPlatformId.TcRtos:
      return 'tcrtos';
    case OsPlatformId.TcBsd:
      // ads-rs says TC/BSD, ads-admin says Linux: trust the CSD text first, then S8's "major >= 12 is BSD".
      if (/bsd/i.test(csd)) return 'tcbsd';
      if (/linux/i.test(csd)) return 'linux';
      return major >= 12 ? 'tcbsd' : 'unknown';
    default:
      return 'unknown';
  }
}

function describe(platform: OsPlatform, major: number, minor: number, build: number, csd: string, platformId: number): string {
  switch (platform) {
    case 'windows':
      return describeWindows(major, minor, build, csd);
    case 'windows-ce':
      return `Windows CE ${major}.${minor}`;
    case 'tcbsd':
      return `TwinCAT/BSD ${major}.${minor}`;
    case 'tcrtos':
      return 'TC/RTOS';
    case 'linux':
      return csd ? `${csd} ${major}.${minor}.${build}` : `Linux ${major}.${minor}.${build}`;
    case 'unknown':
      return `unknown OS (platform ${platformId}, ${major}.${minor}.${build}${csd ? `, ${csd}` : ''})`;
  }
}

function describeWindows(major: number, minor: number, build: number, csd: string): string {
  if (major === 10 && minor === 0) {
    const name = build >= 22000 ? 'Windows 11' : 'Windows 10';
    const release = WINDOWS_RELEASES.get(build);
    return release ? `${name} ${release} (${build})` : `${name} (${build})`;
  }
  const names: Record<string, string> = {
    '5.1': 'Windows XP',
    '5.2': 'Windows XP x64',
    '6.0': 'Windows Vista',
    '6.1': 'Windows 7',
    '6.3': 'Windows 8.1',
  };
  const name = names[`${major}.${minor}`];
  const servicePack = /^service pack (\d+)$/i.exec(csd);
  const suffix = servicePack ? ` SP${servicePack[1]}` : csd ? ` ${csd}` : '';
  // Windows 8 and TC2/early-TC3 on Windows 10 both report 6.2, so 6.2 is shown as the raw number.
  if (name) return `${name}${suffix}`;
  return `Windows NT ${major}.${minor} (${build})${suffix}`;
}

function looksWide(area: Uint8Array): boolean {
  // ASCII text in UTF-16LE has a zero in every odd byte; an empty area is treated as wide like Windows.
  if (area.length >= 2 && area[0] !== 0 && area[1] !== 0) return false;
  for (let i = 1; i < area.length; i += 2) if (area[i] !== 0) return false;
  return true;
}

function decodeUtf16Z(area: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < area.length; i += 2) {
    const unit = area[i]! | (area[i + 1]! << 8);
    if (unit === 0) break;
    out += String.fromCharCode(unit);
  }
  return out;
}

function decodeLatin1Z(area: Uint8Array): string {
  let out = '';
  for (const b of area) {
    if (b === 0) break;
    out += String.fromCharCode(b);
  }
  return out;
}
