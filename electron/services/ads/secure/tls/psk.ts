import { digest } from './crypto-primitives';

/**
 * TwinCAT's PSK from identity and password:
 * SHA-256(UTF-8(identity, upper-cased unless case-sensitive) + password).
 */
export function derivePsk(identity: string, password: string, caseSensitive = false): Uint8Array {
  const id = caseSensitive ? identity : identity.toUpperCase();
  return digest('sha256', new TextEncoder().encode(id + password));
}
