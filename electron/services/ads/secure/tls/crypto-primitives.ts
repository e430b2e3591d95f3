/**
 * The only door from the TLS engine to node:crypto. Everything here exists in both OpenSSL and
 * BoringSSL builds of Node (Electron ships BoringSSL), and crypto-primitives.test.ts holds this
 * file to an allow-list so nothing OpenSSL-only creeps in. DHE goes native (createDiffieHellman with an explicit
 * prime, which Electron keeps working on BoringSSL: electron#27673/#27674) only for the standard groups, and falls
 * back to the BigInt maths in modular-power.ts for any other prime or if the native call fails.
 */
import {
  createCipheriv,
  createDecipheriv,
  createDiffieHellman,
  createECDH,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  randomBytes,
  sign,
  timingSafeEqual,
  verify,
  type DiffieHellman,
  type KeyObject,
} from 'node:crypto';
import { bigIntToBytes, bytesToBigInt } from './bytes';
import { generatorPow, modPow } from './modular-power';
import { TlsError } from './tls-error';
import wellKnownDhPrimes from './well-known-dh-primes.json';

export type PrfHash = 'sha256' | 'sha384';
export type MacHash = 'sha1' | 'sha256' | 'sha384';
export type SignatureHash = 'sha1' | 'sha256' | 'sha384' | 'sha512';

function asBytes(buf: Uint8Array): Uint8Array {
  // Buffers from node:crypto may share a pooled ArrayBuffer; callers get a plain, owned copy.
  return new Uint8Array(buf);
}

export function digest(hash: MacHash, ...parts: Uint8Array[]): Uint8Array {
  const h = createHash(hash);
  for (const p of parts) h.update(p);
  return asBytes(h.digest());
}

/** A hash fed piece by piece (the handshake transcript): digests along the way, then a last one that ends it. */
export interface RunningHash {
  update(bytes: Uint8Array): void;
  digestSoFar(): Uint8Array;
  finalDigest(): Uint8Array;
}

export function runningHash(hash: MacHash, parts: readonly Uint8Array[]): RunningHash {
  const h = createHash(hash);
  for (const p of parts) h.update(p);
  return {
    update: (bytes) => void h.update(bytes),
    digestSoFar: () => asBytes(h.copy().digest()),
    finalDigest: () => asBytes(h.digest()),
  };
}

/** HMAC of `first` followed by `second` (if given); two fixed parts keep this hot function small. */
export function hmac(hash: MacHash, key: Uint8Array, first: Uint8Array, second?: Uint8Array): Uint8Array {
  const h = createHmac(hash, key).update(first);
  return asBytes((second ? h.update(second) : h).digest());
}

export function hashOutputLength(hash: MacHash): number {
  return hash === 'sha1' ? 20 : hash === 'sha256' ? 32 : 48;
}

/** For secrets (private exponents): straight from the CSPRNG, never held in memory before use. */
export function randomBytesOf(n: number): Uint8Array {
  return asBytes(randomBytes(n));
}

/**
 * CSPRNG bytes drawn from a pool refilled 4 KiB at a time: one call into node:crypto per ~100 handshakes instead of
 * several per handshake. Only for values that go on the wire anyway (hello randoms, CBC IVs), so bytes waiting in the
 * pool are no secret; each byte is handed out once and wiped from the pool as it is.
 */
const PUBLIC_RANDOM_POOL = 4096;
let publicRandomPool: Uint8Array = new Uint8Array(0);
let publicRandomAt = 0;

export function publicRandomBytes(n: number): Uint8Array {
  if (n > PUBLIC_RANDOM_POOL / 16) return randomBytesOf(n);
  if (publicRandomAt + n > publicRandomPool.length) {
    publicRandomPool = randomBytesOf(PUBLIC_RANDOM_POOL);
    publicRandomAt = 0;
  }
  const out = publicRandomPool.slice(publicRandomAt, publicRandomAt + n);
  publicRandomPool.fill(0, publicRandomAt, publicRandomAt + n);
  publicRandomAt += n;
  return out;
}

/** Constant-time comparison; unequal lengths are simply unequal. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function aesCbcName(key: Uint8Array): 'aes-128-cbc' | 'aes-256-cbc' {
  if (key.length === 16) return 'aes-128-cbc';
  if (key.length === 32) return 'aes-256-cbc';
  throw new TlsError('internal', 'unsupported AES key size');
}

function aesGcmName(key: Uint8Array): 'aes-128-gcm' | 'aes-256-gcm' {
  if (key.length === 16) return 'aes-128-gcm';
  if (key.length === 32) return 'aes-256-gcm';
  throw new TlsError('internal', 'unsupported AES key size');
}

/** Raw AES-CBC over whole blocks that continues across calls: the chain goes on from the last block of the previous call. */
export interface CbcStream {
  /** `blocks` (a multiple of 16 bytes) en- or deciphered; the output has the same length. */
  update(blocks: Uint8Array): Uint8Array;
}

