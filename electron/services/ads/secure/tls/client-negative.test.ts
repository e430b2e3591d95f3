import { generatePrimeSync, getDiffieHellman, randomBytes } from 'node:crypto';
import { createConnection, createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTls, TlsError, type TlsClientOptions } from './index';
import {
  certificate,
  collectUntilClose,
  dheServerKeyExchange,
  plainFatalAlert,
  readClientHello,
  serverHello,
  serverHelloDone,
  tlsRecord,
} from './testing/fake-server';
import { TestMaterial, closeServer, freePort, listen, startEchoServer, startRawServer, type TestCredentials } from './testing/fixtures';

const material = new TestMaterial();
let server: TestCredentials;
let dh2048: string;
beforeAll(() => {
  server = material.rsaCertificate('fake-plc');
  dh2048 = material.dhParams(2048).pem;
});
afterAll(() => material.cleanup());

const HANDSHAKE = 22;

async function expectTlsError(promise: Promise<unknown>, code: TlsError['code']): Promise<TlsError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TlsError);
  expect((err as TlsError).code).toBe(code);
  return err as TlsError;
}

/** Runs the client against a scripted server; returns the client's error and all bytes the server got after the ClientHello. */
async function againstScript(
  script: (socket: Socket, clientRandom: Buffer) => void,
  options: Partial<TlsClientOptions> = {},
): Promise<{ error: unknown; afterHello: Buffer }> {
  let afterHello: Promise<Buffer> = Promise.resolve(Buffer.alloc(0));
  const srv = await startRawServer((socket) => {
    afterHello = readClientHello(socket).then(({ random }) => {
      const rest = collectUntilClose(socket);
      script(socket, random);
      return rest;
    });
  });
  try {
    const error = await connectTls({
      host: '127.0.0.1',
      port: srv.port,
      mode: 'certificate',
      offerEcdhe: false,
      timeoutMs: 5000,
      ...options,
    }).then(
      async (c) => {
        c.destroy();
        return null;
      },
      (e: unknown) => e,
    );
    return { error, afterHello: await afterHello };
  } finally {
    await srv.close();
  }
}

describe('ServerHello checks', () => {
  it('a suite that was not offered: unsupported-suite and an illegal_parameter alert', async () => {
    const { error, afterHello } = await againstScript((s) =>
      s.write(tlsRecord(HANDSHAKE, serverHello({ random: randomBytes(32), suite: 0x009c }))),
    );
    expect((error as TlsError).code).toBe('unsupported-suite');
    expect((error as TlsError).message).toContain('0x009c');
    expect(afterHello).toEqual(plainFatalAlert(47));
  });

  it('a PSK suite answered to a certificate-mode offer is refused the same way', async () => {
    const { error } = await againstScript((s) => s.write(tlsRecord(HANDSHAKE, serverHello({ random: randomBytes(32), suite: 0x00af }))));
    expect((error as TlsError).code).toBe('unsupported-suite');
  });

  it('a TLS 1.0 ServerHello: protocol-version and a protocol_version alert', async () => {
    const { error, afterHello } = await againstScript((s) =>
      s.write(tlsRecord(HANDSHAKE, serverHello({ random: randomBytes(32), suite: 0x0033, version: 0x0301 }), 0x0301)),
    );
    expect((error as TlsError).code).toBe('protocol-version');
    expect((error as TlsError).message).toContain('TLS 1.0');
    expect(afterHello).toEqual(plainFatalAlert(70));
  });

  it('an extension we never sent (extended_master_secret): unsupported_extension alert', async () => {
    const ems = Buffer.from([0x00, 0x17, 0x00, 0x00]);
    const { error, afterHello } = await againstScript((s) =>
      s.write(tlsRecord(HANDSHAKE, serverHello({ random: randomBytes(32), suite: 0x0033, extensions: ems }))),
    );
    expect((error as TlsError).code).toBe('handshake-failure');
    expect(afterHello).toEqual(plainFatalAlert(110));
  });

  it('ServerKeyExchange before Certificate: unexpected-message', async () => {
    const { error, afterHello } = await againstScript((s, random) => {
      const hello = serverHello({ random: randomBytes(32), suite: 0x0033 });
      const ske = dheServerKeyExchange({
        p: 23n,
        g: 5n,
        ys: 8n,
        keyPem: server.keyPem,
        clientRandom: random,
        serverRandom: randomBytes(32),
      });
      s.write(tlsRecord(HANDSHAKE, Buffer.concat([hello, ske])));
    });
    expect((error as TlsError).code).toBe('unexpected-message');
    expect(afterHello).toEqual(plainFatalAlert(10));
  });

  it('a handshake message split byte by byte across records is reassembled', async () => {
    const { error, afterHello } = await againstScript((s) => {
      const hello = serverHello({ random: randomBytes(32), suite: 0x009c });
      for (const b of hello) s.write(tlsRecord(HANDSHAKE, Buffer.from([b])));
    });
    // Reassembly worked when the complete ServerHello is judged on its suite.
    expect((error as TlsError).code).toBe('unsupported-suite');
    expect(afterHello).toEqual(plainFatalAlert(47));
  });
});

