/**
 * TLS 1.2 record layer (RFC 5246 §6.2, RFC 5288 for GCM): framing, limits and record protection.
 * Everything here is synchronous and socket-free so it can be fuzzed directly.
 */
import { concatBytes } from './bytes';
import {
  aesCbcStream,
  aesGcmOpen,
  aesGcmSeal,
  constantTimeEqual,
  digest,
  hashOutputLength,
  hmac,
  publicRandomBytes,
  type CbcStream,
  type MacHash,
} from './crypto-primitives';
import { TlsFatal } from './tls-error';

export const ContentType = {
  ChangeCipherSpec: 20,
  Alert: 21,
  Handshake: 22,
  ApplicationData: 23,
} as const;
export type ContentType = (typeof ContentType)[keyof typeof ContentType];

export const TLS12 = 0x0303;
export const MAX_PLAINTEXT = 2 ** 14;
export const MAX_CIPHERTEXT = 2 ** 14 + 2048;
const HEADER = 5;
const AES_BLOCK = 16;
const GCM_EXPLICIT_NONCE = 8;
const GCM_TAG = 16;

export interface TlsRecord {
  type: ContentType;
  version: number;
  fragment: Uint8Array;
}

export interface HeaderRules {
  /** Before ServerHello the record version may be any SSL3/TLS 1.x value; afterwards only 1.2. */
  versionNegotiated: boolean;
  /** Once the read side is protected, records may carry up to 2^14+2048 bytes. */
  protectedRead: boolean;
}

export function parseRecordHeader(header: Uint8Array, rules: HeaderRules): { type: ContentType; version: number; length: number } {
  if (header.length < HEADER) throw new TlsFatal('decode-error', 'short record header', 'decode_error');
  const type = header[0] as number;
  const version = ((header[1] as number) << 8) | (header[2] as number);
  const length = ((header[3] as number) << 8) | (header[4] as number);
  if (type < ContentType.ChangeCipherSpec || type > ContentType.ApplicationData) {
    throw new TlsFatal('unexpected-message', `server sent a record of unknown content type ${type}`, 'unexpected_message');
  }
  const versionOk = rules.versionNegotiated ? version === TLS12 : version >= 0x0300 && version <= TLS12;
  if (!versionOk) {
    throw new TlsFatal(
      'protocol-version',
      `server record carries version 0x${version.toString(16).padStart(4, '0')}, not TLS 1.2`,
      'protocol_version',
    );
  }
  if (length > (rules.protectedRead ? MAX_CIPHERTEXT : MAX_PLAINTEXT)) {
    throw new TlsFatal('record-overflow', `server record of ${length} bytes exceeds the TLS limit`, 'record_overflow');
  }
  return { type: type as ContentType, version, length };
}

/** Cuts an incoming byte stream into records; validates each header as soon as its 5 bytes arrive. */
export class RecordDeframer {
  private chunks: Uint8Array[] = [];
  private buffered = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.buffered += bytes.length;
  }

  /** Bytes received but not yet part of a complete record (a non-zero value at EOF means truncation). */
  get pendingBytes(): number {
    return this.buffered;
  }

  next(rules: HeaderRules): TlsRecord | null {
    if (this.buffered < HEADER) return null;
    const header = this.peek(HEADER);
    const { type, version, length } = parseRecordHeader(header, rules);
    if (this.buffered < HEADER + length) return null;
    const whole = this.consume(HEADER + length);
    return { type, version, fragment: whole.subarray(HEADER) };
  }

  private peek(n: number): Uint8Array {
    const first = this.chunks[0] as Uint8Array;
    if (first.length >= n) return first.subarray(0, n);
    this.chunks = [concatBytes(...this.chunks)];
    return (this.chunks[0] as Uint8Array).subarray(0, n);
  }

  private consume(n: number): Uint8Array {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Uint8Array) : concatBytes(...this.chunks);
    const out = all.slice(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return out;
  }
}

export function encodeRecord(type: ContentType, fragment: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + fragment.length);
  out[0] = type;
  out[1] = TLS12 >> 8;
  out[2] = TLS12 & 0xff;
  out[3] = fragment.length >> 8;
  out[4] = fragment.length & 0xff;
  out.set(fragment, HEADER);
  return out;
}