export function aesCbcStream(direction: 'encrypt' | 'decrypt', key: Uint8Array, iv: Uint8Array): CbcStream {
  const c = direction === 'encrypt' ? createCipheriv(aesCbcName(key), key, iv) : createDecipheriv(aesCbcName(key), key, iv);
  // Without padding OpenSSL holds nothing back: whole blocks in, the same number of blocks out, at every call.
  c.setAutoPadding(false);
  return {
    update(blocks) {
      const out = c.update(blocks);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    },
  };
}

/** AES-GCM seal: returns ciphertext || 16-byte tag. */
export function aesGcmSeal(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const c = createCipheriv(aesGcmName(key), key, nonce, { authTagLength: 16 });
  c.setAAD(aad);
  return asBytes(Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]));
}

/** AES-GCM open of ciphertext || tag; null when authentication fails. */
export function aesGcmOpen(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array | null {
  if (sealed.length < 16) return null;
  const d = createDecipheriv(aesGcmName(key), key, nonce, { authTagLength: 16 });
  d.setAAD(aad);
  d.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return asBytes(Buffer.concat([d.update(sealed.subarray(0, sealed.length - 16)), d.final()]));
  } catch {
    return null;
  }
}

/** An RSA key the engine can sign or verify with; the KeyObject never leaves this module. */
export interface RsaPrivateKey {
  readonly kind: 'rsa-private';
  readonly handle: KeyObject;
}
export interface RsaPublicKey {
  readonly kind: 'rsa-public';
  readonly handle: KeyObject;
  /** Modulus length. */
  readonly bits: number;
}

/**
 * Parsed client keys by PEM text. A batch of routes uses the same identity key for every handshake, and parsing it
 * costs more than the signature it is used for. Few entries: the PC identity plus maybe a CA-mode key or two.
 */
const MAX_CACHED_PRIVATE_KEYS = 4;
const privateKeys = new Map<string, RsaPrivateKey>();

/** Loads an unencrypted PEM RSA private key; the error never echoes the key. */
export function loadRsaPrivateKey(pem: string): RsaPrivateKey {
  const cached = privateKeys.get(pem);
  if (cached) return cached;
  const loaded = parseRsaPrivateKey(pem);
  if (privateKeys.size >= MAX_CACHED_PRIVATE_KEYS) privateKeys.delete(privateKeys.keys().next().value as string);
  privateKeys.set(pem, loaded);
  return loaded;
}

