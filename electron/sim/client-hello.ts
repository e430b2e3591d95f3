/** What the virtual target needs to know about a TLS ClientHello before OpenSSL sees it. */
export interface ClientHelloSummary {
  cipherSuites: number[];
  extensions: number[];
}

export const TlsExtension = { EncryptThenMac: 0x0016, ExtendedMasterSecret: 0x0017 } as const;

/** Largest ClientHello we wait for; anything bigger is handed to OpenSSL, which refuses it on its own terms. */
export const MAX_CLIENT_HELLO = 16 * 1024;

export type ClientHelloPeek =
  | { kind: 'complete'; hello: ClientHelloSummary }
  /** More bytes are needed. */
  | { kind: 'partial' }
  /** Not a ClientHello we can read: let the TLS stack answer it. */
  | { kind: 'other' };

/**
 * Reads the ClientHello from the first TLS records of a connection (it may span several records). Never throws:
 * what it cannot read is 'other'.
 */
export function peekClientHello(bytes: Uint8Array): ClientHelloPeek {
  const handshake: number[] = [];
  let at = 0;
  while (at + 5 <= bytes.length) {
    if (bytes[at] !== 0x16) return { kind: 'other' };
    const length = (bytes[at + 3]! << 8) | bytes[at + 4]!;
    if (at + 5 + length > bytes.length) break;
    for (let i = at + 5; i < at + 5 + length; i++) handshake.push(bytes[i]!);
    at += 5 + length;
    if (handshake.length >= 4) {
      if (handshake[0] !== 1) return { kind: 'other' };
      const bodyLength = (handshake[1]! << 16) | (handshake[2]! << 8) | handshake[3]!;
      if (handshake.length >= 4 + bodyLength) return parseBody(Uint8Array.from(handshake.slice(4, 4 + bodyLength)));
    }
  }
  if (bytes.length > 0 && bytes[0] !== 0x16) return { kind: 'other' };
  return bytes.length >= MAX_CLIENT_HELLO ? { kind: 'other' } : { kind: 'partial' };
}

function parseBody(body: Uint8Array): ClientHelloPeek {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  let at = 2 + 32; // client version, random
  const need = (n: number) => at + n <= body.length;
  if (!need(1)) return { kind: 'other' };
  at += 1 + body[at]!; // session id
  if (!need(2)) return { kind: 'other' };
  const suitesLength = view.getUint16(at);
  at += 2;
  if (!need(suitesLength)) return { kind: 'other' };
  const cipherSuites: number[] = [];
  for (let i = 0; i + 1 < suitesLength; i += 2) cipherSuites.push(view.getUint16(at + i));
  at += suitesLength;
  if (!need(1)) return { kind: 'other' };
  at += 1 + body[at]!; // compression methods
  const extensions: number[] = [];
  if (need(2)) {
    const end = at + 2 + view.getUint16(at);
    at += 2;
    while (at + 4 <= Math.min(end, body.length)) {
      extensions.push(view.getUint16(at));
      at += 4 + view.getUint16(at + 2);
    }
  }
  return { kind: 'complete', hello: { cipherSuites, extensions } };
}
