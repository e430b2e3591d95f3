import { generatePrimeSync, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { modPow, p256Share, x25519Share } from './crypto-primitives';

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
  'createCipheriv', 'createDecipheriv', 'createECDH', 'createHash', 'createHmac', 'createPrivateKey',
  'createPublicKey', 'diffieHellman', 'generateKeyPairSync', 'randomBytes', 'sign', 'timingSafeEqual', 'verify', 'type KeyObject',
];
const ALLOWED_ALGORITHMS = new Set(['aes-128-cbc', 'aes-256-cbc', 'aes-128-gcm', 'aes-256-gcm', 'sha1', 'sha256', 'sha384', 'sha512', 'prime256v1', 'x25519']);

describe('node:crypto containment', () => {
  it('only crypto-primitives.ts imports node:crypto (in any spelling)', () => {
    const importers = engineFiles().filter((f) => /from\s+['"](node:)?crypto['"]|require\(\s*['"](node:)?crypto['"]\s*\)|import\(\s*['"](node:)?crypto['"]/.test(readFileSync(join(here, f), 'utf8')));
    expect(importers).toEqual(['crypto-primitives.ts']);
  });

  it('crypto-primitives.ts imports exactly the allow-listed functions', () => {
    const src = withoutComments(readFileSync(join(here, 'crypto-primitives.ts'), 'utf8'));
    const block = /import\s*\{([^}]*)\}\s*from\s*'node:crypto'/.exec(src)?.[1] ?? '';
    const names = block.split(',').map((s) => s.trim()).filter(Boolean);
    expect(names.sort()).toEqual([...ALLOWED_FUNCTIONS].sort());
    expect(src).not.toMatch(/createDiffieHellman|getDiffieHellman|webcrypto|subtle|constants\./);
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
