import { createSocket } from 'node:dgram';
import { readFile } from 'node:fs/promises';
import { connect as netConnect, createServer } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex } from '../../shared/protocol/bytes';
import { decodeUdpMessage, encodeDiscoveryRequest } from '../../shared/protocol/udp48899';
import { createSelfSignedCertificate, type GeneratedCertificate } from '../services/certificates/self-signed';
import { CERTIFICATE_CIPHERS } from './secure-ads-server';
import { secureConnect, udpExchange } from './test-support';
import { startVirtualTarget, type VirtualTarget } from './index';
import { seededRandom } from '../../shared/protocol/testing/seeded-random';

// Addresses 127.0.94.x belong to this file.
const ADDRESS = '127.0.94.1';
let target: VirtualTarget;
let client: GeneratedCertificate;

beforeAll(async () => {
  target = await startVirtualTarget({
    address: ADDRESS,
    name: 'FUZZ-PLC',
    password: 'not-in-any-vector',
    psk: [{ identity: 'fz', secret: 'fz-secret' }],
  });
  client = createSelfSignedCertificate({ commonName: 'fuzzer' });
});
afterAll(async () => {
  await target.stop();
});

async function stillAnswersDiscovery(): Promise<void> {
  const reply = await udpExchange(ADDRESS, 48899, encodeDiscoveryRequest({ netId: '127.0.0.1.1.1' }), 3000);
  expect(reply).not.toBeNull();
  expect(decodeUdpMessage(new Uint8Array(reply!)).netId).toBe('127.0.94.1.1.1');
}

