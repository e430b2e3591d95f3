/**
 * Encoders for what the client sends and strict decoders for what the server sends
 * (RFC 5246 §7.4, RFC 4492 / 8422 for ECDHE, RFC 4279 for PSK). Decoders throw TlsFatal only.
 */
import { BigEndianReader, bytesToBigInt, concatBytes, u16, u24, vector } from './bytes';
import type { SignatureHash } from './crypto-primitives';
import { TlsFatal, decodeError } from './tls-error';

export const HandshakeType = {
  HelloRequest: 0,
  ClientHello: 1,
  ServerHello: 2,
  Certificate: 11,
  ServerKeyExchange: 12,
  CertificateRequest: 13,
  ServerHelloDone: 14,
  CertificateVerify: 15,
  ClientKeyExchange: 16,
  Finished: 20,
} as const;
export type HandshakeType = (typeof HandshakeType)[keyof typeof HandshakeType];

export const ExtensionType = {
  SupportedGroups: 10,
  EcPointFormats: 11,
  SignatureAlgorithms: 13,
} as const;

export const NamedGroup = { secp256r1: 23, x25519: 29 } as const;

/**
 * A certificate chain or a DH prime fits easily; anything bigger is an attack on our memory.
 * (OpenSSL allows 100 KiB for a chain; TwinCAT sends one self-signed certificate of about 1 KiB.)
 */
export const MAX_HANDSHAKE_MESSAGE = 64 * 1024;
/** Longer chains than this are no real PKI and only cost us parsing and caller-side validation. */
export const MAX_CHAIN_CERTIFICATES = 10;

export interface HandshakeMessage {
  type: number;
  body: Uint8Array;
  /** The full message (header + body), as it enters the transcript. */
  raw: Uint8Array;
}

/** Reassembles handshake messages that span records or share one record. */
export class HandshakeDefragmenter {
  // Fragments are kept as a list and joined once per complete message: a server that dribbles a
  // message in 1-byte records must not make us copy the growing buffer on every record (quadratic).
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  push(fragment: Uint8Array): void {
    if (fragment.length === 0) return;
    this.chunks.push(fragment.slice());
    this.buffered += fragment.length;
  }

  /** True while part of a message is waiting for its remainder. */
  get hasPartial(): boolean {
    return this.buffered > 0;
  }

  next(): HandshakeMessage | null {
    if (this.buffered < 4) return null;
    const header = this.peekHeader();
    const length = ((header[1] as number) << 16) | ((header[2] as number) << 8) | (header[3] as number);
    if (length > MAX_HANDSHAKE_MESSAGE) {
      throw new TlsFatal('decode-error', `server handshake message of ${length} bytes is too large`, 'decode_error');
    }
    if (this.buffered < 4 + length) return null;
    const all = this.chunks.length === 1 ? (this.chunks[0] as Uint8Array) : concatBytes(...this.chunks);
    const raw = all.slice(0, 4 + length);
    const rest = all.subarray(4 + length);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return { type: raw[0] as number, body: raw.subarray(4), raw };
  }

  private peekHeader(): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    if (first.length >= 4) return first;
    const header = new Uint8Array(4);
    let filled = 0;
    for (const chunk of this.chunks) {
      const take = Math.min(chunk.length, 4 - filled);
      header.set(chunk.subarray(0, take), filled);
      filled += take;
      if (filled === 4) break;
    }
    return header;
  }
}

export function encodeHandshake(type: HandshakeType, body: Uint8Array): Uint8Array {
  return concatBytes(Uint8Array.of(type), u24(body.length), body);
}

// ---- signature algorithms (RFC 5246 §7.4.1.4.1) --------------------------------------------------

const HASH_CODES: Readonly<Record<SignatureHash, number>> = { sha1: 2, sha256: 4, sha384: 5, sha512: 6 };
const RSA_SIGNATURE = 1;
/** rsa_pkcs1 only: PSS is left out on purpose to keep one signature scheme. */
export const OFFERED_SIGNATURE_HASHES: readonly SignatureHash[] = ['sha256', 'sha384', 'sha512', 'sha1'];

export function signatureAlgorithmCode(hash: SignatureHash): number {
  return (HASH_CODES[hash] << 8) | RSA_SIGNATURE;
}

