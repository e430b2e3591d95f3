import { toHex, ByteWriter } from './bytes';
import { ProtocolError } from './errors';
import { formatNetId, parseNetId } from './netid';
import { decodeWindows1252, encodeWindows1252 } from './windows1252';

/**
 * The TwinCAT system service (AMS port 10000): route table, its own Secure ADS fingerprint, files in the TwinCAT
 * folder, Run/Config. Index groups are decimal as Beckhoff writes them.
 */
export const SystemIndexGroup = {
  /** Write: add a route entry (no credentials; needs a route already). */
  AddRoute: 801,
  /** Write: remove the route named by the data (name + NUL). */
  RemoveRoute: 802,
  /** Read with offset i: the i-th route; any ADS error ends the list. */
  EnumRoutes: 803,
  /** Read, offset 9: this system's Secure ADS fingerprint as NUL-terminated hex text. */
  SecureAdsInfo: 700,
  FileOpen: 120,
  FileClose: 121,
  FileRead: 122,
  FileWrite: 123,
  FileFind: 133,
} as const;

export const SECURE_ADS_FINGERPRINT_OFFSET = 9;
/** Bytes asked for one route record; the target answers with the real length. */
export const ROUTE_RECORD_READ_LENGTH = 1024;
/** Bytes asked for the fingerprint text (64 hex digits and a NUL fit; more is harmless). */
export const FINGERPRINT_READ_LENGTH = 129;

/** ADS WriteControl states for the system service: RECONFIG restarts into Config mode, RESET into Run. */
export const SystemControlState = { Run: 2, Config: 16 } as const;

/** Open mode flags of index group 120 (low 16 bits of the index offset). */
export const FileMode = { Read: 1, Write: 2, Append: 4, Plus: 8, Binary: 16, Text: 32 } as const;

/** Folder kinds (high 16 bits of the open offset): which folder a relative path starts from. */
export const FolderKind = { Generic: 1, BootProject: 2, BootData: 3, BootFolder: 4, Target: 5, Config: 6, Install: 7 } as const;
export type FolderKindValue = (typeof FolderKind)[keyof typeof FolderKind];

export function fileOpenOffset(mode: number, folderKind: number): number {
  return ((mode & 0xffff) | ((folderKind & 0xffff) << 16)) >>> 0;
}

export function decodeFileOpenOffset(offset: number): { mode: number; folderKind: number } {
  return { mode: offset & 0xffff, folderKind: (offset >>> 16) & 0xffff };
}

/** Text + NUL in Windows-1252, the way TwinCAT stores names, addresses and paths. */
export function encodeNulString(text: string): Uint8Array {
  const bytes = encodeWindows1252(text);
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  return out;
}

/** Text up to the first NUL (or the end); `terminated` says whether a NUL was found. */
export function decodeNulString(bytes: Uint8Array, offset = 0): { text: string; end: number; terminated: boolean } {
  let end = offset;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return { text: decodeWindows1252(bytes.subarray(offset, end)), end, terminated: end < bytes.length };
}

/** Offsets of one route record (index group 803 reply, index group 801 request). */
export const ROUTE_RECORD = {
  netId: 0,
  /** First byte kept as `raw`: the fields S1 skips unread. */
  rawStart: 6,
  addressLength: 32,
  nameLength: 36,
  strings: 44,
} as const;

/** Route transport type written at offset 6 (TCP/IP); the other values are not public. */
export const ROUTE_TRANSPORT_TCP_IP = 1;

export interface RouteRecordInput {
  netId: string;
  address: string;
  name: string;
  transport?: number;
}

/**
 * One route record: NetId, transport type (u16 at 6), zeros to 32, u32 address length and u32 name length (each
 * with its NUL), 4 zero bytes, then address + NUL and name + NUL. The add request (801) has the same layout.
 */
export function encodeRouteRecord(route: RouteRecordInput): Uint8Array {
  const address = encodeNulString(route.address);
  const name = encodeNulString(route.name);
  return new ByteWriter()
    .bytes(parseNetId(route.netId))
    .u16(route.transport ?? ROUTE_TRANSPORT_TCP_IP)
    .zeros(ROUTE_RECORD.addressLength - ROUTE_RECORD.rawStart - 2)
    .u32(address.length)
    .u32(name.length)
    .zeros(4)
    .bytes(address)
    .bytes(name)
    .toBytes();
}

/** The index group 801 write data for a new route entry. */
export const encodeAddRouteRequest = encodeRouteRecord;

