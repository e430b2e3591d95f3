import { describe, expect, it } from 'vitest';
import {
  compareFingerprint,
  credentialsFor,
  emptyLogin,
  isPskKeyHex,
  isWeakPskPassword,
  loginTextProblem,
  missingLoginFields,
  randomPskKeyHex,
} from './login';
import { FINGERPRINT } from './test-fixtures';

const colons = (FINGERPRINT.toUpperCase().match(/../g) ?? []).join(':');
const grouped = (FINGERPRINT.match(/.{4}/g) ?? []).join(' ');
const dashed = (FINGERPRINT.match(/.{8}/g) ?? []).join('-');

describe('fingerprint compare', () => {
  it('matches a pasted fingerprint in colon, space, dash, upper- and lower-case notation', () => {
    for (const pasted of [FINGERPRINT, FINGERPRINT.toUpperCase(), colons, grouped, dashed, `  ${colons}\n`]) {
      expect(compareFingerprint(FINGERPRINT, pasted), pasted).toBe('match');
    }
  });

  it('calls a different, truncated or garbled fingerprint a mismatch, and empty text neither', () => {
    expect(compareFingerprint(FINGERPRINT, `0${FINGERPRINT.slice(1)}`)).toBe('differ');
    expect(compareFingerprint(FINGERPRINT, FINGERPRINT.slice(0, 40))).toBe('malformed');
    expect(compareFingerprint(FINGERPRINT, 'not a fingerprint')).toBe('malformed');
    expect(compareFingerprint(undefined, FINGERPRINT)).toBe('differ');
    expect(compareFingerprint(FINGERPRINT, '   ')).toBe('empty');
  });
});

describe('login credentials', () => {
  it('sends a 64-hex PSK entry as the key itself and anything else as a password', () => {
    const hex = 'A1'.repeat(32);
    expect(isPskKeyHex(hex)).toBe(true);
    expect(credentialsFor('psk', { ...emptyLogin, pskIdentity: 'service', pskKey: hex })).toEqual({
      kind: 'psk',
      identity: 'service',
      keyHex: hex,
    });
    expect(credentialsFor('psk', { ...emptyLogin, pskIdentity: 'service', pskKey: 'A1'.repeat(31) })).toEqual({
      kind: 'psk',
      identity: 'service',
      password: 'A1'.repeat(31),
    });
  });

  it('keeps the password exactly as typed and names what is still missing', () => {
    expect(credentialsFor('ssc', { ...emptyLogin, user: ' Administrator ', password: ' 1 ' })).toEqual({
      kind: 'os',
      user: 'Administrator',
      password: ' 1 ',
    });
    expect(missingLoginFields('none', emptyLogin)).toEqual(['user']);
    expect(missingLoginFields('ca', { ...emptyLogin, caPath: '/tmp/ca.pem' })).toEqual(['clientCertificate', 'privateKey']);
  });

  it('calls a short or single-class PSK password weak, a long mixed one or a 64-hex key not', () => {
    for (const weak of ['1', 'plc123', 'Administrator', 'Summer2024!', 'abcdefghijklmnop']) expect(isWeakPskPassword(weak)).toBe(true);
    for (const strong of ['', 'ab'.repeat(32), 'correct-Horse-battery-Staple-9', 'kX9#mQ2$vL7!pR4&'])
      expect(isWeakPskPassword(strong)).toBe(false);
    expect(randomPskKeyHex()).toMatch(/^[0-9a-f]{64}$/);
    expect(randomPskKeyHex()).not.toBe(randomPskKeyHex());
  });

  it('names a login that TwinCAT cannot receive only for the methods that send an OS login', () => {
    const fields = { ...emptyLogin, user: 'Administrator', password: 'pass😀' };
    expect(loginTextProblem('ssc', fields)).toBe('password');
    expect(loginTextProblem('none', { ...fields, user: 'Админ' })).toBe('user');
    expect(loginTextProblem('psk', fields)).toBeNull();
    expect(loginTextProblem('ssc', { ...fields, password: 'Grüße' })).toBeNull();
  });
});
