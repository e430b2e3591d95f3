/**
 * Pins the ClientHello our engine puts on the wire: what a TwinCAT target sees first and
 * what decides whether it will talk to us at all. The bytes are captured from a real loopback TCP connection and
 * parsed here by a parser of this file's own, so an encoder bug cannot hide behind the engine's decoder.
 */
import { connect as tlsConnect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { connectTls, TlsError, type TlsClientOptions } from './index';
import { readClientHello } from './testing/fake-server';
import { startRawServer } from './testing/fixtures';

// ---- an independent ClientHello parser (RFC 5246 §6.2.1, §7.4.1.2, §7.4.1.4) ----------------------

interface ParsedClientHello {
  recordType: number;
  recordVersion: number;
  clientVersion: number;
  random: Buffer;
  sessionId: Buffer;
  cipherSuites: number[];
  compressionMethods: number[];
  /** [type, data] in wire order. */
  extensions: Array<[number, Buffer]>;
}

class Cursor {
  private at = 0;
  constructor(
    private readonly buf: Buffer,
    private readonly what: string,
  ) {}
  private need(n: number): void {
    if (this.at + n > this.buf.length)
      throw new Error(`${this.what}: needs ${n} more bytes at offset ${this.at}, has ${this.buf.length - this.at}`);
  }
  u8(): number {
    this.need(1);
    return this.buf.readUInt8(this.at++);
  }
  u16(): number {
    this.need(2);
    const v = this.buf.readUInt16BE(this.at);
    this.at += 2;
    return v;
  }
  u24(): number {
    this.need(3);
    const v = this.buf.readUIntBE(this.at, 3);
    this.at += 3;
    return v;
  }
  bytes(n: number): Buffer {
    this.need(n);
    const out = this.buf.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  get remaining(): number {
    return this.buf.length - this.at;
  }
  end(): void {
    if (this.remaining !== 0) throw new Error(`${this.what}: ${this.remaining} trailing bytes`);
  }
}

function parseClientHelloRecord(record: Buffer): ParsedClientHello {
  const rec = new Cursor(record, 'record');
  const recordType = rec.u8();
  const recordVersion = rec.u16();
  const fragment = rec.bytes(rec.u16());
  rec.end();

  // The whole ClientHello must sit in this one record: one handshake message, nothing after it.
  const hs = new Cursor(fragment, 'handshake');
  const msgType = hs.u8();
  if (msgType !== 1) throw new Error(`first handshake message has type ${msgType}, not ClientHello (1)`);
  const body = new Cursor(hs.bytes(hs.u24()), 'ClientHello');
  hs.end();

  const clientVersion = body.u16();
  const random = Buffer.from(body.bytes(32));
  const sessionId = Buffer.from(body.bytes(body.u8()));
  const suitesLength = body.u16();
  if (suitesLength % 2 !== 0 || suitesLength === 0) throw new Error(`cipher_suites length ${suitesLength} is not a non-empty list of u16`);
  const suites = new Cursor(body.bytes(suitesLength), 'cipher_suites');
  const cipherSuites: number[] = [];
  while (suites.remaining > 0) cipherSuites.push(suites.u16());
  const compressionMethods = [...body.bytes(body.u8())];
  const extensions: Array<[number, Buffer]> = [];
  if (body.remaining > 0) {
    const ext = new Cursor(body.bytes(body.u16()), 'extensions');
    while (ext.remaining > 0) {
      const type = ext.u16();
      extensions.push([type, Buffer.from(ext.bytes(ext.u16()))]);
    }
  }
  body.end();
  return { recordType, recordVersion, clientVersion, random, sessionId, cipherSuites, compressionMethods, extensions };
}

/** A u16-length-prefixed list of u16 values (signature_algorithms, supported_groups), checked to fill `data` exactly. */
function u16List(data: Buffer, what: string): number[] {
  const c = new Cursor(data, what);
  const length = c.u16();
  if (length % 2 !== 0) throw new Error(`${what}: odd list length ${length}`);
  const list = new Cursor(c.bytes(length), what);
  c.end();
  const out: number[] = [];
  while (list.remaining > 0) out.push(list.u16());
  return out;
}

function u8List(data: Buffer, what: string): number[] {
  const c = new Cursor(data, what);
  const out = [...c.bytes(c.u8())];
  c.end();
  return out;
}

// ---- capture --------------------------------------------------------------------------------------

/**
 * Lets the engine connect to a loopback TCP server that records the first record it receives and then hangs up.
 * The client must fail (nobody answers), which is also checked, so a hello is never "captured" from a success.
 */
async function captureClientHello(options: Pick<TlsClientOptions, 'mode' | 'psk' | 'offerEcdhe'>): Promise<ParsedClientHello> {
  let connections = 0;
  let deliver: (record: Buffer) => void = () => undefined;
  const captured = new Promise<Buffer>((resolve) => (deliver = resolve));
  const server = await startRawServer((socket) => {
    connections++;
    void readClientHello(socket).then(({ record }) => {
      socket.destroy();
      deliver(Buffer.from(record));
    });
  });
  try {
    const outcome = await connectTls({ host: '127.0.0.1', port: server.port, timeoutMs: 5000, ...options }).then(
      (c) => {
        c.destroy();
        return 'connected' as const;
      },
      (e: unknown) => e,
    );
    expect(outcome).toBeInstanceOf(TlsError);
    const record = await captured;
    expect(connections).toBe(1);
    return parseClientHelloRecord(record);
  } finally {
    await server.close();
  }
}

const PSK = { identity: 'route-studio-test', key: new Uint8Array(32).fill(0x5a) };

// Cipher suite ids (IANA) with the names the issue uses.
const ECDHE_RSA_AES128_GCM_SHA256 = 0xc02f;
const ECDHE_RSA_AES256_GCM_SHA384 = 0xc030;
const DHE_RSA_AES256_CBC_SHA256 = 0x006b;
const DHE_RSA_AES128_CBC_SHA256 = 0x0067;
const DHE_RSA_AES256_CBC_SHA = 0x0039;
const DHE_RSA_AES128_CBC_SHA = 0x0033;
const PSK_AES256_CBC_SHA384 = 0x00af;
const PSK_AES128_CBC_SHA256 = 0x00ae;
const PSK_AES256_CBC_SHA = 0x008d;
const PSK_AES128_CBC_SHA = 0x008c;

const EXT = {
  serverName: 0x0000,
  supportedGroups: 0x000a,
  ecPointFormats: 0x000b,
  signatureAlgorithms: 0x000d,
  encryptThenMac: 0x0016,
  extendedMasterSecret: 0x0017,
  sessionTicket: 0x0023,
  renegotiationInfo: 0xff01,
} as const;
const TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff;
const TLS_FALLBACK_SCSV = 0x5600;

/** What no ClientHello of ours may carry, whatever the mode: TwinCAT (and the spec, §2) expects none of it. */
function expectNothingForbidden(hello: ParsedClientHello): void {
  const types = hello.extensions.map(([type]) => type);
  expect(types).not.toContain(EXT.extendedMasterSecret);
  expect(types).not.toContain(EXT.encryptThenMac);
  expect(types).not.toContain(EXT.sessionTicket);
  expect(types).not.toContain(EXT.serverName);
  expect(types).not.toContain(EXT.renegotiationInfo);
  expect(hello.cipherSuites).not.toContain(TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
  expect(hello.cipherSuites).not.toContain(TLS_FALLBACK_SCSV);
  // No extension twice (a server must reject that).
  expect(new Set(types).size).toBe(types.length);
}

function expectTls12Frame(hello: ParsedClientHello): void {
  expect(hello.recordType).toBe(22); // handshake
  expect([0x0301, 0x0303]).toContain(hello.recordVersion); // both are accepted record-layer versions for a hello
  expect(hello.clientVersion).toBe(0x0303); // TLS 1.2, nothing higher offered
  expect(hello.compressionMethods).toEqual([0]); // null compression only
  expect(hello.sessionId.length).toBeLessThanOrEqual(32);
}

function extension(hello: ParsedClientHello, type: number): Buffer {
  const found = hello.extensions.find(([t]) => t === type);
  if (!found) throw new Error(`extension 0x${type.toString(16).padStart(4, '0')} missing`);
  return found[1];
}

/** rsa_pkcs1 with some hash; sha256 must be there because that is what TwinCAT signs its ServerKeyExchange with. */
function expectRsaSignatureAlgorithms(hello: ParsedClientHello): void {
  const algorithms = u16List(extension(hello, EXT.signatureAlgorithms), 'signature_algorithms');
  expect(algorithms.length).toBeGreaterThan(0);
  expect(algorithms).toContain(0x0401); // rsa_pkcs1_sha256
  // The engine verifies RSA PKCS#1 signatures only; offering anything else would let a server pick what we cannot check.
  for (const algorithm of algorithms) expect(algorithm & 0xff, `0x${algorithm.toString(16)}`).toBe(1);
}

describe('ClientHello on the wire', () => {
  it('certificate mode by default: ECDHE-RSA-GCM first, then DHE-RSA CBC, in the issue order, with the ECDHE extensions', async () => {
    const hello = await captureClientHello({ mode: 'certificate' });
    expectTls12Frame(hello);
    expect(hello.cipherSuites).toEqual([
      ECDHE_RSA_AES128_GCM_SHA256,
      ECDHE_RSA_AES256_GCM_SHA384,
      DHE_RSA_AES256_CBC_SHA256,
      DHE_RSA_AES128_CBC_SHA256,
      DHE_RSA_AES256_CBC_SHA,
      DHE_RSA_AES128_CBC_SHA,
    ]);
    expect(hello.extensions.map(([type]) => type).sort((a, b) => a - b)).toEqual([
      EXT.supportedGroups,
      EXT.ecPointFormats,
      EXT.signatureAlgorithms,
    ]);
    expectRsaSignatureAlgorithms(hello);
    const groups = u16List(extension(hello, EXT.supportedGroups), 'supported_groups');
    expect(groups.length).toBeGreaterThan(0);
    for (const group of groups) expect([23, 29]).toContain(group); // secp256r1, x25519: the groups the engine can compute
    expect(u8List(extension(hello, EXT.ecPointFormats), 'ec_point_formats')).toContain(0); // uncompressed
    expectNothingForbidden(hello);
  });

  it('certificate mode without ECDHE: only the four DHE-RSA suites, and only signature_algorithms', async () => {
    const hello = await captureClientHello({ mode: 'certificate', offerEcdhe: false });
    expectTls12Frame(hello);
    expect(hello.cipherSuites).toEqual([
      DHE_RSA_AES256_CBC_SHA256,
      DHE_RSA_AES128_CBC_SHA256,
      DHE_RSA_AES256_CBC_SHA,
      DHE_RSA_AES128_CBC_SHA,
    ]);
    expect(hello.extensions.map(([type]) => type)).toEqual([EXT.signatureAlgorithms]);
    expectRsaSignatureAlgorithms(hello);
    expectNothingForbidden(hello);
  });

  it('PSK mode: the four PSK suites in the issue order, no certificate or ECDHE suite, no EC extensions', async () => {
    const hello = await captureClientHello({ mode: 'psk', psk: PSK });
    expectTls12Frame(hello);
    expect(hello.cipherSuites).toEqual([PSK_AES256_CBC_SHA384, PSK_AES128_CBC_SHA256, PSK_AES256_CBC_SHA, PSK_AES128_CBC_SHA]);
    expect(hello.extensions.map(([type]) => type)).toEqual([EXT.signatureAlgorithms]);
    expectRsaSignatureAlgorithms(hello);
    expectNothingForbidden(hello);
  });

  it('PSK mode ignores offerEcdhe: true (ECDHE-PSK is not something TwinCAT speaks)', async () => {
    const hello = await captureClientHello({ mode: 'psk', psk: PSK, offerEcdhe: true });
    expect(hello.cipherSuites).toEqual([PSK_AES256_CBC_SHA384, PSK_AES128_CBC_SHA256, PSK_AES256_CBC_SHA, PSK_AES128_CBC_SHA]);
    expect(hello.extensions.map(([type]) => type)).toEqual([EXT.signatureAlgorithms]);
  });

  it('every hello carries a fresh 32-byte client random', async () => {
    const first = await captureClientHello({ mode: 'certificate' });
    const second = await captureClientHello({ mode: 'certificate' });
    expect(first.random).toHaveLength(32);
    expect(first.random.equals(second.random)).toBe(false);
    expect(first.random.equals(Buffer.alloc(32))).toBe(false);
  });

  it('self-check: the same capture and checks reject a stock OpenSSL hello (Node tls), so they can fail', async () => {
    let deliver: (record: Buffer) => void = () => undefined;
    const captured = new Promise<Buffer>((resolve) => (deliver = resolve));
    const server = await startRawServer((socket) => {
      void readClientHello(socket).then(({ record }) => {
        socket.destroy();
        deliver(Buffer.from(record));
      });
    });
    try {
      const client = tlsConnect({ host: '127.0.0.1', port: server.port, rejectUnauthorized: false, maxVersion: 'TLSv1.2' });
      client.on('error', () => undefined);
      const hello = parseClientHelloRecord(await captured);
      client.destroy();
      expect(hello.clientVersion).toBe(0x0303);
      // OpenSSL always sends extended_master_secret (and more): exactly what our engine must not do.
      expect(hello.extensions.map(([type]) => type)).toContain(EXT.extendedMasterSecret);
      expect(() => expectNothingForbidden(hello)).toThrow();
    } finally {
      await server.close();
    }
  });
});