describe('record framing', () => {
  it('an oversized record (2^14+2049 bytes announced): record-overflow and a record_overflow alert', async () => {
    const { error, afterHello } = await againstScript((s) => s.write(Buffer.from([22, 3, 3, 0x48, 0x01, 0, 0, 0])));
    expect((error as TlsError).code).toBe('record-overflow');
    expect(afterHello).toEqual(plainFatalAlert(22));
  });

  it('a truncated record followed by EOF: connection-closed naming the truncation', async () => {
    const { error } = await againstScript((s) => s.end(Buffer.from([22, 3, 3, 0, 100, 2, 0, 0])));
    expect((error as TlsError).code).toBe('connection-closed');
    expect((error as TlsError).message).toMatch(/truncated/);
  });

  it('an unknown content type: unexpected-message', async () => {
    const { error, afterHello } = await againstScript((s) => s.write(Buffer.from([99, 3, 3, 0, 1, 0])));
    expect((error as TlsError).code).toBe('unexpected-message');
    expect(afterHello).toEqual(plainFatalAlert(10));
  });
});

describe('DHE parameter and signature checks (signed by the real server key)', () => {
  async function dheScript(p: bigint, ys: bigint, corruptSignature = false) {
    return againstScript((s, random) => {
      const serverRandom = randomBytes(32);
      s.write(
        tlsRecord(
          HANDSHAKE,
          Buffer.concat([
            serverHello({ random: serverRandom, suite: 0x0033 }),
            certificate([server.certDer]),
            dheServerKeyExchange({ p, g: 2n, ys, keyPem: server.keyPem, clientRandom: random, serverRandom, corruptSignature }),
            serverHelloDone(),
          ]),
        ),
      );
    });
  }

  it('a 512-bit prime is refused: dh-params reporting the size, insufficient_security alert', async () => {
    const p = generatePrimeSync(512, { bigint: true });
    const { error, afterHello } = await dheScript(p, 4n);
    expect((error as TlsError).code).toBe('dh-params');
    expect((error as TlsError).message).toContain('512 bits');
    expect(afterHello).toEqual(plainFatalAlert(71));
  });

  it('Ys = p-1 (order-2 element) is refused: dh-params, also in a standard group', async () => {
    const p = BigInt(`0x${getDiffieHellman('modp14').getPrime('hex')}`);
    const { error } = await dheScript(p, p - 1n);
    expect((error as TlsError).code).toBe('dh-params');
    expect((error as TlsError).message).toContain('out of range');
  });

  it('a 2048-bit modulus that is no standard group is refused without legacyCrypto, before any primality test', async () => {
    // Odd and of the right size but not prime: the client must refuse it by the list, without testing it.
    const p = BigInt(`0x${getDiffieHellman('modp14').getPrime('hex')}`) + 2n;
    const { error, afterHello } = await dheScript(p, 12345n);
    expect((error as TlsError).code).toBe('dh-params');
    expect((error as TlsError).message).toContain('not one of the RFC 7919 or RFC 3526 groups');
    expect(afterHello).toEqual(plainFatalAlert(71));
  });

  it('a ServerKeyExchange signature that does not verify: bad-signature, decrypt_error alert', async () => {
    const p = generatePrimeSync(1024, { bigint: true });
    const { error, afterHello } = await dheScript(p, 12345n, true);
    expect((error as TlsError).code).toBe('bad-signature');
    expect(afterHello).toEqual(plainFatalAlert(51));
  });
});

