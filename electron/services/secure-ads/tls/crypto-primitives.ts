/**
 * The only door from the TLS engine to node:crypto. Everything here exists in both OpenSSL and
 * BoringSSL builds of Node (Electron ships BoringSSL), and crypto-primitives.test.ts holds this
 * file to an allow-list so nothing OpenSSL-only creeps in. DHE uses BigInt instead of
 * createDiffieHellman because arbitrary server-chosen primes are not a BoringSSL guarantee.
 */
import {
  createCipheriv,
  createDecipheriv,
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
  type KeyObject,
} from 'node:crypto';
import { TlsError } from './tls-error';

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

export function hmac(hash: MacHash, key: Uint8Array, ...parts: Uint8Array[]): Uint8Array {
  const h = createHmac(hash, key);
  for (const p of parts) h.update(p);
  return asBytes(h.digest());
}

export function hashOutputLength(hash: MacHash): number {
  return hash === 'sha1' ? 20 : hash === 'sha256' ? 32 : 48;
}

export function randomBytesOf(n: number): Uint8Array {
  return asBytes(randomBytes(n));
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

/** Raw AES-CBC over whole blocks: TLS does its own padding (RFC 5246 §6.2.3.2). */
export function aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, blocks: Uint8Array): Uint8Array {
  const c = createCipheriv(aesCbcName(key), key, iv);
  c.setAutoPadding(false);
  return asBytes(Buffer.concat([c.update(blocks), c.final()]));
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, blocks: Uint8Array): Uint8Array {
  const d = createDecipheriv(aesCbcName(key), key, iv);
  d.setAutoPadding(false);
  return asBytes(Buffer.concat([d.update(blocks), d.final()]));
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
 * batch meets each of its targets' keys; public keys, so keeping them is harmless. Bounded like a small LRU.
 */
const MAX_CACHED_PUBLIC_KEYS = 64;
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
export { modPow } from './modular-power';
