import { concatBytes } from './bytes';
import { hmac, type PrfHash } from './crypto-primitives';

const encoder = new TextEncoder();

/** P_hash from RFC 5246 §5: HMAC chaining until `length` bytes are produced. */
export function pHash(hash: PrfHash, secret: Uint8Array, seed: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let a = seed;
  let filled = 0;
  while (filled < length) {
    a = hmac(hash, secret, a);
    const block = hmac(hash, secret, a, seed);
    out.set(block.subarray(0, Math.min(block.length, length - filled)), filled);
    filled += block.length;
  }
  return out;
}

/** TLS 1.2 PRF(secret, label, seed) = P_<hash>(secret, label + seed). */
export function prf(hash: PrfHash, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  return pHash(hash, secret, concatBytes(encoder.encode(label), seed), length);
}

/** master_secret without extended master secret (RFC 5246 §8.1); TwinCAT PSK rejects EMS. */
export function masterSecret(hash: PrfHash, preMaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Uint8Array {
  return prf(hash, preMaster, 'master secret', concatBytes(clientRandom, serverRandom), 48);
}
