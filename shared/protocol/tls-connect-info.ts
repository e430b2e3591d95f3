import { ByteReader, ByteWriter, concatBytes } from './bytes';
import { ProtocolError } from './errors';
import { formatNetId, parseNetId } from './netid';
import { decodeWindows1252, encodeWindows1252 } from './windows1252';

/** TlsConnectInfo: the one message each side sends right after the Secure ADS TLS handshake. */

export const TlsConnectFlag = {
  Response: 0x01,
  AmsAllowed: 0x02,
  ServerInfo: 0x04,
  OwnFile: 0x08,
  SelfSigned: 0x10,
  IpAddr: 0x20,
  IgnoreCn: 0x40,
  AddRemote: 0x80,
} as const;

export const TlsConnectError = { NoError: 0, Version: 1, CnMismatch: 2, UnknownCert: 3, UnknownUser: 4 } as const;

export const TLS_CONNECT_INFO_BASE_LENGTH = 64;
export const TLS_CONNECT_INFO_MAX_LENGTH = 512;
const HOSTNAME_OFFSET = 32;
const HOSTNAME_FIELD = 32;
/** Longest host name (route name on the target) a TlsConnectInfo carries: the field keeps one byte for the NUL. */
export const TLS_CONNECT_INFO_MAX_HOSTNAME = HOSTNAME_FIELD - 1;

export function tlsConnectErrorText(code: number): string {
  switch (code) {
    case TlsConnectError.NoError:
      return 'no error';
    case TlsConnectError.Version:
      return 'the target does not know this TlsConnectInfo version';
    case TlsConnectError.CnMismatch:
      return 'certificate common name does not match';
    case TlsConnectError.UnknownCert:
      return 'certificate unknown to the target (not trusted or not registered)';
    case TlsConnectError.UnknownUser:
      return 'wrong user name or password, or unknown client';
    default:
      return `unknown TlsConnectInfo error ${code}`;
  }
}

export interface TlsConnectInfo {
  length: number;
  flags: number;
  version: number;
  error: number;
  netId: string;
  hostname: string;
  user?: string;
  password?: string;
}

export interface TlsConnectInfoInput {
  flags: number;
  version?: number;
  error?: number;
  netId: string;
  hostname: string;
  user?: string;
  password?: string;
}

export function encodeTlsConnectInfo(info: TlsConnectInfoInput): Uint8Array {
  if ((info.user === undefined) !== (info.password === undefined)) {
    throw new ProtocolError('bad-field', 'TlsConnectInfo needs both user and password, or neither');
  }
  checkByte('flags', info.flags, 0xffff);
  checkByte('version', info.version ?? 1, 0xff);
  checkByte('error', info.error ?? 0, 0xff);
  const user = info.user === undefined ? new Uint8Array(0) : encodeField(info.user, 'user name');
  const password = info.password === undefined ? new Uint8Array(0) : encodeField(info.password, 'password');
  if (user.length > 0xff) throw new ProtocolError('too-long', `user name is ${user.length} bytes, at most 255 fit`);
  if (password.length > 0xff) throw new ProtocolError('too-long', `password is ${password.length} bytes, at most 255 fit`);
  const length = TLS_CONNECT_INFO_BASE_LENGTH + user.length + password.length;
  if (length > TLS_CONNECT_INFO_MAX_LENGTH) {
    throw new ProtocolError('too-long', `TlsConnectInfo would be ${length} bytes, at most ${TLS_CONNECT_INFO_MAX_LENGTH} allowed`);
  }
  // Keep one byte for the NUL, as Beckhoff's C++ port does.
  const host = encodeField(info.hostname, 'host name').subarray(0, TLS_CONNECT_INFO_MAX_HOSTNAME);
  const w = new ByteWriter()
    .u16(length)
    .u16(info.flags)
    .u8(info.version ?? 1)
    .u8(info.error ?? 0)
    .bytes(parseNetId(info.netId))
    .u8(user.length)
    .u8(password.length)
    .zeros(HOSTNAME_OFFSET - 14)
    .bytes(host)
    .zeros(HOSTNAME_FIELD - host.length);
  return concatBytes(w.toBytes(), user, password);
}

export function decodeTlsConnectInfo(bytes: Uint8Array): TlsConnectInfo {
  const r = new ByteReader(bytes, 'TlsConnectInfo');
  r.need(TLS_CONNECT_INFO_BASE_LENGTH, 'fixed part');
  const length = r.u16();
  checkLength(length);
  if (bytes.length < length) {
    throw new ProtocolError('too-short', `TlsConnectInfo announces ${length} bytes but only ${bytes.length} are present`);
  }
  const flags = r.u16();
  const version = r.u8();
  const error = r.u8();
  const netId = formatNetId(r.take(6));
  const userLength = r.u8();
  const passwordLength = r.u8();
  if (TLS_CONNECT_INFO_BASE_LENGTH + userLength + passwordLength > length) {
    throw new ProtocolError(
      'bad-field',
      `TlsConnectInfo user (${userLength}) and password (${passwordLength}) lengths at offset 12 exceed the message length ${length}`,
    );
  }
  r.offset = HOSTNAME_OFFSET;
  const hostname = decodeZ(r.take(HOSTNAME_FIELD));
  const info: TlsConnectInfo = { length, flags, version, error, netId, hostname };
  if (userLength > 0 || passwordLength > 0) {
    info.user = decodeWindows1252(r.take(userLength));
    info.password = decodeWindows1252(r.take(passwordLength));
  }
  return info;
}

/**
 * Collects one TlsConnectInfo from a TLS stream: two bytes give the length, then it waits for the rest.
 * `rest` is what followed it in the same chunk (already AMS). The reader then starts over.
 */
export class TlsConnectInfoReader {
  private pending: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): { info: TlsConnectInfo; rest: Uint8Array } | null {
    this.pending = concatBytes(this.pending, chunk);
    if (this.pending.length < 2) return null;
    const length = this.pending[0]! | (this.pending[1]! << 8);
    checkLength(length);
    if (this.pending.length < length) return null;
    const message = this.pending.subarray(0, length);
    const rest = this.pending.slice(length);
    this.pending = new Uint8Array(0);
    return { info: decodeTlsConnectInfo(message), rest };
  }
}

function checkLength(length: number): void {
  if (length < TLS_CONNECT_INFO_BASE_LENGTH || length > TLS_CONNECT_INFO_MAX_LENGTH) {
    throw new ProtocolError(
      'bad-field',
      `TlsConnectInfo length ${length} at offset 0 is outside ${TLS_CONNECT_INFO_BASE_LENGTH}..${TLS_CONNECT_INFO_MAX_LENGTH}`,
    );
  }
}

function checkByte(field: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new ProtocolError('bad-field', `TlsConnectInfo ${field} ${value} is outside 0..${max}`);
  }
}

function encodeField(text: string, field: string): Uint8Array {
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new ProtocolError('bad-string', `${field} contains a NUL character at position ${nul + 1}`);
  try {
    return encodeWindows1252(text);
  } catch (error) {
    if (error instanceof ProtocolError) throw new ProtocolError(error.code, `${field}: ${error.message}`);
    throw error;
  }
}

function decodeZ(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return decodeWindows1252(end >= 0 ? bytes.subarray(0, end) : bytes);
}
