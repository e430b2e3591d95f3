import { ProtocolError } from './errors';

/** Byte helpers shared by every codec; Uint8Array only, so the renderer can use them too. */

const HEX_DIGITS = '0123456789abcdef';

export function toHex(bytes: Uint8Array, separator = ''): string {
  const parts: string[] = [];
  for (const b of bytes) parts.push(HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 0x0f]!);
  return parts.join(separator);
}

/** Accepts "0366 1471", "03:66:14:71" or "0x..." as people paste them from Wireshark or specs. */
export function fromHex(text: string): Uint8Array {
  let clean = text.replace(/[\s:-]/g, '');
  if (clean.startsWith('0x') || clean.startsWith('0X')) clean = clean.slice(2);
  const bad = clean.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw new ProtocolError('bad-hex', `not a hex digit at position ${bad}`);
  if (clean.length % 2 !== 0) throw new ProtocolError('bad-hex', `odd number of hex digits (${clean.length})`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

// Plain indexed loops: this runs for nearly every message the TLS engine and the codecs build, and a small body is
// also cheap for the optimising compiler, which gets to it early.
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (let i = 0; i < parts.length; i++) total += (parts[i] as Uint8Array).length;
  const out = new Uint8Array(total);
  let offset = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Uint8Array;
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Sequential little-endian reader; every read checks bounds and names the offset when it fails. */
export class ByteReader {
  private readonly view: DataView;
  offset = 0;

  constructor(
    readonly bytes: Uint8Array,
    private readonly what = 'data',
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  need(count: number, field: string): void {
    if (count > this.remaining) {
      throw new ProtocolError(
        'too-short',
        `${this.what}: ${field} at offset ${this.offset} needs ${count} bytes but only ${this.remaining} remain`,
      );
    }
  }

  u8(field = 'u8'): number {
    this.need(1, field);
    return this.view.getUint8(this.offset++);
  }

  u16(field = 'u16'): number {
    this.need(2, field);
    const v = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return v;
  }

  u32(field = 'u32'): number {
    this.need(4, field);
    const v = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return v;
  }

  take(count: number, field = 'bytes'): Uint8Array {
    this.need(count, field);
    const out = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }
}

/** Growable little-endian writer. */
export class ByteWriter {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + count));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  u8(value: number): this {
    this.reserve(1);
    this.view.setUint8(this.length, value);
    this.length += 1;
    return this;
  }

  u16(value: number): this {
    this.reserve(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
    return this;
  }

  u32(value: number): this {
    this.reserve(4);
    this.view.setUint32(this.length, value >>> 0, true);
    this.length += 4;
    return this;
  }

  bytes(value: Uint8Array): this {
    this.reserve(value.length);
    this.buffer.set(value, this.length);
    this.length += value.length;
    return this;
  }

  zeros(count: number): this {
    this.reserve(count);
    this.buffer.fill(0, this.length, this.length + count);
    this.length += count;
    return this;
  }

  /** Overwrites a u32 already written, e.g. a count only known at the end. */
  patchU32(offset: number, value: number): void {
    this.view.setUint32(offset, value >>> 0, true);
  }

  toBytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