describe('server verification hook', () => {
  for (const style of ['throws', 'rejects'] as const) {
    it(`verifyServer that ${style}: connectTls rejects with that very error and the server gets no application data`, async () => {
      const srv = await startEchoServer({
        key: server.keyPem,
        cert: server.certPem,
        maxVersion: 'TLSv1.2',
        ciphers: 'DHE-RSA-AES256-SHA256',
        dhparam: dh2048,
        requestCert: true,
        rejectUnauthorized: false,
      });
      const mismatch = new Error('fingerprint mismatch');
      let seenChain: Uint8Array[] = [];
      try {
        const err = await connectTls({
          host: '127.0.0.1',
          port: srv.port,
          mode: 'certificate',
          verifyServer:
            style === 'throws'
              ? (chain) => {
                  seenChain = chain;
                  throw mismatch;
                }
              : async (chain) => {
                  seenChain = chain;
                  throw mismatch;
                },
        }).catch((e: unknown) => e);
        expect(err).toBe(mismatch);
        expect(Buffer.from(seenChain[0] ?? []).equals(Buffer.from(server.certDer))).toBe(true);
        const serverSide = await srv.firstClientError;
        expect(serverSide.message).toMatch(/bad certificate/i);
        expect(srv.received.every((b) => b.length === 0)).toBe(true);
      } finally {
        await srv.close();
      }
    });
  }
});

