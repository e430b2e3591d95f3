/**
 * Modular exponentiation for finite-field DHE in pure BigInt: the path for primes outside the standard groups and for
 * runtimes whose native DH fails (see finiteFieldAgreement in crypto-primitives.ts). Two costs dominate a client DHE
 * handshake: g^x and Ys^x. Both use a 4-bit fixed window, so the sequence of operations depends on the exponent's
 * length, not on its bits. Reductions use Barrett's method because V8's BigInt division is much slower than its
 * multiplication.
 */
import { TlsError } from './tls-error';

const WINDOW_BITS = 4;
const WINDOW_SIZE = 1 << WINDOW_BITS;
const WINDOW_MASK = BigInt(WINDOW_SIZE - 1);

/** x mod n for 0 <= x < n^2 with two multiplications instead of a division (Barrett, HAC 14.42). */
class BarrettReducer {
  private readonly shiftIn: bigint;
  private readonly shiftOut: bigint;
  private readonly mu: bigint;

  constructor(readonly modulus: bigint) {
    const k = BigInt(modulus.toString(2).length);
    this.shiftIn = k - 1n;
    this.shiftOut = k + 1n;
    this.mu = (1n << (2n * k)) / modulus;
  }

  reduce(x: bigint): bigint {
    const q = ((x >> this.shiftIn) * this.mu) >> this.shiftOut;
    let r = x - q * this.modulus;
    // The estimate q is at most 2 short, so at most two corrections (HAC 14.42 note).
    while (r >= this.modulus) r -= this.modulus;
    return r;
  }

  multiply(a: bigint, b: bigint): bigint {
    return this.reduce(a * b);
  }
}

function checkModulus(modulus: bigint): void {
  if (modulus <= 1n) throw new TlsError('internal', 'modulus must exceed 1');
}

/** The exponent's 4-bit digits, most significant first. */
function windows(exponent: bigint): number[] {
  const digits: number[] = [];
  for (let e = exponent; e > 0n; e >>= BigInt(WINDOW_BITS)) digits.push(Number(e & WINDOW_MASK));
  return digits.reverse();
}

/** base^exponent mod modulus (exponent >= 0). */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  checkModulus(modulus);
  if (exponent < 0n) throw new TlsError('internal', 'exponent must not be negative');
  const ring = new BarrettReducer(modulus);
  const b = ((base % modulus) + modulus) % modulus;
  const table: bigint[] = [1n % modulus];
  for (let i = 1; i < WINDOW_SIZE; i++) table.push(ring.multiply(table[i - 1] as bigint, b));
  let r = 1n % modulus;
  for (const digit of windows(exponent)) {
    for (let s = 0; s < WINDOW_BITS; s++) r = ring.multiply(r, r);
    r = ring.multiply(r, table[digit] as bigint);
  }
  return r;
}

/**
 * Powers of one base under one modulus, for exponents up to `maxExponentBits`: table[i][d] = base^(d·16^i), so
 * base^x is one multiplication per 4-bit digit of x and no squaring at all. Worth it when the same group comes back,
 * which it does: a target (and usually every target) always offers the same DH group.
 */
export class FixedBasePower {
  private readonly ring: BarrettReducer;
  private readonly table: bigint[][] = [];

  constructor(
    readonly base: bigint,
    readonly modulus: bigint,
    readonly maxExponentBits: number,
  ) {
    checkModulus(modulus);
    this.ring = new BarrettReducer(modulus);
    let power = ((base % modulus) + modulus) % modulus;
    const digits = Math.ceil(maxExponentBits / WINDOW_BITS);
    for (let i = 0; i < digits; i++) {
      const row: bigint[] = [1n % modulus, power];
      for (let d = 2; d < WINDOW_SIZE; d++) row.push(this.ring.multiply(row[d - 1] as bigint, power));
      this.table.push(row);
      power = this.ring.multiply(row[WINDOW_SIZE - 1] as bigint, power);
    }
  }

  /** base^exponent mod modulus; exponents beyond the table fall back to modPow. */
  pow(exponent: bigint): bigint {
    if (exponent < 0n) throw new TlsError('internal', 'exponent must not be negative');
    if (exponent.toString(2).length > this.maxExponentBits) return modPow(this.base, exponent, this.modulus);
    let r = 1n % this.modulus;
    let e = exponent;
    // Every row is used, digit 0 included, so the work depends on the table size and not on the exponent's bits.
    for (const row of this.table) {
      r = this.ring.multiply(r, row[Number(e & WINDOW_MASK)] as bigint);
      e >>= BigInt(WINDOW_BITS);
    }
    return r;
  }
}

/** Groups seen in this process; a handful at most (one per target vendor configuration). */
const MAX_CACHED_GROUPS = 4;
const seenGroups = new Map<string, { uses: number; power: FixedBasePower | null }>();

/**
 * base^exponent mod modulus for a DH group's generator. The first time a group is seen this is plain modPow; from
 * the second time on (a batch of routes, the verify connection after a route add) a fixed-base table pays for
 * itself: building it costs about as much as three plain exponentiations, and each use then saves most of one.
 */
export function generatorPow(base: bigint, exponent: bigint, modulus: bigint, maxExponentBits: number): bigint {
  const key = `${modulus.toString(16)}:${base.toString(16)}:${maxExponentBits}`;
  let entry = seenGroups.get(key);
  if (!entry) {
    entry = { uses: 0, power: null };
    if (seenGroups.size >= MAX_CACHED_GROUPS) seenGroups.delete(seenGroups.keys().next().value as string);
    seenGroups.set(key, entry);
  }
  entry.uses++;
  if (entry.uses < 2) return modPow(base, exponent, modulus);
  entry.power ??= new FixedBasePower(base, modulus, maxExponentBits);
  return entry.power.pow(exponent);
}
