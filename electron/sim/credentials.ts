import { createHash, timingSafeEqual } from 'node:crypto';
import type { VirtualTargetConfig } from './config';

/** Windows account names compare case-insensitively, passwords exactly; constant time so timing leaks nothing. */
export function credentialsMatch(config: VirtualTargetConfig, user: string, password: string): boolean {
  const userOk = user.toLowerCase() === config.user.toLowerCase();
  const passwordOk = timingSafeEqual(digest(password), digest(config.password));
  return userOk && passwordOk;
}

/** Secure ADS PSK: SHA-256(UTF-8(UPPER(identity) + secret)), identity case-insensitive. */
export function pskKey(identity: string, secret: string): Buffer {
  return createHash('sha256')
    .update(identity.toUpperCase() + secret, 'utf8')
    .digest();
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