function parseRsaPrivateKey(pem: string): RsaPrivateKey {
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch {
    throw new TlsError('handshake-failure', 'client private key could not be read (expected an unencrypted PEM RSA key)');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new TlsError('handshake-failure', 'client private key is not an RSA key');
  return { kind: 'rsa-private', handle: key };
}

/** Read from the JWK form rather than asymmetricKeyDetails, which older or BoringSSL builds may lack. */
function rsaModulusBits(key: KeyObject): number {
  const { n } = key.export({ format: 'jwk' });
  const modulus = Buffer.from(n ?? '', 'base64url');
  let at = 0;
  while (at < modulus.length && modulus[at] === 0) at++;
  if (at === modulus.length) return 0;
  return (modulus.length - at - 1) * 8 + (modulus[at] as number).toString(2).length;
}

/**
 * Imported server keys by SPKI. Each SSC route meets the same target certificate twice (add, then verify), and a
 * batch meets each of its targets' keys (a plant's batch: hundreds); public keys, so keeping them is harmless. Bounded
 * like a small LRU.
 */
const MAX_CACHED_PUBLIC_KEYS = 512;
const publicKeys = new Map<string, RsaPublicKey>();

/** Imports a DER SubjectPublicKeyInfo; null unless it is a plain RSA key. */
export function importRsaPublicKey(spkiDer: Uint8Array): RsaPublicKey | null {
  const id = Buffer.from(spkiDer).toString('base64');
  const cached = publicKeys.get(id);
  if (cached) {
    publicKeys.delete(id);
    publicKeys.set(id, cached);
    return cached;
  }
  const key = parseRsaPublicKey(spkiDer);
  if (!key) return null;
  if (publicKeys.size >= MAX_CACHED_PUBLIC_KEYS) publicKeys.delete(publicKeys.keys().next().value as string);
  publicKeys.set(id, key);
  return key;
}

function parseRsaPublicKey(spkiDer: Uint8Array): RsaPublicKey | null {
  try {
    const key = createPublicKey({ key: Buffer.from(spkiDer), format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'rsa' ? { kind: 'rsa-public', handle: key, bits: rsaModulusBits(key) } : null;
  } catch {
    return null;
  }
}

/** RSASSA-PKCS1-v1_5 (Node's default padding for 'rsa' keys). */
export function rsaPkcs1Sign(key: RsaPrivateKey, hash: SignatureHash, data: Uint8Array): Uint8Array {
  return asBytes(sign(hash, data, key.handle));
}

export function rsaPkcs1Verify(key: RsaPublicKey, hash: SignatureHash, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(hash, data, key.handle, signature);
  } catch {
    return false;
  }
}

/** An ephemeral ECDHE key share: our public value on the wire and the shared-secret computation. */
export interface EcdheShare {
  readonly publicKey: Uint8Array;
  /** Returns null for a point that is invalid or yields the all-zero secret. */
  computeSecret(peerPublic: Uint8Array): Uint8Array | null;
}

export function p256Share(): EcdheShare {
  const ecdh = createECDH('prime256v1');
  const publicKey = asBytes(ecdh.generateKeys());
  return {
    publicKey,
    computeSecret(peer) {
      // Only uncompressed points: we advertise ec_point_formats = [uncompressed].
      if (peer.length !== 65 || peer[0] !== 4) return null;
      try {
        return asBytes(ecdh.computeSecret(peer));
      } catch {
        return null;
      }
    },
  };
}

// DER prefix of an X25519 SubjectPublicKeyInfo (RFC 8410); the raw 32-byte key follows it.
const X25519_SPKI_PREFIX = Uint8Array.of(0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x03, 0x21, 0x00);

export function x25519Share(): EcdheShare {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const spki = asBytes(publicKey.export({ format: 'der', type: 'spki' }));
  return {
    publicKey: spki.subarray(X25519_SPKI_PREFIX.length),
    computeSecret(peer) {
      if (peer.length !== 32) return null;
      try {
        const peerKey = createPublicKey({ key: Buffer.concat([X25519_SPKI_PREFIX, peer]), format: 'der', type: 'spki' });
        const secret = asBytes(diffieHellman({ privateKey, publicKey: peerKey }));
        // RFC 7748 §6.1: an all-zero result means a low-order point.
        return secret.some((b) => b !== 0) ? secret : null;
      } catch {
        return null;
      }
    },
  };
}

// Kept importable from here: callers and tests know the engine's maths by this module's name.
export { modPow };

/** Our half of a finite-field DH agreement: Yc = g^x mod p, Z = Ys^x mod p. */
export interface FiniteFieldAgreement {
  publicValue: bigint;
  secret: bigint;
  /** Which maths computed it; reported by tests and the benchmark, never a security decision. */
  via: 'native' | 'bigint';
}

/**
 * Only the standard groups' primes (well-known-dh-primes.json: RFC 7919 ffdhe2048-8192, RFC 3526 groups 14-18)
 * go native: creating a native DH object runs a primality check, ~0.1 s for a 2048-bit prime OpenSSL does not
 * recognise and seconds for bigger ones, which a server choosing a new prime per connection could use to stall the
 * main process. The set is fixed and so is the generator (2, as in every listed group; any other generator makes even
 * a standard prime unknown to OpenSSL, and checked), so that check runs at most once per group and process.
 */
const WELL_KNOWN_DH_PRIMES = new Set(wellKnownDhPrimes.map((g) => g.prime));
const STANDARD_GENERATOR = 2n;
/** One native DH object per standard group; reused, as creating one re-checks the prime. At most ten. */
const nativeGroups = new Map<string, DiffieHellman>();

function nativeGroup(pHex: string, g: bigint): DiffieHellman | null {
  if (g !== STANDARD_GENERATOR || !WELL_KNOWN_DH_PRIMES.has(pHex)) return null;
  let group = nativeGroups.get(pHex);
  if (!group) {
    group = createDiffieHellman(Buffer.from(pHex, 'hex'), Buffer.of(Number(STANDARD_GENERATOR)));
    nativeGroups.set(pHex, group);
  }
  return group;
}

/**
 * Computes both exponentiations with the caller's private exponent x (its length is the caller's choice; see
 * dhExponentBits). The caller has range-checked p, g and Ys. Native for the standard groups (about 7x faster than
 * BigInt here), BigInt otherwise; a native failure of any kind (a runtime without DH, a stricter key check) falls
 * back to BigInt for that call rather than failing the handshake.
 */
export function finiteFieldAgreement(
  p: bigint,
  g: bigint,
  ys: bigint,
  x: bigint,
  exponentBits: number,
  allowNative = true,
): FiniteFieldAgreement {
  if (allowNative) {
    try {
      const group = nativeGroup(p.toString(16), g);
      if (group) {
        const exponent = Buffer.from(bigIntToBytes(x));
        // Synchronous use of the shared object: nothing else can run between setting the key and reading results.
        try {
          group.setPrivateKey(exponent);
          const publicValue = bytesToBigInt(group.generateKeys());
          const secret = bytesToBigInt(group.computeSecret(Buffer.from(bigIntToBytes(ys))));
          return { publicValue, secret, via: 'native' };
        } finally {
          // Neither the cached object nor this buffer keeps the handshake's exponent, also when a call above threw.
          group.setPrivateKey(Buffer.of(1));
          exponent.fill(0);
        }
      }
    } catch {
      // fall through to BigInt
    }
  }
  return { publicValue: generatorPow(g, x, p, exponentBits), secret: modPow(ys, x, p), via: 'bigint' };
}
