import { ByteReader, ByteWriter, toHex } from './bytes';
import { ProtocolError } from './errors';
import { formatNetId, parseNetId } from './netid';
import { decodeOsBlob, type OsInfo } from './os-version';
import { decodeTwinCatVersion, encodeTwinCatVersion, type TwinCatVersion } from './twincat-version';
import { normalizeFingerprint } from './fingerprint';
import { adsErrorText } from './ads-errors';

/** The UDP 48899 service protocol: discovery and add route. */

export const UDP_SERVICE_PORT = 48899;
export const UDP_MAGIC = 0x71146603;
export const UDP_HEADER_LENGTH = 24;
export const RESPONSE_BIT = 0x80000000;
export const DEFAULT_AMS_PORT = 10000;

export const UdpService = { Discovery: 1, AddRoute: 6 } as const;

export const UdpTag = {
  Status: 0x0001,
  Password: 0x0002,
  TwinCatVersion: 0x0003,
  OsVersion: 0x0004,
  /** Target host name in discovery replies; the address the target stores in add-route requests. */
  HostName: 0x0005,
  NetId: 0x0007,
  IpAddress: 0x0008,
  Options: 0x0009,
  RouteName: 0x000c,
  UserName: 0x000d,
  EncryptedPassword: 0x000e,
  EncryptedUserName: 0x000f,
  MaxFragment: 0x0010,
  Fingerprint: 0x0012,
} as const;

const TAG_NAMES: Record<number, string> = {
  [UdpTag.Status]: 'status',
  [UdpTag.Password]: 'password',
  [UdpTag.TwinCatVersion]: 'twincat-version',
  [UdpTag.OsVersion]: 'os-version',
  [UdpTag.HostName]: 'hostname',
  [UdpTag.NetId]: 'netid',
  [UdpTag.IpAddress]: 'ip-address',
  [UdpTag.Options]: 'options',
  [UdpTag.RouteName]: 'route-name',
  [UdpTag.UserName]: 'user-name',
  [UdpTag.EncryptedPassword]: 'encrypted-password',
  [UdpTag.EncryptedUserName]: 'encrypted-user-name',
  [UdpTag.MaxFragment]: 'max-fragment',
  [UdpTag.Fingerprint]: 'fingerprint',
};

/** Kebab-case name of a tag id; unknown ids read "unknown-0x0042". */
export function tagName(id: number): string {
  return TAG_NAMES[id] ?? `unknown-${hexN(id, 4)}`;
}

export interface UdpTagEntry {
  id: number;
  name: string;
  value: Uint8Array;
}

export interface UdpMessage {
  /** Service id without the response bit (1 discovery, 6 add route). */
  service: number;
  response: boolean;
  invokeId: number;
  netId: string;
  port: number;
  tags: UdpTagEntry[];
}

export type UdpDecodeResult = { ok: true; message: UdpMessage } | { ok: false; error: ProtocolError };

export function decodeUdpMessage(bytes: Uint8Array): UdpMessage {
  if (bytes.length < UDP_HEADER_LENGTH) {
    throw new ProtocolError('too-short', `datagram has ${bytes.length} bytes but the UDP 48899 header needs ${UDP_HEADER_LENGTH}`);
  }
  const r = new ByteReader(bytes, 'UDP 48899 datagram');
  const magic = r.u32('magic');
  if (magic !== UDP_MAGIC) throw new ProtocolError('bad-magic', `bad magic ${hexN(magic, 8)} at offset 0`);
  const invokeId = r.u32('invoke id');
  const serviceField = r.u32('service');
  const netId = formatNetId(r.take(6, 'NetId'));
  const port = r.u16('port');
  const count = r.u32('tag count');
  const tags: UdpTagEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (r.remaining < 4) {
      throw new ProtocolError(
        'tag-count-mismatch',
        `header announces ${count} tags but the datagram ends after ${i} (offset ${r.offset}, ${r.remaining} bytes left)`,
      );
    }
    const at = r.offset;
    const id = r.u16();
    const length = r.u16();
    if (length > r.remaining) {
      throw new ProtocolError('tag-overrun', `tag ${hexN(id, 4)} at offset ${at} claims ${length} bytes but only ${r.remaining} remain`);
    }
    tags.push({ id, name: tagName(id), value: r.take(length).slice() });
  }
  return {
    service: (serviceField & ~RESPONSE_BIT) >>> 0,
    response: (serviceField & RESPONSE_BIT) !== 0,
    invokeId,
    netId,
    port,
    tags,
  };
}

