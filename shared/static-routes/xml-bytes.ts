import { StaticRoutesXmlError } from './xml-source-tree';

export type XmlEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1';

/** The file's text and how to write it back in the same encoding (with or without the byte order mark). */
export interface DecodedXml {
  text: string;
  encoding: XmlEncoding;
  bom: boolean;
}

/**
 * Decodes StaticRoutes.xml bytes: a byte order mark wins, then the encoding declaration; UTF-8 otherwise.
 * Bytes that are not valid in that encoding are an error, never silently replaced (we would write them back changed).
 */
export function decodeXmlBytes(bytes: Uint8Array): DecodedXml {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { text: strictUtf8(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: utf16(bytes.subarray(2), true), encoding: 'utf-16le', bom: true };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: utf16(bytes.subarray(2), false), encoding: 'utf-16be', bom: true };
  const head = String.fromCharCode(...bytes.subarray(0, 200));
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared && /^(iso-8859-1|latin-?1|us-ascii|windows-1252)$/.test(declared)) {
    return { text: latin1Text(bytes), encoding: 'latin1', bom: false };
  }
  return { text: strictUtf8(bytes), encoding: 'utf-8', bom: false };
}

export function encodeXmlText(decoded: DecodedXml): Uint8Array {
  const { text, encoding, bom } = decoded;
  if (encoding === 'utf-8') {
    const body = new TextEncoder().encode(text);
    return bom ? concat(new Uint8Array([0xef, 0xbb, 0xbf]), body) : body;
  }
  if (encoding === 'latin1') {
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code > 0xff)
        throw new StaticRoutesXmlError(
          `the file is Latin-1 encoded and cannot hold the character U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
        );
      out[i] = code;
    }
    return out;
  }
  const little = encoding === 'utf-16le';
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let offset = 0;
  if (bom) {
    out.set(little ? [0xff, 0xfe] : [0xfe, 0xff]);
    offset = 2;
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    out[offset + i * 2] = little ? code & 0xff : code >> 8;
    out[offset + i * 2 + 1] = little ? code >> 8 : code & 0xff;
  }
  return out;
}

function strictUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new StaticRoutesXmlError('the file is not valid UTF-8 and declares no other encoding');
  }
}

function utf16(bytes: Uint8Array, little: boolean): string {
  if (bytes.length % 2) throw new StaticRoutesXmlError('the file is UTF-16 but has an odd number of bytes');
  let text = '';
  for (let i = 0; i < bytes.length; i += 2) {
    const lo = bytes[i] ?? 0;
    const hi = bytes[i + 1] ?? 0;
    text += String.fromCharCode(little ? lo | (hi << 8) : (lo << 8) | hi);
  }
  return text;
}

function latin1Text(bytes: Uint8Array): string {
  let text = '';
  // Chunked: spreading a large file into one call would exceed the argument limit.
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
