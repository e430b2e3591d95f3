import { osLoginTextField } from '../../../shared/domain/login-text';
import type { RouteCredentials } from '../../../shared/domain/route';
import { normalizeFingerprint } from '../../../shared/protocol/fingerprint';
import type { SecureMethod } from './route-form';

/** Everything the login step collects; only the fields of the chosen method are sent. */
export interface LoginFields {
  user: string;
  password: string;
  pskIdentity: string;
  pskKey: string;
  caPath: string;
  certPath: string;
  keyPath: string;
  keyPassword: string;
  ignoreCn: boolean;
}

export const emptyLogin: LoginFields = {
  user: '',
  password: '',
  pskIdentity: '',
  pskKey: '',
  caPath: '',
  certPath: '',
  keyPath: '',
  keyPassword: '',
  ignoreCn: false,
};

/** A 64-hex entry is the key itself; anything else is a password the key is derived from. */
export function isPskKeyHex(key: string): boolean {
  return /^[0-9a-fA-F]{64}$/.test(key.trim());
}

export type LoginMethod = SecureMethod | 'none';

export function credentialsFor(method: LoginMethod, fields: LoginFields): RouteCredentials {
  switch (method) {
    case 'psk':
      return isPskKeyHex(fields.pskKey)
        ? { kind: 'psk', identity: fields.pskIdentity.trim(), keyHex: fields.pskKey.trim() }
        : { kind: 'psk', identity: fields.pskIdentity.trim(), password: fields.pskKey };
    case 'ca':
      return {
        kind: 'ca',
        caPath: fields.caPath.trim(),
        certPath: fields.certPath.trim(),
        keyPath: fields.keyPath.trim(),
        ...(fields.keyPassword ? { keyPassword: fields.keyPassword } : {}),
        ignoreCn: fields.ignoreCn,
      };
    case 'ssc':
    case 'none':
      return { kind: 'os', user: fields.user.trim(), password: fields.password };
  }
}

export type LoginFieldName = 'identity' | 'key' | 'caCertificate' | 'clientCertificate' | 'privateKey' | 'user';

/** Which required login fields are still empty (their label keys); the Add button explains itself with this. */
export function missingLoginFields(method: LoginMethod, fields: LoginFields): LoginFieldName[] {
  const required: Array<[LoginFieldName, string]> =
    method === 'psk'
      ? [
          ['identity', fields.pskIdentity],
          ['key', fields.pskKey],
        ]
      : method === 'ca'
        ? [
            ['caCertificate', fields.caPath],
            ['clientCertificate', fields.certPath],
            ['privateKey', fields.keyPath],
          ]
        : [['user', fields.user]];
  return required.filter(([, value]) => value.trim() === '').map(([label]) => label);
}

/** The OS login field that is filled in but cannot be sent to TwinCAT, if any. */
export function loginTextProblem(method: LoginMethod, fields: LoginFields): 'user' | 'password' | null {
  return method === 'ssc' || method === 'none' ? osLoginTextField(fields.user.trim(), fields.password) : null;
}

/**
 * A PSK password a recorded handshake lets anyone guess offline (the PSK suites have no forward secrecy): roughly,
 * less than 80 bits even if its characters were random. A 64-hex key is never weak; it is the key itself.
 */
export function isWeakPskPassword(entry: string): boolean {
  if (entry === '' || isPskKeyHex(entry)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(entry)).length;
  const alphabet = [0, 26, 52, 62, 94][classes]!;
  return entry.length * Math.log2(alphabet) < 80;
}

/** A fresh random PSK as 64 hex digits, to be configured on the target as its key. */
export function randomPskKeyHex(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type CompareResult = 'empty' | 'match' | 'differ' | 'malformed';

/** Pasted text in any usual notation (colons, spaces, dashes, either case) against the fingerprint of the handshake. */
export function compareFingerprint(live: string | undefined, pasted: string): CompareResult {
  if (pasted.trim() === '') return 'empty';
  const normal = normalizeFingerprint(pasted.trim());
  if (normal === null) return 'malformed';
  return live !== undefined && normalizeFingerprint(live) === normal ? 'match' : 'differ';
}
