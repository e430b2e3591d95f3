import { generatePrimeSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dhExponentBits } from './key-exchange';
import { FixedBasePower, generatorPow, modPow } from './modular-power';

function naive(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n % m;
  b = ((b % m) + m) % m;
  for (; e > 0n; e >>= 1n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
  }
  return r;
}

const randomBig = (bytes: number) => BigInt(`0x${randomBytes(bytes).toString('hex')}`);

describe('modPow (Barrett reduction)', () => {
  it('matches square-and-multiply for odd, even, tiny and 2048-bit moduli, bases beyond the modulus and negative bases', () => {
    const moduli = [2n, 3n, 10n, 2n ** 64n, randomBig(33) | 1n, randomBig(70), generatePrimeSync(2048, { bigint: true })];
    for (const m of moduli) {
      for (const b of [0n, 1n, -5n, m - 1n, m + 7n, randomBig(300), -randomBig(40)]) {
        for (const e of [0n, 1n, 16n, 255n, randomBig(48)]) expect(modPow(b, e, m)).toBe(naive(b, e, m));
      }
    }
  });

  it('refuses a modulus of 1 or less and a negative exponent with a typed error', () => {
    expect(() => modPow(2n, 3n, 1n)).toThrow(/modulus/);
    expect(() => modPow(2n, -3n, 7n)).toThrow(/exponent/);
  });
});

describe('FixedBasePower', () => {
  const p = generatePrimeSync(1024, { bigint: true });

  it('gives the same powers as modPow, for short, full-length and zero exponents and for a large base', () => {
    for (const g of [2n, randomBig(200)]) {
      const power = new FixedBasePower(g, p, 384);
      for (const e of [0n, 1n, 15n, 16n, randomBig(20), randomBig(48) | (1n << 383n)]) expect(power.pow(e)).toBe(modPow(g, e, p));
    }
  });

  it('falls back to modPow for an exponent longer than its table', () => {
    const power = new FixedBasePower(5n, p, 64);
    const e = randomBig(40) | (1n << 319n);
    expect(power.pow(e)).toBe(naive(5n, e, p));
  });

  it('generatorPow agrees with modPow on the first use of a group and on every later (table) use', () => {
    const q = generatePrimeSync(512, { bigint: true });
    for (let i = 0; i < 4; i++) {
      const e = randomBig(48) | (1n << 383n);
      expect(generatorPow(2n, e, q, 384)).toBe(modPow(2n, e, q));
    }
  });
});

describe('DH private exponent length', () => {
  it('meets RFC 7919 Appendix A for each named group size, never drops below 384 bits, and grows with the prime', () => {
    const rfcMinimum: Record<number, number> = { 2048: 225, 3072: 275, 4096: 325, 6144: 375, 8192: 400 };
    for (const [bits, minimum] of Object.entries(rfcMinimum)) expect(dhExponentBits(Number(bits))).toBeGreaterThanOrEqual(minimum + 128);
    expect(dhExponentBits(1024)).toBe(384);
    expect(dhExponentBits(2048)).toBe(384);
    expect(dhExponentBits(8192)).toBeGreaterThan(dhExponentBits(2048));
    expect(dhExponentBits(2049)).toBe(dhExponentBits(3072));
  });
});