/** The offered rsa_pkcs1 hash a SignatureAndHashAlgorithm stands for, or null. */
export function rsaHashOf(code: number): SignatureHash | null {
  if ((code & 0xff) !== RSA_SIGNATURE) return null;
  const hash = code >> 8;
  return OFFERED_SIGNATURE_HASHES.find((h) => HASH_CODES[h] === hash) ?? null;
}

// ---- what the client sends ---------------------------------------------------------------------

/** The ClientHello differs between handshakes only in its random: built once per offer, then copied. */
const clientHelloTemplates = new Map<string, Uint8Array>();
const CLIENT_HELLO_RANDOM_AT = 4 + 2;

export function encodeClientHello(random: Uint8Array, suiteIds: readonly number[], offerEcdhe: boolean): Uint8Array {
  if (random.length !== 32) throw new RangeError('a ClientHello random is 32 bytes');
  const offer = `${offerEcdhe ? 'ecdhe' : ''}:${suiteIds.join(',')}`;
  let template = clientHelloTemplates.get(offer);
  if (!template) {
    template = buildClientHello(new Uint8Array(32), suiteIds, offerEcdhe);
    clientHelloTemplates.set(offer, template);
  }
  const hello = template.slice();
  hello.set(random, CLIENT_HELLO_RANDOM_AT);
  return hello;
}

function buildClientHello(random: Uint8Array, suiteIds: readonly number[], offerEcdhe: boolean): Uint8Array {
  const suites = concatBytes(...suiteIds.map(u16));
  const sigAlgs = concatBytes(...OFFERED_SIGNATURE_HASHES.map((h) => u16(signatureAlgorithmCode(h))));
  const extensions: Uint8Array[] = [concatBytes(u16(ExtensionType.SignatureAlgorithms), vector(2, vector(2, sigAlgs)))];
  if (offerEcdhe) {
    const groups = concatBytes(u16(NamedGroup.x25519), u16(NamedGroup.secp256r1));
    extensions.push(concatBytes(u16(ExtensionType.SupportedGroups), vector(2, vector(2, groups))));
    // Only "uncompressed" (0): the one point format every implementation supports.
    extensions.push(concatBytes(u16(ExtensionType.EcPointFormats), vector(2, vector(1, Uint8Array.of(0)))));
  }
  const body = concatBytes(
    u16(0x0303),
    random,
    vector(1, new Uint8Array(0)), // empty session id: no resumption
    vector(2, suites),
    vector(1, Uint8Array.of(0)), // null compression only
    vector(2, concatBytes(...extensions)),
  );
  return encodeHandshake(HandshakeType.ClientHello, body);
}

export function encodeCertificate(chainDer: readonly Uint8Array[]): Uint8Array {
  return encodeHandshake(HandshakeType.Certificate, vector(3, concatBytes(...chainDer.map((c) => vector(3, c)))));
}

export function encodeClientKeyExchange(kind: 'dhe' | 'ecdhe' | 'psk', value: Uint8Array): Uint8Array {
  return encodeHandshake(HandshakeType.ClientKeyExchange, vector(kind === 'ecdhe' ? 1 : 2, value));
}

export function encodeCertificateVerify(hash: SignatureHash, signature: Uint8Array): Uint8Array {
  return encodeHandshake(HandshakeType.CertificateVerify, concatBytes(u16(signatureAlgorithmCode(hash)), vector(2, signature)));
}

export function encodeFinished(verifyData: Uint8Array): Uint8Array {
  return encodeHandshake(HandshakeType.Finished, verifyData);
}

// ---- what the server sends ---------------------------------------------------------------------

export interface ServerHello {
  version: number;
  random: Uint8Array;
  sessionId: Uint8Array;
  cipherSuite: number;
  compression: number;
  /** Extension type → data, in arrival order. */
  extensions: Map<number, Uint8Array>;
}

export function parseServerHello(body: Uint8Array): ServerHello {
  const r = new BigEndianReader(body, 'ServerHello');
  const version = r.u16();
  const random = r.take(32);
  const sessionId = r.vector(1);
  if (sessionId.length > 32) throw decodeError('ServerHello');
  const cipherSuite = r.u16();
  const compression = r.u8();
  const extensions = new Map<number, Uint8Array>();
  if (r.remaining > 0) {
    const ext = new BigEndianReader(r.vector(2), 'ServerHello extensions');
    while (ext.remaining > 0) {
      const type = ext.u16();
      const data = ext.vector(2);
      if (extensions.has(type)) throw new TlsFatal('decode-error', 'server repeated a ServerHello extension', 'illegal_parameter');
      extensions.set(type, data);
    }
  }
  r.end();
  return { version, random, sessionId, cipherSuite, compression, extensions };
}