export function tryDecodeUdpMessage(bytes: Uint8Array): UdpDecodeResult {
  try {
    return { ok: true, message: decodeUdpMessage(bytes) };
  } catch (error) {
    if (error instanceof ProtocolError) return { ok: false, error };
    return { ok: false, error: new ProtocolError('bad-field', error instanceof Error ? error.message : String(error)) };
  }
}

/** First tag with this id: duplicates are kept in the message, but the first one wins when interpreting. */
export function findTag(msg: UdpMessage, id: number): UdpTagEntry | undefined {
  return msg.tags.find((t) => t.id === id);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const utf8 = new TextEncoder();

/** Text up to the first NUL: UTF-8 when it is valid UTF-8 (what clients send), else byte-per-character. */
export function decodeUdpString(value: Uint8Array): string {
  const end = value.indexOf(0);
  const text = end >= 0 ? value.subarray(0, end) : value;
  try {
    return strictUtf8.decode(text);
  } catch {
    let out = '';
    for (const b of text) out += String.fromCharCode(b);
    return out;
  }
}

/** UTF-8 plus the terminating NUL, as the tag length must count it. */
export function encodeUdpString(text: string, field: string): Uint8Array {
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new ProtocolError('bad-string', `${field} contains a NUL character at position ${nul + 1}`);
  const encoded = utf8.encode(text);
  if (encoded.length + 1 > 0xffff) throw new ProtocolError('too-long', `${field} is ${encoded.length} bytes, too long for a tag`);
  const out = new Uint8Array(encoded.length + 1);
  out.set(encoded);
  return out;
}

function u32Value(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value >>> 0, true);
  return out;
}

function readTagU32(tag: UdpTagEntry | undefined): number | null {
  if (!tag || tag.value.length !== 4) return null;
  return new DataView(tag.value.buffer, tag.value.byteOffset, 4).getUint32(0, true);
}

interface HeaderOptions {
  service: number;
  invokeId?: number;
  netId: string;
  port?: number;
}

function encodeMessage(header: HeaderOptions, tags: Array<[number, Uint8Array]>): Uint8Array {
  const port = header.port ?? DEFAULT_AMS_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 0xffff) throw new ProtocolError('bad-field', `AMS port ${port} is not 0..65535`);
  const w = new ByteWriter()
    .u32(UDP_MAGIC)
    .u32(header.invokeId ?? 0)
    .u32(header.service)
    .bytes(parseNetId(header.netId))
    .u16(port)
    .u32(tags.length);
  for (const [id, value] of tags) {
    if (value.length > 0xffff) throw new ProtocolError('too-long', `tag ${tagName(id)} value has ${value.length} bytes`);
    w.u16(id).u16(value.length).bytes(value);
  }
  return w.toBytes();
}

function expectService(msg: UdpMessage, service: number, response: boolean, what: string): void {
  if (msg.service !== service || msg.response !== response) {
    const expected = (service | (response ? RESPONSE_BIT : 0)) >>> 0;
    const got = (msg.service | (msg.response ? RESPONSE_BIT : 0)) >>> 0;
    throw new ProtocolError('bad-service', `expected ${what} (service ${hexN(expected, 8)}), got service ${hexN(got, 8)}`);
  }
}

function hexN(value: number, digits: number): string {
  return `0x${(value >>> 0).toString(16).padStart(digits, '0')}`;
}

// ---------------------------------------------------------------- discovery