/** Splits outgoing data into plaintext fragments of at most 2^14 bytes. */
export function fragmentPlaintext(data: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += MAX_PLAINTEXT) out.push(data.subarray(at, at + MAX_PLAINTEXT));
  return out;
}

/** One direction's record protection with its own sequence number. */
export interface RecordProtection {
  seal(type: ContentType, plaintext: Uint8Array): Uint8Array;
  /** Throws TlsFatal bad_record_mac / record_overflow; never reveals why a MAC failed. */
  open(type: ContentType, fragment: Uint8Array): Uint8Array;
}

export const NULL_PROTECTION: RecordProtection = {
  seal: (_type, plaintext) => plaintext,
  open: (_type, fragment) => fragment,
};

function badRecordMac(): TlsFatal {
  return new TlsFatal(
    'bad-record-mac',
    'record authentication failed (bad_record_mac): data was altered or keys do not match',
    'bad_record_mac',
  );
}

function overflow(): TlsFatal {
  return new TlsFatal('record-overflow', 'decrypted record exceeds 2^14 bytes', 'record_overflow');
}

/** The 64-bit record sequence number; a Number, as no connection lives for 2^53 records. */
class SequenceNumber {
  private value = 0;
  next(): number {
    if (this.value >= Number.MAX_SAFE_INTEGER) throw new TlsFatal('internal', 'TLS sequence number exhausted', 'internal_error');
    return this.value++;
  }
}

/** seq_num + type + version + length: what the MAC (CBC) or the additional data (GCM) covers before the data. */
function additionalData(seq: number, type: ContentType, length: number): Uint8Array {
  const out = new Uint8Array(13);
  const high = Math.floor(seq / 2 ** 32);
  const low = seq >>> 0;
  out[0] = high >>> 24;
  out[1] = (high >>> 16) & 0xff;
  out[2] = (high >>> 8) & 0xff;
  out[3] = high & 0xff;
  out[4] = low >>> 24;
  out[5] = (low >>> 16) & 0xff;
  out[6] = (low >>> 8) & 0xff;
  out[7] = low & 0xff;
  out[8] = type;
  out[9] = TLS12 >> 8;
  out[10] = TLS12 & 0xff;
  out[11] = length >> 8;
  out[12] = length & 0xff;
  return out;
}

/**
 * 1 when the last padLength + 1 bytes of `plain` all equal padLength, else 0. No early exit and no branch on the data:
 * the same bytes (the last 256, or all of a shorter record) are looked at whatever padLength is, and each adds
 * "in the padding and different" to a bit mask. A function of its own so that this loop, hot from the first record,
 * gets optimised by itself instead of dragging all of open() into the optimising compiler.
 */
function cbcPaddingOk(plain: Uint8Array, padLength: number): number {
  const n = plain.length;
  const scan = Math.min(256, n);
  let bad = 0;
  for (let i = 0; i < scan; i++) {
    // (i - padLength - 1) >>> 31 is 1 exactly when i <= padLength; (x + 0xff) >>> 8 is 1 exactly when a byte x ≠ 0.
    bad |= ((i - padLength - 1) >>> 31) & ((((plain[n - 1 - i] as number) ^ padLength) + 0xff) >>> 8);
  }
  return 1 - bad;
}

/**
 * AES-CBC with explicit IV and HMAC, MAC-then-encrypt (RFC 5246 §6.2.3.2). Each direction keeps one AES-CBC context
 * for the whole connection instead of creating one per record:
 * - seal: the chain continues from the previous record and a fresh random block goes first; its ciphertext, which
 *   nobody can predict, is what the receiver takes as the record's explicit IV (RFC 4346 §6.2.3.2, option 2b).
 * - open: the explicit IV is deciphered too and its output dropped; that leaves the chain on the IV, so the body
 *   deciphers exactly as CBC with that IV, whatever the previous record left behind.
 */
export class CbcProtection implements RecordProtection {
  private readonly seq = new SequenceNumber();
  private readonly macLength: number;
  private encryptor: CbcStream | null = null;
  private decryptor: CbcStream | null = null;