describe('robustness', () => {
  it('survives 10,000 fuzzed UDP datagrams (mutated real vectors and random bytes)', async () => {
    const text = await readFile(new URL('../../shared/protocol/testing/vectors/udp-48899/vectors.txt', import.meta.url), 'utf8');
    const seeds = text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => fromHex(l.split('|')[2]!.trim()));
    expect(seeds.length).toBeGreaterThan(10);
    const rand = seededRandom(0x48899);
    const pick = (n: number) => Math.floor(rand() * n);
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    socket.on('message', () => undefined); // replies to valid-looking requests are expected and ignored
    try {
      for (let i = 0; i < 10_000; i++) {
        let bytes: Uint8Array;
        const base = seeds[pick(seeds.length)]!;
        switch (i % 5) {
          case 0: // random bytes, sometimes with a valid magic
            bytes = Uint8Array.from({ length: pick(600) }, () => pick(256));
            if (rand() < 0.5 && bytes.length >= 4) bytes.set([0x03, 0x66, 0x14, 0x71]);
            break;
          case 1: // flipped bytes
            bytes = base.slice();
            for (let k = 0; k < 1 + pick(8); k++) bytes[pick(bytes.length)] = pick(256);
            break;
          case 2: // truncated
            bytes = base.slice(0, pick(base.length));
            break;
          case 3: // tag count / tag length lies
            bytes = base.slice();
            new DataView(bytes.buffer).setUint32(20, pick(2) ? pick(0x10000) : 0xffffffff, true);
            if (bytes.length > 27) new DataView(bytes.buffer).setUint16(26, pick(0x10000), true);
            break;
          default: // trailing garbage and service id changes
            bytes = Uint8Array.from([...base, ...Array.from({ length: pick(64) }, () => pick(256))]);
            new DataView(bytes.buffer).setUint32(8, [1, 6, 7, 8, 0xb001, pick(0xffffffff)][pick(6)]!, true);
        }
        socket.send(bytes, 48899, ADDRESS);
        // Yield now and then so the kernel buffer and the target keep up; not a timing assumption.
        if (i % 200 === 199) await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      socket.close();
    }
    await stillAnswersDiscovery();
    expect(target.log().some((e) => e.kind === 'datagram-ignored')).toBe(true);
  });

  it('survives 1,000 hostile TLS openings (random bytes, truncated ClientHellos, garbage after the handshake, abrupt closes)', async () => {
    const hello = await captureClientHello();
    const rand = seededRandom(8016);
    const pick = (n: number) => Math.floor(rand() * n);

    /** Resolves true when the target closed the connection, false when our guard had to. */
    const rawAttempt = (payload: Uint8Array | null, endGracefully: boolean | 'stall', guardMs = 3000) =>
      new Promise<boolean>((resolve) => {
        const s = netConnect({ host: ADDRESS, port: 8016 });
        let guarded = false;
        const guard = setTimeout(() => {
          guarded = true;
          s.destroy();
        }, guardMs);
        s.on('error', () => undefined);
        s.on('data', () => undefined); // keep reading, or the target's close is never noticed
        s.on('close', () => {
          clearTimeout(guard);
          resolve(!guarded);
        });
        s.on('connect', () => {
          if (payload) s.write(payload);
          if (endGracefully === 'stall') return;
          if (endGracefully) s.end();
          else s.destroy();
        });
      });

    const garbageAfterHandshake = () =>
      new Promise<void>((resolve) => {
        const s = tlsConnect({
          host: ADDRESS,
          port: 8016,
          ciphers: CERTIFICATE_CIPHERS,
          cert: client.certPem,
          key: client.keyPem,
          rejectUnauthorized: false,
          minVersion: 'TLSv1.2',
          maxVersion: 'TLSv1.2',
        });
        const guard = setTimeout(() => s.destroy(), 5000);
        s.on('error', () => undefined);
        s.on('close', () => {
          clearTimeout(guard);
          resolve();
        });
        s.on('secureConnect', () => {
          const junk = Uint8Array.from({ length: 1 + pick(700) }, () => pick(256));
          if (rand() < 0.5) s.write(junk);
          else s.write(Uint8Array.from([0x40, 0x00, ...junk])); // plausible length, then garbage
          if (rand() < 0.5) s.destroy();
          else s.end();
        });
      });

    const attempts: Array<() => Promise<unknown>> = [];
    for (let i = 0; i < 1000; i++) {
      const kind = i % 10;
      if (kind < 3)
        attempts.push(() =>
          rawAttempt(
            Uint8Array.from({ length: pick(2000) }, () => pick(256)),
            rand() < 0.5,
          ),
        );
      else if (kind < 6) attempts.push(() => rawAttempt(hello.slice(0, pick(hello.length)), rand() < 0.5));
      else if (kind < 7) {
        attempts.push(() => {
          const mutated = hello.slice();
          for (let k = 0; k < 4; k++) mutated[5 + pick(mutated.length - 5)] = pick(256);
          return rawAttempt(mutated, rand() < 0.5);
        });
      } else if (kind < 9) attempts.push(() => rawAttempt(null, rand() < 0.5));
      else attempts.push(garbageAfterHandshake);
    }
    const parallel = 16;
    for (let i = 0; i < attempts.length; i += parallel) await Promise.all(attempts.slice(i, i + parallel).map((a) => a()));

    // Peers that stall in the middle of a handshake are dropped by the target's handshake timeout (5 s).
    const halfClosed = await Promise.all(
      Array.from({ length: 16 }, () => {
        const mutated = hello.slice();
        for (let k = 0; k < 4; k++) mutated[5 + pick(mutated.length - 5)] = pick(256);
        return rawAttempt(hello.slice(0, 100 + pick(100)), 'stall', 15_000);
      }),
    );
    expect(halfClosed.every(Boolean)).toBe(true);

    await stillAnswersDiscovery();
    const session = await secureConnect(
      { host: ADDRESS, port: 8016, ciphers: CERTIFICATE_CIPHERS, cert: client.certPem, key: client.keyPem },
      { flags: 0xf0, netId: '10.0.94.1.1.1', hostname: 'AFTER-FUZZ', user: 'Administrator', password: 'not-in-any-vector' },
    );
    session.close();
    expect(session.response.error).toBe(0);
    expect(target.log().some((e) => e.reason === 'bad-connect-info')).toBe(true);
  }, 120_000);
});

/** The first bytes Node's TLS client sends (a ClientHello), captured by a throwaway local listener. */
async function captureClientHello(): Promise<Uint8Array> {
  const server = createServer();
  const captured = new Promise<Uint8Array>((resolve) => {
    server.on('connection', (s) => {
      s.once('data', (d: Buffer) => {
        resolve(new Uint8Array(d));
        s.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.94.2', resolve));
  const port = (server.address() as { port: number }).port;
  const c = tlsConnect({ host: '127.0.94.2', port, ciphers: CERTIFICATE_CIPHERS, rejectUnauthorized: false });
  c.on('error', () => undefined);
  try {
    const bytes = await captured;
    expect(bytes[0]).toBe(0x16);
    return bytes;
  } finally {
    c.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