export function encodeDiscoveryRequest(opts: { netId: string; port?: number; invokeId?: number }): Uint8Array {
  return encodeMessage({ service: UdpService.Discovery, ...opts }, []);
}

export interface DiscoveryInfo {
  hostname: string;
  netId: string;
  twincat: TwinCatVersion | null;
  os: OsInfo | null;
  /** 64 lower-case hex digits (tag 0x12): the target offers Secure ADS. Unauthenticated. */
  fingerprint: string | null;
  unknownTags: UdpTagEntry[];
}

const DISCOVERY_TAGS = new Set<number>([UdpTag.HostName, UdpTag.OsVersion, UdpTag.TwinCatVersion, UdpTag.Fingerprint]);

/** Optional tags that are malformed become null: the device is still worth listing. */
export function interpretDiscoveryReply(msg: UdpMessage): DiscoveryInfo {
  expectService(msg, UdpService.Discovery, true, 'a discovery reply');
  const hostTag = findTag(msg, UdpTag.HostName);
  if (!hostTag) throw new ProtocolError('missing-tag', 'discovery reply has no hostname tag (0x0005)');
  const versionTag = findTag(msg, UdpTag.TwinCatVersion);
  const osTag = findTag(msg, UdpTag.OsVersion);
  const fingerprintTag = findTag(msg, UdpTag.Fingerprint);
  return {
    hostname: decodeUdpString(hostTag.value),
    netId: msg.netId,
    twincat: versionTag && versionTag.value.length >= 4 ? decodeTwinCatVersion(versionTag.value) : null,
    os: osTag ? tolerantOs(osTag.value) : null,
    fingerprint: fingerprintTag ? normalizeFingerprint(decodeUdpString(fingerprintTag.value)) : null,
    unknownTags: msg.tags.filter((t) => !DISCOVERY_TAGS.has(t.id)),
  };
}

function tolerantOs(value: Uint8Array): OsInfo | null {
  try {
    return decodeOsBlob(value);
  } catch {
    return null;
  }
}

export function encodeDiscoveryReply(opts: {
  invokeId?: number;
  netId: string;
  port?: number;
  hostname: string;
  os: Uint8Array;
  twincat: { major: number; minor: number; build: number };
  fingerprint?: string | null;
}): Uint8Array {
  const tags: Array<[number, Uint8Array]> = [
    [UdpTag.HostName, encodeUdpString(opts.hostname, 'hostname')],
    [UdpTag.OsVersion, opts.os],
    [UdpTag.TwinCatVersion, encodeTwinCatVersion(opts.twincat)],
  ];
  if (opts.fingerprint != null) {
    const fp = normalizeFingerprint(opts.fingerprint);
    if (!fp) throw new ProtocolError('bad-field', 'fingerprint is not 64 hex digits');
    tags.push([UdpTag.Fingerprint, encodeUdpString(fp, 'fingerprint')]);
  }
  return encodeMessage(
    { service: (UdpService.Discovery | RESPONSE_BIT) >>> 0, invokeId: opts.invokeId, netId: opts.netId, port: opts.port },
    tags,
  );
}

// ---------------------------------------------------------------- add route

export interface AddRouteRequest {
  /** Header NetId; TwinCAT puts the NetId being registered here too. */
  senderNetId: string;
  routeName: string;
  /** NetId of the route to create on the target (normally this PC's). */
  netId: string;
  user: string;
  password: string;
  /** IP or host name under which the target stores this PC. */
  address: string;
  temporary?: boolean;
  maxFragment?: number;
  invokeId?: number;
  port?: number;
}