  constructor(
    private readonly key: Uint8Array,
    private readonly macKey: Uint8Array,
    private readonly mac: MacHash,
  ) {
    this.macLength = hashOutputLength(mac);
  }

  seal(type: ContentType, plaintext: Uint8Array): Uint8Array {
    const seq = this.seq.next();
    const tag = hmac(this.mac, this.macKey, additionalData(seq, type, plaintext.length), plaintext);
    const unpadded = AES_BLOCK + plaintext.length + tag.length + 1;
    const padLength = (AES_BLOCK - (unpadded % AES_BLOCK)) % AES_BLOCK;
    const blocks = new Uint8Array(unpadded + padLength);
    blocks.set(publicRandomBytes(AES_BLOCK), 0);
    blocks.set(plaintext, AES_BLOCK);
    blocks.set(tag, AES_BLOCK + plaintext.length);
    blocks.fill(padLength, AES_BLOCK + plaintext.length + tag.length);
    this.encryptor ??= aesCbcStream('encrypt', this.key, publicRandomBytes(AES_BLOCK));
    return this.encryptor.update(blocks);
  }

  open(type: ContentType, fragment: Uint8Array): Uint8Array {
    const seq = this.seq.next();
    const minBody = Math.ceil((this.macLength + 1) / AES_BLOCK) * AES_BLOCK;
    const bodyLength = fragment.length - AES_BLOCK;
    if (bodyLength < minBody || bodyLength % AES_BLOCK !== 0) throw badRecordMac();
    this.decryptor ??= aesCbcStream('decrypt', this.key, new Uint8Array(AES_BLOCK));
    const plain = this.decryptor.update(fragment).subarray(AES_BLOCK);
    const n = plain.length;
    const padLength = plain[n - 1] as number;

    // Padding check without an early exit, and a bad pad still leads to a MAC computation (as if no padding), so
    // timing says little about which check failed.
    const good = (padLength + 1 + this.macLength <= n ? 1 : 0) & cbcPaddingOk(plain, padLength);
    const stripped = good ? padLength + 1 : 1;
    const dataLength = n - stripped - this.macLength;
    const data = plain.subarray(0, dataLength);
    const received = plain.subarray(dataLength, dataLength + this.macLength);
    const expected = hmac(this.mac, this.macKey, additionalData(seq, type, dataLength), data);
    // Hash the bytes the padding took away so the total hashing work hardly depends on padLength (Lucky13).
    digest(this.mac, plain.subarray(0, n - 1 - this.macLength - dataLength));
    const macOk = constantTimeEqual(expected, received);
    if (!(macOk && good === 1)) throw badRecordMac();
    if (dataLength > MAX_PLAINTEXT) throw overflow();
    return plain.slice(0, dataLength);
  }
}

/** AES-GCM with a 4-byte implicit salt and the sequence number as 8-byte explicit nonce (RFC 5288). */
export class GcmProtection implements RecordProtection {
  private readonly seq = new SequenceNumber();

  constructor(
    private readonly key: Uint8Array,
    private readonly salt: Uint8Array,
  ) {}

  seal(type: ContentType, plaintext: Uint8Array): Uint8Array {
    const seq = this.seq.next();
    // The sequence number is unique per key, which is all GCM needs of the explicit nonce.
    const aad = additionalData(seq, type, plaintext.length);
    const explicitNonce = aad.subarray(0, GCM_EXPLICIT_NONCE);
    return concatBytes(explicitNonce, aesGcmSeal(this.key, concatBytes(this.salt, explicitNonce), aad, plaintext));
  }

  open(type: ContentType, fragment: Uint8Array): Uint8Array {
    const seq = this.seq.next();
    if (fragment.length < GCM_EXPLICIT_NONCE + GCM_TAG) throw badRecordMac();
    const nonce = concatBytes(this.salt, fragment.subarray(0, GCM_EXPLICIT_NONCE));
    const sealed = fragment.subarray(GCM_EXPLICIT_NONCE);
    const plain = aesGcmOpen(this.key, nonce, additionalData(seq, type, sealed.length - GCM_TAG), sealed);
    if (plain === null) throw badRecordMac();
    if (plain.length > MAX_PLAINTEXT) throw overflow();
    return plain;
  }
}
