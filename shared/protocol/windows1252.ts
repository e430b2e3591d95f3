import { ProtocolError } from './errors';

/**
 * Windows-1252 ("ANSI") text, used by TwinCAT for TlsConnectInfo host, user and password.
 * 0x80-0x9F map to typographic characters; the five bytes Windows leaves undefined map to the
 * matching C1 control code points (as WHATWG does) so every byte round-trips.
 */
const HIGH_TABLE: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090,
  0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

const ENCODE_HIGH = new Map<number, number>(HIGH_TABLE.map((cp, i) => [cp, 0x80 + i]));

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b >= 0x80 && b <= 0x9f ? HIGH_TABLE[b - 0x80]! : b);
  return out;
}

/** Throws naming only the character position, never the character or its code point: the text may be a password. */
export function encodeWindows1252(text: string): Uint8Array {
  const out: number[] = [];
  let position = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const mapped = cp < 0x80 || (cp >= 0xa0 && cp <= 0xff) ? cp : ENCODE_HIGH.get(cp);
    if (mapped === undefined) {
      throw new ProtocolError('unencodable-text', `character ${position + 1} cannot be written in Windows-1252`);
    }
    out.push(mapped);
    position++;
  }
  return Uint8Array.from(out);
}

export function isWindows1252(text: string): boolean {
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    if (!(cp < 0x80 || (cp >= 0xa0 && cp <= 0xff) || ENCODE_HIGH.has(cp))) return false;
  }
  return true;
}
