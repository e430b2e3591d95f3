/** Client halves of the three key exchanges and the premaster secrets they yield. */
import { bigIntToBytes, concatBytes, u16 } from './bytes';
import { privateExponent } from './crypto-jobs';
import { cryptoPool, type CryptoPool } from './crypto-pool';
import { finiteFieldAgreement, p256Share, x25519Share, type EcdheShare } from './crypto-primitives';
import { namedDhGroup } from './dh-groups';
import { NamedGroup } from './handshake-messages';
import { TlsFatal } from './tls-error';

/** The floor with the legacy option; without it only the standard groups (2048 bits and more) pass. */
export const MIN_DH_BITS = 1024;
/** Bigger primes only cost us CPU time; nobody deploys them. */
export const MAX_DH_BITS = 8192;
/**
 * RFC 7919 Appendix A: the shortest private exponent ("short exponent", §5.2) each named group's strength allows
 * (ffdhe2048 ≈ 103-bit strength → 225 bits, …). A prime between sizes is treated like the next larger group, a prime
 * below 2048 bits like ffdhe2048.
 */
const RFC7919_MIN_EXPONENT_BITS: ReadonlyArray<readonly [primeBits: number, exponentBits: number]> = [
  [2048, 225],
  [3072, 275],
  [4096, 325],
  [6144, 375],
  [8192, 400],
];
/** Margin above the RFC minimum, and the floor whatever the group. */
const EXPONENT_MARGIN_BITS = 128;
const MIN_EXPONENT_BITS = 384;

/**
 * Private exponent length for a prime of `primeBits`: the RFC 7919 minimum plus 128 bits, rounded up to whole
 * 64-bit words, never below 384. So 384 for 2048-bit groups (TwinCAT's and the simulator's ffdhe2048), up to 576 for
 * 8192. Every bit costs a modular squaring in both exponentiations, so a blanket 512 wasted a quarter of them on
 * the common 2048-bit group.
 */
export function dhExponentBits(primeBits: number): number {
  const row =
    RFC7919_MIN_EXPONENT_BITS.find(([size]) => primeBits <= size) ?? RFC7919_MIN_EXPONENT_BITS[RFC7919_MIN_EXPONENT_BITS.length - 1];
  const minimum = (row?.[1] ?? 400) + EXPONENT_MARGIN_BITS;
  return Math.max(MIN_EXPONENT_BITS, Math.ceil(minimum / 64) * 64);
}

export interface ClientShare {
  /** What goes into ClientKeyExchange. */
  publicValue: Uint8Array;
  preMaster: Uint8Array;
}

function dhParams(message: string): TlsFatal {
  return new TlsFatal('dh-params', message, 'insufficient_security');
}

export function bitLength(value: bigint): number {
  return value <= 0n ? 0 : value.toString(2).length;
}

/**
 * Checks the server's group and public value (RFC 5246 §8.1.2, SP 800-56A range checks); returns the prime's size.
 * Without `legacy` the group must be one of the RFC 7919 / RFC 3526 groups; with it any odd modulus of 1024 to 8192
 * bits is taken as the server's word (computed in BigInt, never primality-tested).
 */
function checkDheParams(p: bigint, g: bigint, ys: bigint, legacy: boolean): number {
  const bits = bitLength(p);
  if (!legacy && !namedDhGroup(p, g)) {
    throw dhParams(
      bits < 2048
        ? `server DH prime has ${bits} bits; at least 2048 are required (allow legacy crypto only for an old target you trust)`
        : `server DH group (${bits}-bit prime${g === 2n ? '' : `, generator ${g}`}) is not one of the RFC 7919 or RFC 3526 groups; only those are accepted (allow legacy crypto only for an old target you trust)`,
    );
  }
  if (bits < MIN_DH_BITS) throw dhParams(`server DH prime has ${bits} bits; at least ${MIN_DH_BITS} are required`);
  if (bits > MAX_DH_BITS) throw dhParams(`server DH prime has ${bits} bits; at most ${MAX_DH_BITS} are supported`);
  if ((p & 1n) === 0n) throw dhParams('server DH modulus is even, so it is not a prime');
  const top = p - 1n;
  if (g <= 1n || g >= top) throw dhParams('server DH generator is out of range');
  if (ys <= 1n || ys >= top) throw dhParams('server DH public value is out of range');
  return bits;
}

function finishDhe(p: bigint, yc: bigint, z: bigint, bits: number): ClientShare & { bits: number } {
  if (z <= 1n || z >= p - 1n) throw dhParams('DH shared secret is degenerate (server value in a small subgroup)');
  // RFC 5246 §8.1.2: leading zero bytes of Z are stripped.
  return { publicValue: bigIntToBytes(yc), preMaster: bigIntToBytes(z), bits };
}

/** Checks the server's DHE parameters and derives our share on this thread. */
export function dheClientShare(p: bigint, g: bigint, ys: bigint, legacy = false): ClientShare & { bits: number } {
  const bits = checkDheParams(p, g, ys, legacy);
  const exponentBits = dhExponentBits(bits);
  const { publicValue, secret } = finiteFieldAgreement(p, g, ys, privateExponent(exponentBits), exponentBits);
  return finishDhe(p, publicValue, secret, bits);
}

/** The same, with both exponentiations on a crypto worker thread (see crypto-pool.ts). */
export async function dheClientShareOffThread(
  p: bigint,
  g: bigint,
  ys: bigint,
  pool: CryptoPool = cryptoPool(),
  legacy = false,
): Promise<ClientShare & { bits: number }> {
  const bits = checkDheParams(p, g, ys, legacy);
  const { publicValue, secret } = await pool.dhe(p, g, ys, dhExponentBits(bits));
  return finishDhe(p, publicValue, secret, bits);
}

export function ecdheClientShare(group: number, serverPoint: Uint8Array): ClientShare & { groupName: string } {
  let share: EcdheShare;
  let groupName: string;
  if (group === NamedGroup.x25519) {
    share = x25519Share();
    groupName = 'X25519';
  } else if (group === NamedGroup.secp256r1) {
    share = p256Share();
    groupName = 'P-256';
  } else {
    throw new TlsFatal('handshake-failure', `server chose EC group ${group}, which was not offered`, 'illegal_parameter');
  }
  const preMaster = share.computeSecret(serverPoint);
  if (!preMaster) throw new TlsFatal('handshake-failure', 'server ECDHE public key is invalid', 'illegal_parameter');
  return { publicValue: share.publicKey, preMaster, groupName };
}

/** RFC 4279 §2: premaster = N zero bytes and the PSK, each with a 2-byte length. */
export function pskPreMaster(psk: Uint8Array): Uint8Array {
  return concatBytes(u16(psk.length), new Uint8Array(psk.length), u16(psk.length), psk);
}
