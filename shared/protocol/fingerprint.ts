/**
 * SHA-256 certificate fingerprints as TwinCAT shows them in different places: lower-case hex in the UDP
 * discovery tag 0x12, upper-case without separators in Beckhoff's samples, colon pairs from openssl.
 */

export type FingerprintStyle = 'plain' | 'colons' | 'upper' | 'grouped';

export function normalizeFingerprint(text: string): string | null {
  const clean = text.replace(/[\s:-]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(clean) ? clean : null;
}

export function fingerprintsEqual(a: string, b: string): boolean {
  const na = normalizeFingerprint(a);
  const nb = normalizeFingerprint(b);
  return na !== null && na === nb;
}

/**
 * plain: 64 lower-case hex (as on the wire); upper: 64 upper-case (Beckhoff sample output);
 * colons: upper-case pairs joined by ':' (openssl -fingerprint); grouped: upper-case blocks of four separated by
 * spaces, for reading aloud and comparing by eye. Text that is not a fingerprint is returned unchanged.
 */
export function formatFingerprint(hex: string, style: FingerprintStyle): string {
  const clean = normalizeFingerprint(hex);
  if (clean === null) return hex;
  switch (style) {
    case 'plain':
      return clean;
    case 'upper':
      return clean.toUpperCase();
    case 'colons':
      return (clean.toUpperCase().match(/../g) ?? []).join(':');
    case 'grouped':
      return (clean.toUpperCase().match(/.{4}/g) ?? []).join(' ');
  }
}
