/**
 * The handshake's expensive maths as plain data in, plain data out, so it can run on a worker thread (crypto-worker.ts)
 * or, when no worker is available, right here. Everything in a job survives postMessage: bigints, byte arrays and
 * node:crypto KeyObjects (cloned, not re-parsed, on the other side).
 */
import { bytesToBigInt } from './bytes';
import {
  finiteFieldAgreement,
  randomBytesOf,
  rsaPkcs1Sign,
  rsaPkcs1Verify,
  type FiniteFieldAgreement,
  type RsaPrivateKey,
  type RsaPublicKey,
  type SignatureHash,
} from './crypto-primitives';
import { TlsError, TlsFatal, type AlertName, type TlsErrorCode } from './tls-error';

/** node:crypto KeyObjects; named through crypto-primitives.ts, the engine's only door to node:crypto. */
type PrivateKeyHandle = RsaPrivateKey['handle'];
type PublicKeyHandle = RsaPublicKey['handle'];

export type CryptoJob =
  /** Our DHE half with a fresh private exponent of `exponentBits`: it is drawn where the maths runs and never sent. */
  | { op: 'dhe'; p: bigint; g: bigint; ys: bigint; exponentBits: number }
  | { op: 'sign'; key: PrivateKeyHandle; hash: SignatureHash; data: Uint8Array }
  | { op: 'verify'; key: PublicKeyHandle; hash: SignatureHash; data: Uint8Array; signature: Uint8Array };

/**
 * A job as posted to a worker: a key travels once per worker and is named by `keyId` afterwards, since cloning a
 * KeyObject into another thread costs more than the verification it is used for.
 */
export type WireJob =
  | Extract<CryptoJob, { op: 'dhe' }>
  | (Omit<Extract<CryptoJob, { op: 'sign' }>, 'key'> & { keyId: number; key?: PrivateKeyHandle })
  | (Omit<Extract<CryptoJob, { op: 'verify' }>, 'key'> & { keyId: number; key?: PublicKeyHandle });

/** Keys a worker remembers; the pool mirrors the same first-in-first-out window per worker. */
export const WORKER_KEY_CACHE = 256;

/** The worker's side of the key window: posts arrive in order, so it evicts exactly what the pool evicts. */
export class WorkerKeys {
  private readonly keys = new Map<number, PrivateKeyHandle>();

  resolve(job: WireJob): CryptoJob {
    if (job.op === 'dhe') return job;
    let key = job.key;
    if (key) {
      this.keys.set(job.keyId, key);
      if (this.keys.size > WORKER_KEY_CACHE) this.keys.delete(this.keys.keys().next().value as number);
    } else {
      key = this.keys.get(job.keyId);
    }
    if (!key) throw new TlsError('internal', 'crypto worker lost a key');
    return job.op === 'sign'
      ? { op: 'sign', key, hash: job.hash, data: job.data }
      : { op: 'verify', key, hash: job.hash, data: job.data, signature: job.signature };
  }
}

export interface CryptoJobResults {
  dhe: Omit<FiniteFieldAgreement, 'via'> & { via: FiniteFieldAgreement['via'] };
  sign: Uint8Array;
  verify: boolean;
}

export type CryptoJobResult = CryptoJobResults[keyof CryptoJobResults];

/** A random exponent of exactly `bits` bits (top bit set), as RFC 7919's short exponents are. */
export function privateExponent(bits: number): bigint {
  return bytesToBigInt(randomBytesOf(bits / 8)) | (1n << BigInt(bits - 1));
}

export function runCryptoJob(job: CryptoJob): CryptoJobResult {
  switch (job.op) {
    case 'dhe':
      return finiteFieldAgreement(job.p, job.g, job.ys, privateExponent(job.exponentBits), job.exponentBits);
    case 'sign':
      return rsaPkcs1Sign({ kind: 'rsa-private', handle: job.key }, job.hash, job.data);
    case 'verify':
      // bits only matter when a key is imported; verification does not read it.
      return rsaPkcs1Verify({ kind: 'rsa-public', handle: job.key, bits: 0 }, job.hash, job.data, job.signature);
  }
}

/** What a failed job sends back: enough to rebuild the same TlsError class and code on the calling thread. */
export interface CryptoJobFailure {
  code: TlsErrorCode | null;
  message: string;
  alert: string | null;
  fatal: boolean;
}

export function describeJobFailure(error: unknown): CryptoJobFailure {
  if (error instanceof TlsError) {
    return {
      code: error.code,
      message: error.message,
      alert: error instanceof TlsFatal ? error.sendAlert : (error.alert ?? null),
      fatal: error instanceof TlsFatal,
    };
  }
  // Not a TlsError: node:crypto's own messages never contain key material, but keep them generic anyway.
  return { code: null, message: 'cryptographic operation failed', alert: null, fatal: false };
}

export function jobFailureError(failure: CryptoJobFailure): Error {
  if (failure.code === null) return new TlsError('internal', failure.message);
  if (failure.fatal && failure.alert) return new TlsFatal(failure.code, failure.message, failure.alert as AlertName);
  return new TlsError(failure.code, failure.message, failure.alert ?? undefined);
}
