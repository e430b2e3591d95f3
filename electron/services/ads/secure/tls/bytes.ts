import { decodeError } from './tls-error';

import { concatBytes, toHex } from '../../../../../shared/protocol/bytes';

export { concatBytes, toHex };

export function u8(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff);
}

export function u16(value: number): Uint8Array {
  return Uint8Array.of((value >>> 8) & 0xff, value & 0xff);
}

export function u24(value: number): Uint8Array {
  return Uint8Array.of((value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

/** A length-prefixed vector as RFC 5246 §4.3 writes it (prefix of 1, 2 or 3 bytes). */
export function vector(prefixBytes: 1 | 2 | 3, body: Uint8Array): Uint8Array {
  const max = 2 ** (8 * prefixBytes) - 1;
  if (body.length > max) throw new RangeError('vector too long');
  const prefix = prefixBytes === 1 ? u8(body.length) : prefixBytes === 2 ? u16(body.length) : u24(body.length);
  return concatBytes(prefix, body);
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${toHex(bytes)}`);
}

/** Minimal big-endian encoding (no leading zero bytes), as TLS wants DH values and shared secrets. */
export function bigIntToBytes(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Reads a peer-supplied structure; every overrun becomes a decode_error TlsFatal naming `what`,
 * so a hostile length field can never surface as a RangeError.
 */
export class BigEndianReader {
  private at = 0;
  constructor(
    private readonly bytes: Uint8Array,
    private readonly what: string,
  ) {}

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  u8(): number {
    return this.take(1)[0] as number;
  }

  u16(): number {
    const b = this.take(2);
    return ((b[0] as number) << 8) | (b[1] as number);
  }

  u24(): number {
    const b = this.take(3);
    return ((b[0] as number) << 16) | ((b[1] as number) << 8) | (b[2] as number);
  }

  take(n: number): Uint8Array {
    if (n < 0 || n > this.remaining) throw decodeError(this.what);
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  vector(prefixBytes: 1 | 2 | 3, minLength = 0): Uint8Array {
    const len = prefixBytes === 1 ? this.u8() : prefixBytes === 2 ? this.u16() : this.u24();
    if (len < minLength) throw decodeError(this.what);
    return this.take(len);
  }

  /** Trailing bytes after a complete structure are a decode_error (RFC 5246 §7.4). */
  end(): void {
    if (this.remaining !== 0) throw decodeError(this.what);
  }
}
