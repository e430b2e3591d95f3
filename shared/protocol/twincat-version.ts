import { ProtocolError } from './errors';

/** TwinCAT version from discovery tag 3: major u8, minor u8, build u16 LE; no revision on the wire. */
export interface TwinCatVersion {
  major: number;
  minor: number;
  build: number;
  text: string;
}

export function makeTwinCatVersion(major: number, minor: number, build: number): TwinCatVersion {
  return { major, minor, build, text: `${major}.${minor}.${build}` };
}

export function decodeTwinCatVersion(bytes: Uint8Array): TwinCatVersion {
  if (bytes.length < 4) {
    throw new ProtocolError('bad-tag-length', `TwinCAT version needs 4 bytes, got ${bytes.length}`);
  }
  return makeTwinCatVersion(bytes[0]!, bytes[1]!, bytes[2]! | (bytes[3]! << 8));
}

export function encodeTwinCatVersion(v: { major: number; minor: number; build: number }): Uint8Array {
  checkRange('major', v.major, 0xff);
  checkRange('minor', v.minor, 0xff);
  checkRange('build', v.build, 0xffff);
  return Uint8Array.of(v.major, v.minor, v.build & 0xff, v.build >> 8);
}

/** Accepts "3.1.4024" and the four-part form people copy from XAE ("3.1.4024.62"); the revision is dropped. */
export function parseTwinCatVersion(text: string): TwinCatVersion {
  const match = /^\s*v?(\d{1,3})\.(\d{1,3})\.(\d{1,5})(?:\.\d+)?\s*$/.exec(text);
  const [major, minor, build] = match ? match.slice(1).map(Number) : [];
  if (major === undefined || minor === undefined || build === undefined || major > 0xff || minor > 0xff || build > 0xffff) {
    throw new ProtocolError('bad-version', `"${text.slice(0, 40)}" is not a TwinCAT version like 3.1.4024`);
  }
  return makeTwinCatVersion(major, minor, build);
}

function checkRange(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new ProtocolError('bad-field', `TwinCAT version ${field} ${value} is outside 0..${max}`);
  }
}
