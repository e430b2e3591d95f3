import { createHash } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTls, derivePsk, TlsError, type TlsClientConnection } from './index';
import { TestMaterial, startEchoServer, type TestCredentials } from './testing/fixtures';

// OpenSSL ≥ 3.0 option number, not exported by Node.
const SSL_OP_NO_EXTENDED_MASTER_SECRET = 0x1;

const material = new TestMaterial();
let server: TestCredentials;
let client: TestCredentials;
let dh2048: string;
let dh1024: string;

beforeAll(() => {
  server = material.rsaCertificate('virtual-plc');
  client = material.rsaCertificate('ADS Client');
  dh2048 = material.dhParams(2048).pem;
  dh1024 = material.dhParams(1024).pem;
});
afterAll(() => material.cleanup());

function plainSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

async function echo(conn: TlsClientConnection, text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  await conn.write(bytes);
  return new TextDecoder().decode(await conn.readExactly(bytes.length, 5000));
}

describe('certificate mode against Node (OpenSSL) tls server, TwinCAT-like', () => {
  const cases = [
    { name: 'ECDHE-RSA-AES128-GCM-SHA256', kx: 'ecdhe' },
    { name: 'ECDHE-RSA-AES256-GCM-SHA384', kx: 'ecdhe' },
    { name: 'DHE-RSA-AES256-SHA256', kx: 'dhe' },
    { name: 'DHE-RSA-AES128-SHA256', kx: 'dhe' },
    { name: 'DHE-RSA-AES256-SHA', kx: 'dhe' },
    { name: 'DHE-RSA-AES128-SHA', kx: 'dhe' },
  ] as const;

  for (const c of cases) {
    it(`${c.name}: mutual-TLS handshake, server sees our client certificate, data echoes`, async () => {
      const srv = await startEchoServer({
        key: server.keyPem,
        cert: server.certPem,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        ciphers: c.name,
        dhparam: dh2048,
        requestCert: true,
        rejectUnauthorized: false,
        secureOptions: SSL_OP_NO_EXTENDED_MASTER_SECRET,
      });
      try {
        const conn = await connectTls({
          host: '127.0.0.1',
          port: srv.port,
          mode: 'certificate',
          clientCertificate: { certPem: client.certPem, keyPem: client.keyPem },
        });
        expect(conn.cipherSuite.name).toBe(c.name);
        expect(conn.keyExchange).toBe(c.kx);
        expect(conn.dhBits).toBe(c.kx === 'dhe' ? 2048 : null);
        expect(Buffer.from(conn.peerCertificateChain[0] ?? []).equals(Buffer.from(server.certDer))).toBe(true);
        expect(await echo(conn, 'hello twincat')).toBe('hello twincat');
        const peer = srv.sockets[0]?.getPeerCertificate();
        expect(peer?.fingerprint256).toBe(createHash('sha256').update(client.certDer).digest('hex').toUpperCase().match(/../g)?.join(':'));
        await conn.end();
      } finally {
        await srv.close();
      }
    });
  }

  it("P-256 ECDHE works; a 1024-bit DHE group of the server's own is refused by default and works with legacyCrypto", async () => {
    const p256 = await startEchoServer({
      key: server.keyPem,
      cert: server.certPem,
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256',
      ecdhCurve: 'prime256v1',
    });
    const dhe1024 = await startEchoServer({
      key: server.keyPem,
      cert: server.certPem,
      maxVersion: 'TLSv1.2',
      ciphers: 'DHE-RSA-AES256-SHA256',
      dhparam: dh1024,
    });
    try {
      const a = await connectTls({ host: '127.0.0.1', port: p256.port, mode: 'certificate' });
      expect(await echo(a, 'p256')).toBe('p256');
      await a.end();
      const refused = await connectTls({ host: '127.0.0.1', port: dhe1024.port, mode: 'certificate' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TlsError);
      expect(refused).toMatchObject({ code: 'dh-params', message: expect.stringContaining('1024 bits') });
      expect((await dhe1024.firstClientError).message).toMatch(/insufficient security/i);
      const b = await connectTls({ host: '127.0.0.1', port: dhe1024.port, mode: 'certificate', legacyCrypto: true });
      expect(b.dhBits).toBe(1024);
      expect(await echo(b, 'dh1024')).toBe('dh1024');
      await b.end();
    } finally {
      await p256.close();
      await dhe1024.close();
    }
  });

  it('a 1024-bit server RSA key is refused by default (insufficient_security) and accepted with legacyCrypto', async () => {
    const old = material.rsaCertificate('old-plc', 1024);
    const srv = await startEchoServer({
      key: old.keyPem,
      cert: old.certPem,
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0',
    });
    try {
      const refused = await connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate' }).catch((e: unknown) => e);
      expect(refused).toMatchObject({
        code: 'certificate-rejected',
        message: expect.stringMatching(/1024 bits; at least 2048 .*legacy crypto/),
      });
      expect((await srv.firstClientError).message).toMatch(/insufficient security/i);
      const conn = await connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate', legacyCrypto: true });
      expect(await echo(conn, 'old plc')).toBe('old plc');
      await conn.end();
    } finally {
      await srv.close();
    }
  });

  it('offerEcdhe:false makes a server that prefers ECDHE fall back to DHE', async () => {
    const srv = await startEchoServer({
      key: server.keyPem,
      cert: server.certPem,
      maxVersion: 'TLSv1.2',
      dhparam: dh2048,
      honorCipherOrder: true,
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES128-SHA256',
    });
    try {
      const conn = await connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate', offerEcdhe: false });
      expect(conn.cipherSuite).toEqual({ id: 0x0067, name: 'DHE-RSA-AES128-SHA256' });
      await conn.end();
    } finally {
      await srv.close();
    }
  });

  // The engine's own sockets (and connectTcp's for Secure ADS) read through net's `onread` buffer; a socket the caller
  // made plainly is read through 'data' events. 100 KB spans many reads of either kind.
  for (const socketKind of ['made by the engine', 'made by the caller'] as const) {
    it(`large writes are split into records and arrive intact (socket ${socketKind})`, async () => {
      const srv = await startEchoServer({
        key: server.keyPem,
        cert: server.certPem,
        maxVersion: 'TLSv1.2',
        ciphers: 'DHE-RSA-AES128-SHA',
        dhparam: dh2048,
      });
      try {
        const socket = socketKind === 'made by the caller' ? await plainSocket(srv.port) : undefined;
        const conn = await connectTls({ host: '127.0.0.1', port: srv.port, socket, mode: 'certificate', offerEcdhe: false });
        const payload = new Uint8Array(100_000).map((_, i) => (i * 7) & 0xff);
        await conn.write(payload);
        const back = await conn.readExactly(payload.length, 5000);
        expect(Buffer.from(back).equals(Buffer.from(payload))).toBe(true);
        await conn.end();
      } finally {
        await srv.close();
      }
    });
  }

  it('a server renegotiation request (HelloRequest) is declined and the session keeps working', async () => {
    const srv = await startEchoServer({
      key: server.keyPem,
      cert: server.certPem,
      maxVersion: 'TLSv1.2',
      ciphers: 'DHE-RSA-AES256-SHA256',
      dhparam: dh2048,
    });
    try {
      const conn = await connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate' });
      expect(await echo(conn, 'before')).toBe('before');
      srv.sockets[0]?.renegotiate({}, () => undefined);
      expect(await echo(conn, 'after')).toBe('after');
      await conn.end();
    } finally {
      await srv.close();
    }
  });

  it('a server close_notify ends reading cleanly with null', async () => {
    const srv = await startEchoServer({
      key: server.keyPem,
      cert: server.certPem,
      maxVersion: 'TLSv1.2',
      ciphers: 'DHE-RSA-AES128-SHA256',
      dhparam: dh2048,
    });
    try {
      const conn = await connectTls({ host: '127.0.0.1', port: srv.port, mode: 'certificate' });
      expect(await echo(conn, 'x')).toBe('x');
      srv.sockets[0]?.end();
      expect(await conn.read()).toBeNull();
      await conn.end();
    } finally {
      await srv.close();
    }
  });
});

describe('PSK mode against Node (OpenSSL) tls server', () => {
  const identity = 'MY_IDENTITY';
  const key = derivePsk(identity, 'MySecret');

  for (const suite of ['PSK-AES256-CBC-SHA384', 'PSK-AES128-CBC-SHA256', 'PSK-AES256-CBC-SHA', 'PSK-AES128-CBC-SHA']) {
    it(`${suite}: handshake with the identity as configured, data echoes`, async () => {
      const seen: string[] = [];
      const srv = await startEchoServer({
        ciphers: suite,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        secureOptions: SSL_OP_NO_EXTENDED_MASTER_SECRET,
        pskCallback: (_socket, id) => {
          seen.push(id);
          return id === identity ? Buffer.from(key) : null;
        },
      });
      try {
        const conn = await connectTls({ host: '127.0.0.1', port: srv.port, mode: 'psk', psk: { identity, key } });
        expect(conn.cipherSuite.name).toBe(suite);
        expect(conn.keyExchange).toBe('psk');
        expect(conn.peerCertificateChain).toEqual([]);
        expect(seen).toEqual([identity]);
        expect(await echo(conn, 'ads over psk')).toBe('ads over psk');
        await conn.end();
      } finally {
        await srv.close();
      }
    });
  }

  it('destroy(): a pending read and later reads end with null, writes and exact reads are refused', async () => {
    const srv = await startEchoServer({
      ciphers: 'PSK-AES256-CBC-SHA384',
      maxVersion: 'TLSv1.2',
      secureOptions: SSL_OP_NO_EXTENDED_MASTER_SECRET,
      pskCallback: () => Buffer.from(key),
    });
    try {
      const conn = await connectTls({ host: '127.0.0.1', port: srv.port, mode: 'psk', psk: { identity, key } });
      expect(await echo(conn, 'before')).toBe('before');
      const pending = conn.read();
      conn.destroy();
      expect(await pending).toBeNull();
      expect(await conn.read()).toBeNull();
      await expect(conn.write(Uint8Array.of(1))).rejects.toMatchObject({ code: 'connection-closed' });
      await expect(conn.readExactly(1, 1000)).rejects.toMatchObject({ code: 'connection-closed' });
    } finally {
      await srv.close();
    }
  });

  it('a wrong key fails the handshake with a typed error that hints at the key and leaks no secret', async () => {
    const srv = await startEchoServer({ ciphers: 'PSK-AES256-CBC-SHA384', maxVersion: 'TLSv1.2', pskCallback: () => Buffer.from(key) });
    const wrong = derivePsk(identity, 'NotMySecret');
    try {
      const err = await connectTls({ host: '127.0.0.1', port: srv.port, mode: 'psk', psk: { identity, key: wrong } }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TlsError);
      expect((err as TlsError).code).toBe('alert-received');
      expect(['bad_record_mac', 'decrypt_error']).toContain((err as TlsError).alert);
      expect((err as TlsError).message).toMatch(/pre-shared key/);
      expect((err as TlsError).message).not.toContain(Buffer.from(wrong).toString('hex'));
      expect(srv.received.every((b) => b.length === 0)).toBe(true);
    } finally {
      await srv.close();
    }
  });
});