/** The index group 802 write data: the route name as stored (case-sensitive) + NUL. */
export function encodeRemoveRouteRequest(name: string): Uint8Array {
  return encodeNulString(name);
}

export interface RouteRecord {
  /** null when the record is shorter than a NetId. */
  netId: string | null;
  address: string;
  name: string;
  /** Hex of bytes 6–43, which the public sources do not explain: shown and compared, never interpreted. */
  raw: string;
  /** Why this record looks odd (empty for a normal record). Odd records are still listed. */
  notes: string[];
}

/**
 * Reads one 803 reply without ever throwing: NetId at 0, the strings from 44, the 38 bytes between as raw hex.
 * Whatever does not fit the expected layout becomes a note, so one odd record never hides the others.
 */
export function decodeRouteRecord(bytes: Uint8Array): RouteRecord {
  const notes: string[] = [];
  const netId = bytes.length >= 6 ? formatNetId(bytes.subarray(0, 6)) : null;
  const raw = toHex(bytes.subarray(Math.min(ROUTE_RECORD.rawStart, bytes.length), Math.min(ROUTE_RECORD.strings, bytes.length)));
  if (bytes.length < ROUTE_RECORD.strings) {
    notes.push(`record has ${bytes.length} bytes, fewer than the ${ROUTE_RECORD.strings} before its strings`);
    return { netId, address: '', name: '', raw, notes };
  }
  const address = decodeNulString(bytes, ROUTE_RECORD.strings);
  if (!address.terminated) notes.push('address is not NUL-terminated');
  const name = address.terminated ? decodeNulString(bytes, address.end + 1) : { text: '', end: bytes.length, terminated: false };
  if (address.terminated && !name.terminated) notes.push('name is not NUL-terminated');
  if (!name.text) notes.push('record has no route name');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const addressLength = view.getUint32(ROUTE_RECORD.addressLength, true);
  const nameLength = view.getUint32(ROUTE_RECORD.nameLength, true);
  const addressBytes = address.end - ROUTE_RECORD.strings + 1;
  const nameBytes = name.end - address.end;
  if (address.terminated && name.terminated && (addressLength !== addressBytes || nameLength !== nameBytes)) {
    notes.push(`length fields say ${addressLength}/${nameLength} bytes, the strings have ${addressBytes}/${nameBytes}`);
  }
  return { netId, address: address.text, name: name.text, raw, notes };
}

/**
 * Marks records whose unknown bytes (ignoring the two length fields) differ from those of most other records: such a
 * record may be a route type this tool does not know, so the user sees it flagged instead of it silently blending in.
 */
export function flagUnusualRawBytes(records: RouteRecord[]): RouteRecord[] {
  const lengthsStart = (ROUTE_RECORD.addressLength - ROUTE_RECORD.rawStart) * 2;
  const lengthsEnd = (ROUTE_RECORD.nameLength + 4 - ROUTE_RECORD.rawStart) * 2;
  const pattern = (raw: string) => raw.slice(0, lengthsStart) + raw.slice(lengthsEnd);
  const counts = new Map<string, number>();
  for (const record of records) counts.set(pattern(record.raw), (counts.get(pattern(record.raw)) ?? 0) + 1);
  let common = '';
  let best = 0;
  for (const [key, count] of counts) if (count > best) [common, best] = [key, count];
  if (records.length < 3 || best * 2 <= records.length) return records;
  return records.map((record) =>
    pattern(record.raw) === common ? record : { ...record, notes: [...record.notes, 'its unknown bytes differ from the other routes'] },
  );
}

/** The fingerprint text of index group 700 offset 9: hex up to the NUL, lower-cased; null when it is not 64 hex. */
export function decodeFingerprintText(bytes: Uint8Array): string | null {
  const text = decodeNulString(bytes).text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(text) ? text : null;
}

/**
 * A path for folder-kind file access: relative, no `..` segment, no drive or leading separator. Returns the
 * segments (both separators accepted, since TwinCAT is Windows-first) or throws.
 */
export function relativePathSegments(path: string): string[] {
  if (!path || /^[\\/]/.test(path) || /^[a-zA-Z]:/.test(path)) {
    throw new ProtocolError('bad-field', 'file path must be relative to the folder kind');
  }
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (!segments.length || segments.some((s) => s === '..' || s.includes('\0'))) {
    throw new ProtocolError('bad-field', 'file path must stay inside its folder (no "..")');
  }
  return segments;
}