describe('version and suite mismatches with real servers', () => {
  it('a TLS 1.3-only server: protocol-version', async () => {
    const srv = await startEchoServer({ key: server.keyPem, cert: server.certPem, minVersion: 'TLSv1.3' });
    try {
      const err = await expectTlsError(connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate' }), 'protocol-version');
      expect(err.alert).toBe('protocol_version');
    } finally {
      await srv.close();
    }
  });

  it('a TLS 1.0-only server: protocol-version', async () => {
    const srv = await startEchoServer({
      key: server.keyPem,
      cert: server.certPem,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1',
      ciphers: 'DEFAULT@SECLEVEL=0',
      dhparam: dh2048,
    });
    try {
      await expectTlsError(connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate' }), 'protocol-version');
    } finally {
      await srv.close();
    }
  });

  it('no common suite: the server handshake_failure alert is reported by name', async () => {
    const srv = await startEchoServer({ key: server.keyPem, cert: server.certPem, maxVersion: 'TLSv1.2', ciphers: 'AES128-SHA' });
    try {
      const err = await expectTlsError(connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate' }), 'alert-received');
      expect(err.alert).toBe('handshake_failure');
    } finally {
      await srv.close();
    }
  });
});

describe('tampering on the wire', () => {
  /** A TCP proxy that flips one bit in the first server→client application-data record. */
  async function tamperingProxy(target: number): Promise<{ port: number; close(): Promise<void> }> {
    const sockets: Socket[] = [];
    const proxy = createServer((down) => {
      const up = createConnection({ host: '127.0.0.1', port: target });
      sockets.push(down, up);
      down.on('error', () => undefined);
      up.on('error', () => undefined);
      down.pipe(up);
      let pending = Buffer.alloc(0);
      let flipped = false;
      up.on('data', (d: Buffer) => {
        pending = Buffer.concat([pending, d]);
        while (pending.length >= 5 && pending.length >= 5 + pending.readUInt16BE(3)) {
          const rec = Buffer.from(pending.subarray(0, 5 + pending.readUInt16BE(3)));
          pending = pending.subarray(rec.length);
          if (rec[0] === 23 && !flipped) {
            flipped = true;
            rec[rec.length - 1] = (rec[rec.length - 1] ?? 0) ^ 0x01;
          }
          down.write(rec);
        }
      });
      up.on('end', () => down.end());
      down.on('end', () => up.end());
    });
    const port = await listen(proxy);
    return {
      port,
      close: async () => {
        for (const s of sockets) s.destroy();
        await closeServer(proxy);
      },
    };
  }

  for (const suite of ['DHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256']) {
    it(`${suite}: one flipped bit in server data gives bad-record-mac, and the server receives bad_record_mac`, async () => {
      const srv = await startEchoServer({
        key: server.keyPem,
        cert: server.certPem,
        maxVersion: 'TLSv1.2',
        ciphers: suite,
        dhparam: dh2048,
      });
      const proxy = await tamperingProxy(srv.port);
      try {
        const conn = await connectTls({ host: '127.0.0.1', port: proxy.port, mode: 'certificate' });
        await conn.write(new TextEncoder().encode('ping'));
        const err = await expectTlsError(conn.read(), 'bad-record-mac');
        expect(err.alert).toBe('bad_record_mac');
        expect((await srv.firstClientError).message).toMatch(/bad record mac/i);
        await expectTlsError(conn.write(new Uint8Array([1])), 'bad-record-mac');
      } finally {
        await proxy.close();
        await srv.close();
      }
    });
  }
});

describe('network failures', () => {
  it('a server that never answers: timeout after timeoutMs', async () => {
    const srv = await startRawServer(() => undefined);
    try {
      const started = Date.now();
      const err = await expectTlsError(connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate', timeoutMs: 300 }), 'timeout');
      expect(err.message).toContain('300 ms');
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await srv.close();
    }
  });

  it('nothing listening: connection-refused', async () => {
    const port = await freePort();
    await expectTlsError(
      connectTls({ host: '127.0.0.1', port, mode: 'psk', psk: { identity: 'x', key: new Uint8Array(32) } }),
      'connection-refused',
    );
  });

  it('PSK mode without a key fails before any connection attempt', async () => {
    await expectTlsError(connectTls({ host: '127.0.0.1', port: 1, mode: 'psk' }), 'handshake-failure');
  });
});

describe('review hardening', () => {
  it('an empty application-data record before the handshake is done: unexpected-message, not silently skipped', async () => {
    const { error, afterHello } = await againstScript((s) => {
      s.write(tlsRecord(23, Buffer.alloc(0)));
      s.write(tlsRecord(HANDSHAKE, serverHello({ random: randomBytes(32), suite: 0x009c })));
    });
    expect((error as TlsError).code).toBe('unexpected-message');
    expect(afterHello).toEqual(plainFatalAlert(10));
  });

  it('a server certificate with a 512-bit RSA key is refused before the client sends its key exchange', async () => {
    const weak = material.rsaCertificate('weak-plc', 512);
    const p = generatePrimeSync(1024, { bigint: true });
    const { error, afterHello } = await againstScript(
      (s, random) => {
        const serverRandom = randomBytes(32);
        s.write(
          tlsRecord(
            HANDSHAKE,
            Buffer.concat([
              serverHello({ random: serverRandom, suite: 0x0033 }),
              certificate([weak.certDer]),
              dheServerKeyExchange({ p, g: 2n, ys: 12345n, keyPem: weak.keyPem, clientRandom: random, serverRandom }),
              serverHelloDone(),
            ]),
          ),
        );
      },
      { timeoutMs: 1500 },
    );
    expect((error as TlsError).code).toBe('certificate-rejected');
    expect((error as TlsError).message).toContain('512 bits');
    expect(afterHello).toEqual(plainFatalAlert(71));
  });

  it('an oversized PSK identity or key is a clear handshake-failure before any connection attempt', async () => {
    const port = await freePort(); // nothing listens: reaching the network would say connection-refused
    const key = new Uint8Array(32).fill(7);
    const longId = await expectTlsError(
      connectTls({ host: '127.0.0.1', port, mode: 'psk', psk: { identity: 'x'.repeat(70_000), key } }),
      'handshake-failure',
    );
    expect(longId.message).toMatch(/identity/);
    const longKey = await expectTlsError(
      connectTls({ host: '127.0.0.1', port, mode: 'psk', psk: { identity: 'id', key: new Uint8Array(70_000).fill(7) } }),
      'handshake-failure',
    );
    expect(longKey.message).toMatch(/key/);
    expect(longKey.message).not.toMatch(/0707/);
  });

  it('EOF without close_notify after the handshake: read() rejects (truncation), it does not report a clean end', async () => {
    const srv = await startEchoServer({
      key: server.keyPem,
      cert: server.certPem,
      maxVersion: 'TLSv1.2',
      ciphers: 'DHE-RSA-AES128-SHA256',
      dhparam: dh2048,
    });
    // A proxy that forwards the first server application record and then FINs the client side, as a truncating attacker would.
    const sockets: Socket[] = [];
    const proxy = createServer((down) => {
      const up = createConnection({ host: '127.0.0.1', port: srv.port });
      sockets.push(down, up);
      down.on('error', () => undefined);
      up.on('error', () => undefined);
      down.pipe(up);
      let pending = Buffer.alloc(0);
      up.on('data', (d: Buffer) => {
        pending = Buffer.concat([pending, d]);
        while (pending.length >= 5 && pending.length >= 5 + pending.readUInt16BE(3)) {
          const rec = pending.subarray(0, 5 + pending.readUInt16BE(3));
          pending = pending.subarray(rec.length);
          down.write(rec);
          if (rec[0] === 23) {
            up.destroy();
            down.end();
            return;
          }
        }
      });
    });
    const port = await listen(proxy);
    try {
      const conn = await connectTls({ host: '127.0.0.1', port, mode: 'certificate', offerEcdhe: false });
      await conn.write(new TextEncoder().encode('ping'));
      expect(new TextDecoder().decode((await conn.read()) ?? new Uint8Array(0))).toBe('ping');
      const err = await expectTlsError(conn.read(), 'connection-closed');
      expect(err.message).toMatch(/without close_notify/);
      conn.destroy();
    } finally {
      for (const s of sockets) s.destroy();
      await closeServer(proxy);
      await srv.close();
    }
  });
});