export function parseEcPointFormats(data: Uint8Array): number[] {
  const r = new BigEndianReader(data, 'ec_point_formats extension');
  const formats = [...r.vector(1, 1)];
  r.end();
  return formats;
}

export function parseCertificateList(body: Uint8Array): Uint8Array[] {
  const r = new BigEndianReader(body, 'Certificate');
  const list = new BigEndianReader(r.vector(3), 'Certificate');
  r.end();
  const chain: Uint8Array[] = [];
  while (list.remaining > 0) {
    if (chain.length === MAX_CHAIN_CERTIFICATES) {
      throw new TlsFatal(
        'certificate-rejected',
        `server sent a chain of more than ${MAX_CHAIN_CERTIFICATES} certificates`,
        'bad_certificate',
      );
    }
    chain.push(list.vector(3, 1).slice());
  }
  return chain;
}

export interface SignedParams {
  /** The exact ServerKeyExchange params bytes the signature covers. */
  params: Uint8Array;
  signatureAlgorithm: number;
  signature: Uint8Array;
}

export interface DheServerParams extends SignedParams {
  p: bigint;
  g: bigint;
  ys: bigint;
  pBytes: number;
}

export function parseDheServerKeyExchange(body: Uint8Array): DheServerParams {
  const r = new BigEndianReader(body, 'ServerKeyExchange');
  const p = r.vector(2, 1);
  const g = r.vector(2, 1);
  const ys = r.vector(2, 1);
  const params = body.subarray(0, body.length - r.remaining);
  const signatureAlgorithm = r.u16();
  const signature = r.vector(2, 1);
  r.end();
  return { p: bytesToBigInt(p), g: bytesToBigInt(g), ys: bytesToBigInt(ys), pBytes: p.length, params, signatureAlgorithm, signature };
}

export interface EcdheServerParams extends SignedParams {
  group: number;
  point: Uint8Array;
}

const NAMED_CURVE = 3;

export function parseEcdheServerKeyExchange(body: Uint8Array): EcdheServerParams {
  const r = new BigEndianReader(body, 'ServerKeyExchange');
  const curveType = r.u8();
  if (curveType !== NAMED_CURVE) throw new TlsFatal('handshake-failure', 'server used an explicit EC curve', 'illegal_parameter');
  const group = r.u16();
  const point = r.vector(1, 1);
  const params = body.subarray(0, body.length - r.remaining);
  const signatureAlgorithm = r.u16();
  const signature = r.vector(2, 1);
  r.end();
  return { group, point, params, signatureAlgorithm, signature };
}

export function parsePskServerKeyExchange(body: Uint8Array): { hint: Uint8Array } {
  const r = new BigEndianReader(body, 'ServerKeyExchange');
  const hint = r.vector(2);
  r.end();
  return { hint };
}

export interface CertificateRequest {
  certificateTypes: number[];
  signatureAlgorithms: number[];
  authorities: Uint8Array[];
}

export function parseCertificateRequest(body: Uint8Array): CertificateRequest {
  const r = new BigEndianReader(body, 'CertificateRequest');
  const certificateTypes = [...r.vector(1, 1)];
  const algs = new BigEndianReader(r.vector(2, 2), 'CertificateRequest');
  const signatureAlgorithms: number[] = [];
  while (algs.remaining > 0) signatureAlgorithms.push(algs.u16());
  const cas = new BigEndianReader(r.vector(2), 'CertificateRequest');
  const authorities: Uint8Array[] = [];
  while (cas.remaining > 0) authorities.push(cas.vector(2, 1));
  r.end();
  return { certificateTypes, signatureAlgorithms, authorities };
}

export function parseServerHelloDone(body: Uint8Array): void {
  if (body.length !== 0) throw decodeError('ServerHelloDone');
}

export const VERIFY_DATA_LENGTH = 12;

export function parseFinished(body: Uint8Array): Uint8Array {
  if (body.length !== VERIFY_DATA_LENGTH) throw decodeError('Finished');
  return body;
}
