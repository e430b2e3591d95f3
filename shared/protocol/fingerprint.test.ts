import { describe, expect, it } from 'vitest';
import { fingerprintsEqual, formatFingerprint, normalizeFingerprint } from './fingerprint';

const FP = '3c0972a48fdb76f12a81289a35d4a371e18fc30766082897018a8bf88d992dc8';

describe('fingerprints', () => {
  it('normalizes what the wire, openssl and Beckhoff print', () => {
    expect(normalizeFingerprint(FP.toUpperCase())).toBe(FP);
    expect(normalizeFingerprint(formatFingerprint(FP, 'colons'))).toBe(FP);
    expect(normalizeFingerprint(formatFingerprint(FP, 'grouped'))).toBe(FP);
    expect(normalizeFingerprint(FP.slice(0, 62))).toBeNull();
    expect(normalizeFingerprint(FP.slice(0, 63) + 'g')).toBeNull();
  });

  it('compares across styles and never matches invalid input', () => {
    expect(fingerprintsEqual(FP, formatFingerprint(FP, 'colons'))).toBe(true);
    expect(fingerprintsEqual(FP, FP.replace(/8$/, '9'))).toBe(false);
    expect(fingerprintsEqual('', '')).toBe(false);
  });

  it('formats in each style', () => {
    expect(formatFingerprint(FP.toUpperCase(), 'plain')).toBe(FP);
    expect(formatFingerprint(FP, 'upper')).toBe(FP.toUpperCase());
    expect(formatFingerprint(FP, 'colons').startsWith('3C:09:72:A4')).toBe(true);
    expect(formatFingerprint(FP, 'grouped').split(' ')).toHaveLength(16);
    expect(formatFingerprint('not a fp', 'upper')).toBe('not a fp');
  });
});
