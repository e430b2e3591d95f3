import { createHash } from 'node:crypto';
import { RouteFailure } from '../route-failure';

/**
 * TwinCAT's PSK from identity and password: SHA-256(UTF-8(upper(identity) + password)).
 * Identities must be ASCII because .NET and JavaScript upper-case other letters differently.
 */
export function derivePskKey(identity: string, password: string, caseSensitive = false): Uint8Array {
  checkIdentity(identity);
  const id = caseSensitive ? identity : identity.toUpperCase();
  return new Uint8Array(
    createHash('sha256')
      .update(id + password, 'utf8')
      .digest(),
  );
}

export function pskKeyFromHex(hex: string): Uint8Array {
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new RouteFailure(
      'invalid-input',
      'a PSK key is 64 hex digits',
      'paste the key exactly as configured on the target (<Key>), or give the PSK password instead',
    );
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function checkIdentity(identity: string): void {
  if (!/^[\x20-\x7e]{1,128}$/.test(identity)) {
    throw new RouteFailure(
      'invalid-input',
      'the PSK identity must be 1-128 printable ASCII characters',
      'use an identity like MY_IDENTITY, as configured on the target',
    );
  }
}

/** The PSK from either credential form; `keyHex` wins when both are given. */
export function resolvePsk(credentials: { identity: string; password?: string; keyHex?: string }): { identity: string; key: Uint8Array } {
  checkIdentity(credentials.identity);
  if (credentials.keyHex !== undefined) return { identity: credentials.identity, key: pskKeyFromHex(credentials.keyHex) };
  if (credentials.password !== undefined)
    return { identity: credentials.identity, key: derivePskKey(credentials.identity, credentials.password) };
  throw new RouteFailure(
    'invalid-input',
    'PSK mode needs a PSK password or a 64-hex key',
    'enter the PSK password or key configured on the target',
  );
}