export function encodeAddRouteRequest(req: AddRouteRequest): Uint8Array {
  const tags: Array<[number, Uint8Array]> = [
    [UdpTag.RouteName, encodeUdpString(req.routeName, 'route name')],
    [UdpTag.NetId, parseNetId(req.netId)],
  ];
  if (req.maxFragment !== undefined) {
    if (!Number.isInteger(req.maxFragment) || req.maxFragment < 0 || req.maxFragment > 0xffffffff) {
      throw new ProtocolError('bad-field', `max fragment ${req.maxFragment} is not a u32`);
    }
    tags.push([UdpTag.MaxFragment, u32Value(req.maxFragment)]);
  }
  tags.push(
    [UdpTag.UserName, encodeUdpString(req.user, 'user name')],
    [UdpTag.Password, encodeUdpString(req.password, 'password')],
    [UdpTag.HostName, encodeUdpString(req.address, 'route address')],
  );
  if (req.temporary) tags.push([UdpTag.Options, u32Value(1)]);
  return encodeMessage({ service: UdpService.AddRoute, invokeId: req.invokeId, netId: req.senderNetId, port: req.port }, tags);
}

export interface AddRouteRequestInfo {
  routeName: string | null;
  netId: string | null;
  user: string | null;
  password: string | null;
  address: string | null;
  temporary: boolean;
  maxFragment: number | null;
  /** XAE 4024 sends user and password as opaque 16-byte blobs (tags 0x0F/0x0E) instead. */
  encryptedCredentials: boolean;
}

export function interpretAddRouteRequest(msg: UdpMessage): AddRouteRequestInfo {
  expectService(msg, UdpService.AddRoute, false, 'an add-route request');
  const text = (id: number): string | null => {
    const tag = findTag(msg, id);
    return tag ? decodeUdpString(tag.value) : null;
  };
  const netIdTag = findTag(msg, UdpTag.NetId);
  const options = readTagU32(findTag(msg, UdpTag.Options));
  return {
    routeName: text(UdpTag.RouteName),
    netId: netIdTag && netIdTag.value.length === 6 ? formatNetId(netIdTag.value) : null,
    user: text(UdpTag.UserName),
    password: text(UdpTag.Password),
    address: text(UdpTag.HostName),
    temporary: options !== null && (options & 1) === 1,
    maxFragment: readTagU32(findTag(msg, UdpTag.MaxFragment)),
    encryptedCredentials: !!(findTag(msg, UdpTag.EncryptedPassword) || findTag(msg, UdpTag.EncryptedUserName)),
  };
}

export function encodeAddRouteReply(opts: { invokeId?: number; netId: string; status: number; port?: number }): Uint8Array {
  return encodeMessage(
    { service: (UdpService.AddRoute | RESPONSE_BIT) >>> 0, invokeId: opts.invokeId, netId: opts.netId, port: opts.port },
    [[UdpTag.Status, u32Value(opts.status)]],
  );
}

export const ADD_ROUTE_WRONG_CREDENTIALS = 0x704;
export const ADD_ROUTE_MISSING_DATA = 0x706;

export function addRouteStatusText(status: number): string {
  switch (status) {
    case 0:
      return 'OK';
    case ADD_ROUTE_WRONG_CREDENTIALS:
      return 'wrong user name or password (ADSERR_DEVICE_INVALIDACCESS)';
    case ADD_ROUTE_MISSING_DATA:
      return 'missing data (ADSERR_DEVICE_INVALIDDATA)';
    default:
      return adsErrorText(status);
  }
}

export function interpretAddRouteReply(msg: UdpMessage): { status: number; statusText: string } {
  expectService(msg, UdpService.AddRoute, true, 'an add-route reply');
  const tag = findTag(msg, UdpTag.Status);
  if (!tag) throw new ProtocolError('missing-tag', 'add-route reply has no status tag (0x0001)');
  const status = readTagU32(tag);
  if (status === null) throw new ProtocolError('bad-tag-length', `status tag has ${tag.value.length} bytes, expected 4`);
  return { status, statusText: addRouteStatusText(status) };
}

/** Short hex preview for logs and tables (never used for credential tags). */
export function previewHex(value: Uint8Array, max = 32): string {
  return value.length > max ? `${toHex(value.subarray(0, max))}… (${value.length} bytes)` : toHex(value);
}
