import { generatePrimeSync, getDiffieHellman, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finiteFieldAgreement, modPow, p256Share, x25519Share } from './crypto-primitives';
import wellKnownDhPrimes from './well-known-dh-primes.json';
import { FFDHE2048_PEM } from '../../../../sim/dhparam';

const here = dirname(fileURLToPath(import.meta.url));

/** Engine sources: everything in this folder except tests and the test-only testing/ helpers. */
function engineFiles(): string[] {
  return readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
}

function withoutComments(src: string): string {
  return src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
}

// What BoringSSL (Electron) and OpenSSL (Node) both provide; see the header of crypto-primitives.ts.
const ALLOWED_FUNCTIONS = [
  'createCipheriv',
  'createDecipheriv',
  'createDiffieHellman',
  'createECDH',
  'createHash',
  'createHmac',
  'createPrivateKey',
  'createPublicKey',
  'diffieHellman',
  'generateKeyPairSync',
  'randomBytes',
  'sign',
  'timingSafeEqual',
  'verify',
  'type DiffieHellman',
  'type KeyObject',
];
const ALLOWED_ALGORITHMS = new Set([
  'aes-128-cbc',
  'aes-256-cbc',
  'aes-128-gcm',
  'aes-256-gcm',
  'sha1',
  'sha256',
  'sha384',
  'sha512',
  'prime256v1',
  'x25519',
]);

describe('node:crypto containment', () => {
  it('only crypto-primitives.ts imports node:crypto (in any spelling)', () => {
    const importers = engineFiles().filter((f) =>
      /from\s+['"](node:)?crypto['"]|require\(\s*['"](node:)?crypto['"]\s*\)|import\(\s*['"](node:)?crypto['"]/.test(
        readFileSync(join(here, f), 'utf8'),
      ),
    );
    expect(importers).toEqual(['crypto-primitives.ts']);
  });

  it('crypto-primitives.ts imports exactly the allow-listed functions', () => {
    const src = withoutComments(readFileSync(join(here, 'crypto-primitives.ts'), 'utf8'));
    const block = /import\s*\{([^}]*)\}\s*from\s*'node:crypto'/.exec(src)?.[1] ?? '';
    const names = block
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    expect(names.sort()).toEqual([...ALLOWED_FUNCTIONS].sort());
    expect(src).not.toMatch(/createDiffieHellmanGroup|getDiffieHellman|webcrypto|subtle|constants\./);
  });

  it('every algorithm string crypto-primitives.ts names is allow-listed', () => {
    const src = readFileSync(join(here, 'crypto-primitives.ts'), 'utf8');
    const literals = [...src.matchAll(/'((?:aes|sha|chacha|des|rc4|md5|prime|secp|x25519|x448|ed)[a-z0-9-]*)'/gi)].map((m) => m[1]);
    expect(literals.length).toBeGreaterThan(5);
    expect(literals.filter((l) => !ALLOWED_ALGORITHMS.has(l ?? ''))).toEqual([]);
  });
});

describe('modPow', () => {
  it('agrees with plain square-and-multiply on random inputs, including edge exponents', () => {
    const naive = (b: bigint, e: bigint, m: bigint) => {
      let r = 1n;
      b %= m;
      for (; e > 0n; e >>= 1n) {
        if (e & 1n) r = (r * b) % m;
        b = (b * b) % m;
      }
      return r;
    };
    const m = generatePrimeSync(256, { bigint: true });
    for (const e of [0n, 1n, 2n, 15n, 16n, 17n, BigInt(`0x${randomBytes(40).toString('hex')}`)]) {
      const b = BigInt(`0x${randomBytes(32).toString('hex')}`);
      expect(modPow(b, e, m)).toBe(naive(b, e, m));
    }
  });
});

describe('ECDHE shares', () => {
  it('two X25519 and two P-256 shares agree on the secret and reject junk points', () => {
    const [a, b] = [x25519Share(), x25519Share()];
    expect(a.computeSecret(b.publicKey)).toEqual(b.computeSecret(a.publicKey));
    expect(a.computeSecret(new Uint8Array(32))).toBeNull(); // low-order point → all-zero secret
    const [c, d] = [p256Share(), p256Share()];
    expect(c.computeSecret(d.publicKey)).toEqual(d.computeSecret(c.publicKey));
    expect(c.computeSecret(new Uint8Array(65).fill(4))).toBeNull();
  });
});

describe('finiteFieldAgreement', () => {
  const randomExponent = () => BigInt(`0x${randomBytes(48).toString('hex')}`) | (1n << 383n);
  const primes = wellKnownDhPrimes.map((g) => g.prime);
  const ffdhe2048 = BigInt(`0x${primes[0]}`);

  it('holds the standard primes byte for byte (RFC 3526 from Node, RFC 7919 ffdhe2048 as the simulator serves it)', () => {
    for (const name of ['modp14', 'modp15', 'modp16', 'modp17', 'modp18']) expect(primes).toContain(getDiffieHellman(name).getPrime('hex'));
    const der = Buffer.from(FFDHE2048_PEM.replace(/-----[^-]+-----|\s/g, ''), 'base64');
    // PKCS#3 DHParameter: SEQUENCE { INTEGER p (257 bytes, leading 00), INTEGER g }
    expect(der.subarray(9, 9 + 256).toString('hex')).toBe(primes[0]);
  });

  it('lists each group at its stated size, with the all-ones top and bottom 64 bits both RFCs build their primes with', () => {
    for (const { group, prime } of wellKnownDhPrimes) {
      const bits = Number(/(2048|3072|4096|6144|8192)/.exec(group)?.[1]);
      expect(prime.length * 4, group).toBe(bits);
      expect([prime.slice(0, 16), prime.slice(-16)], group).toEqual(['ffffffffffffffff', 'ffffffffffffffff']);
    }
  });

  it('native and BigInt give the same public value and secret, again and again on the reused native group', () => {
    const modp14 = BigInt(`0x${getDiffieHellman('modp14').getPrime('hex')}`);
    for (const p of [ffdhe2048, modp14]) {
      for (let i = 0; i < 3; i++) {
        const [x, ys] = [randomExponent(), modPow(2n, randomExponent(), p)];
        const native = finiteFieldAgreement(p, 2n, ys, x, 384);
        const big = finiteFieldAgreement(p, 2n, ys, x, 384, false);
        expect([native.via, big.via]).toEqual(['native', 'bigint']);
        expect(native.publicValue).toBe(big.publicValue);
        expect(native.secret).toBe(big.secret);
        expect(big.publicValue).toBe(modPow(2n, x, p));
      }
    }
  });

  it('uses BigInt for a standard prime with another generator, which native DH would prime-check again', () => {
    const x = randomExponent();
    const result = finiteFieldAgreement(ffdhe2048, 3n, 7n, x, 384);
    expect(result.via).toBe('bigint');
    expect(result.publicValue).toBe(modPow(3n, x, ffdhe2048));
  });

  it('uses BigInt for a prime outside the standard groups, so a server cannot make us prime-check its choice', () => {
    const p = generatePrimeSync(1024, { bigint: true });
    const x = randomExponent();
    const result = finiteFieldAgreement(p, 2n, 5n, x, 384);
    expect(result.via).toBe('bigint');
    expect(result.secret).toBe(modPow(5n, x, p));
  });
});
