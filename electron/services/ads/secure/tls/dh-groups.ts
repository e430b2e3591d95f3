/**
 * The finite-field groups the client accepts without the legacy option: RFC 7919 ffdhe2048–8192 and RFC 3526 groups
 * 14–18, all with generator 2. A fixed list instead of checking what a server sends: proving an unknown prime prime
 * costs a primality test per handshake (a server could pick a new prime every time to stall us), and a prime that is
 * not a safe prime can leak the exponent through small subgroups.
 */
import wellKnownDhPrimes from './well-known-dh-primes.json';

const STANDARD_GENERATOR = 2n;
const NAMED_GROUPS = new Map<string, string>(wellKnownDhPrimes.map((g) => [g.prime, g.group]));

/** The standard group's name when (p, g) is one of them, else null. */
export function namedDhGroup(p: bigint, g: bigint): string | null {
  if (g !== STANDARD_GENERATOR) return null;
  return NAMED_GROUPS.get(p.toString(16)) ?? null;
}
