/** Byte-level building blocks for scripted, misbehaving TLS servers in tests. */
import { sign } from 'node:crypto';
import type { Socket } from 'node:net';

function u16(n: number): Buffer {
  return Buffer.from([(n >> 8) & 0xff, n & 0xff]);
}
function u24(n: number): Buffer {
  return Buffer.from([(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
}
function vec2(b: Uint8Array): Buffer {
  return Buffer.concat([u16(b.length), b]);
}

export function tlsRecord(type: number, body: Uint8Array, version = 0x0303): Buffer {
  return Buffer.concat([Buffer.from([type]), u16(version), u16(body.length), body]);
}

export function handshake(type: number, body: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from([type]), u24(body.length), body]);
}

export function serverHello(opts: { random: Uint8Array; suite: number; version?: number; extensions?: Buffer }): Buffer {
  const body = Buffer.concat([
    u16(opts.version ?? 0x0303),
    opts.random,
    Buffer.from([0]),
    u16(opts.suite),
    Buffer.from([0]),
    opts.extensions ? vec2(opts.extensions) : Buffer.alloc(0),
  ]);
  return handshake(2, body);
}

export function certificate(chain: Uint8Array[]): Buffer {
  const list = Buffer.concat(chain.map((c) => Buffer.concat([u24(c.length), c])));
  return handshake(11, Buffer.concat([u24(list.length), list]));
}

export function bigToBytes(v: bigint): Buffer {
  let hex = v.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex');
}

/** A DHE ServerKeyExchange signed with rsa_pkcs1_sha256 (or a corrupted signature). */
export function dheServerKeyExchange(o: {
  p: bigint;
  g: bigint;
  ys: bigint;
  keyPem: string;
  clientRandom: Uint8Array;
  serverRandom: Uint8Array;
  corruptSignature?: boolean;
}): Buffer {
  const params = Buffer.concat([vec2(bigToBytes(o.p)), vec2(bigToBytes(o.g)), vec2(bigToBytes(o.ys))]);
  const signature = sign('sha256', Buffer.concat([o.clientRandom, o.serverRandom, params]), o.keyPem);
  if (o.corruptSignature) signature[10] = (signature[10] ?? 0) ^ 0x01;
  return handshake(12, Buffer.concat([params, u16(0x0401), vec2(signature)]));
}

export const serverHelloDone = (): Buffer => handshake(14, Buffer.alloc(0));

/** Resolves with the ClientHello's random once the whole ClientHello record has arrived. */
export function readClientHello(socket: Socket): Promise<{ random: Buffer; record: Buffer }> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (buf.length >= 5 && buf.length >= 5 + buf.readUInt16BE(3)) {
        socket.off('data', onData);
        const record = buf.subarray(0, 5 + buf.readUInt16BE(3));
        resolve({ random: Buffer.from(record.subarray(11, 43)), record });
      }
    };
    socket.on('data', onData);
  });
}

/** Everything the peer sends until it closes. */
export function collectUntilClose(socket: Socket): Promise<Buffer> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    socket.on('data', (d: Buffer) => parts.push(d));
    socket.once('close', () => resolve(Buffer.concat(parts)));
  });
}

/** A plaintext fatal alert record, as the client must send it before keys are active. */
export function plainFatalAlert(code: number): Buffer {
  return tlsRecord(21, Buffer.from([2, code]));
}
