import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CryptoPool, findCryptoWorker } from './crypto-pool';
import { importRsaPublicKey, loadRsaPrivateKey, modPow, rsaPkcs1Verify } from './crypto-primitives';
import { dheClientShareOffThread } from './key-exchange';
import { bytesToBigInt } from './bytes';
import { TlsError } from './tls-error';
import wellKnownDhPrimes from './well-known-dh-primes.json';

const ffdhe2048 = BigInt(`0x${wellKnownDhPrimes[0]!.prime}`);
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const key = loadRsaPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
const pub = importRsaPublicKey(new Uint8Array(publicKey.export({ format: 'der', type: 'spki' })))!;
const pools: CryptoPool[] = [];
const pool = (...args: ConstructorParameters<typeof CryptoPool>) => {
  const created = new CryptoPool(...args);
  pools.push(created);
  return created;
};
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('crypto worker pool', () => {
  it('finds the worker bundle the test setup built, and runs DHE, signatures and verification on worker threads', async () => {
    expect(findCryptoWorker()).toEqual({ file: expect.stringMatching(/crypto-worker\.cjs$/) });
    const workers = pool(findCryptoWorker(), 2);
    const data = new TextEncoder().encode('client random || server random || params');
    const signature = await workers.sign(key, 'sha256', data);
    expect(rsaPkcs1Verify(pub, 'sha256', data, signature)).toBe(true);
    expect(await workers.verify(pub, 'sha256', data, signature)).toBe(true);
    const tampered = Uint8Array.from(signature, (b, i) => (i === 0 ? b ^ 1 : b));
    expect(await workers.verify(pub, 'sha256', data, tampered)).toBe(false);

    // The exponent never leaves the worker, so check the agreement the way a server would: Z = Yc^y with its own y.
    const y = 0x1234567890abcdefn << 200n;
    const ys = modPow(2n, y, ffdhe2048);
    const share = await dheClientShareOffThread(ffdhe2048, 2n, ys, workers);
    expect(bytesToBigInt(share.preMaster)).toBe(modPow(bytesToBigInt(share.publicValue), y, ffdhe2048));
    expect(share.bits).toBe(2048);
    expect(workers.status()).toMatchObject({ mode: 'workers', workers: 2, inThread: 0 });
    expect(workers.status().offThread).toBe(4);
  });

  it('spreads many concurrent jobs over its threads and answers each with its own result', async () => {
    const workers = pool(findCryptoWorker(), 2);
    const messages = Array.from({ length: 24 }, (_, i) => new TextEncoder().encode(`message ${i}`));
    const signatures = await Promise.all(messages.map((m) => workers.sign(key, 'sha384', m)));
    signatures.forEach((s, i) => expect(rsaPkcs1Verify(pub, 'sha384', messages[i]!, s)).toBe(true));
    expect(new Set(signatures.map((s) => createHash('sha1').update(s).digest('hex'))).size).toBe(24);
  });

  it('rejects bad server DH values with the same typed error as the in-thread path, before any job is queued', async () => {
    const workers = pool(findCryptoWorker(), 1);
    await expect(dheClientShareOffThread(ffdhe2048, 2n, 1n, workers)).rejects.toThrow(TlsError);
    await expect(dheClientShareOffThread(ffdhe2048, 2n, 1n, workers)).rejects.toMatchObject({ code: 'dh-params' });
    expect(workers.status().offThread).toBe(0);
  });

  it('without a worker file, does the same work on the calling thread (never a failed handshake)', async () => {
    const here = pool(null, 2);
    const data = new TextEncoder().encode('no worker');
    expect(await here.verify(pub, 'sha256', data, await here.sign(key, 'sha256', data))).toBe(true);
    expect(here.status()).toMatchObject({ mode: 'in-thread', workers: 0, offThread: 0, inThread: 2 });
  });

  it('when a worker dies, runs its unanswered and later jobs on the calling thread', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crypto-pool-'));
    try {
      const broken = join(dir, 'crypto-worker.cjs');
      writeFileSync(broken, 'process.exit(3);\n');
      const dying = pool({ file: broken }, 1);
      const data = new TextEncoder().encode('survives');
      const signature = await dying.sign(key, 'sha256', data);
      expect(rsaPkcs1Verify(pub, 'sha256', data, signature)).toBe(true);
      expect(await dying.verify(pub, 'sha256', data, signature)).toBe(true);
      expect(dying.status()).toMatchObject({ mode: 'in-thread', workers: 0, offThread: 0, inThread: 2 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs the code a bundle carries as text (how the app, CLI and benchmarks start it)', async () => {
    const { file } = findCryptoWorker() as { file: string };
    const bundled = pool({ source: readFileSync(file, 'utf8') }, 1);
    const data = new TextEncoder().encode('built in');
    expect(await bundled.verify(pub, 'sha256', data, await bundled.sign(key, 'sha256', data))).toBe(true);
    expect(bundled.status()).toMatchObject({ mode: 'workers', workerCode: 'built-in', inThread: 0 });
  });

  it('prefers built-in code, then the file ARS_CRYPTO_WORKER names, then one beside the module', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crypto-pool-find-'));
    try {
      const beside = join(dir, 'crypto-worker.cjs');
      const named = join(dir, 'named.cjs');
      writeFileSync(beside, '');
      writeFileSync(named, '');
      expect(findCryptoWorker(dir, { ARS_CRYPTO_WORKER: named }, 'code')).toEqual({ source: 'code' });
      expect(findCryptoWorker(dir, { ARS_CRYPTO_WORKER: named }, undefined)).toEqual({ file: named });
      expect(findCryptoWorker(dir, {}, undefined)).toEqual({ file: beside });
      mkdirSync(join(dir, 'empty'));
      expect(findCryptoWorker(join(dir, 'empty'), {}, undefined)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('crypto worker pool, keys', () => {
  it('keeps answering correctly when several keys take turns (each key crosses to a worker once, then by id)', async () => {
    const workers = new CryptoPool(findCryptoWorker(), 1);
    try {
      const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const otherKey = loadRsaPrivateKey(other.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
      const otherPub = importRsaPublicKey(new Uint8Array(other.publicKey.export({ format: 'der', type: 'spki' })))!;
      const data = new TextEncoder().encode('turns');
      for (let round = 0; round < 3; round++) {
        const mine = await workers.sign(key, 'sha256', data);
        const theirs = await workers.sign(otherKey, 'sha256', data);
        expect(await workers.verify(pub, 'sha256', data, mine)).toBe(true);
        expect(await workers.verify(otherPub, 'sha256', data, theirs)).toBe(true);
        expect(await workers.verify(pub, 'sha256', data, theirs)).toBe(false);
      }
      expect(workers.status()).toMatchObject({ mode: 'workers', inThread: 0, offThread: 15 });
    } finally {
      await workers.close();
    }
  });
});
