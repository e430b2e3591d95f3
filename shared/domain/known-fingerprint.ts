import { z } from 'zod';
import { fingerprintText } from './fingerprint-text';

/**
 * A target's certificate fingerprint remembered after a successful self-signed (SSC) route, keyed by the target's
 * AMS NetId, like an SSH known_hosts line. Dates are ISO 8601.
 */
export const knownFingerprintSchema = z.object({
  netId: z.string().min(1),
  /** The address the route was created to when the fingerprint was last seen. */
  address: z.string(),
  fingerprint: fingerprintText,
  firstSeen: z.string(),
  lastSeen: z.string(),
});

export type KnownFingerprint = z.infer<typeof knownFingerprintSchema>;

/**
 * How a fingerprint seen now relates to what is remembered for that NetId:
 * - unknown: nothing remembered (first contact, or forgotten);
 * - known: the same certificate as before;
 * - changed: another certificate than the one remembered, which is a reinstalled target or someone in between.
 */
export type FingerprintVerdict =
  { status: 'unknown' } | { status: 'known'; known: KnownFingerprint } | { status: 'changed'; known: KnownFingerprint };

export function judgeFingerprint(
  known: readonly KnownFingerprint[],
  netId: string,
  fingerprint: string | null | undefined,
): FingerprintVerdict {
  const entry = known.find((k) => k.netId === netId);
  if (!entry || !fingerprint) return { status: 'unknown' };
  return entry.fingerprint === fingerprint.toLowerCase() ? { status: 'known', known: entry } : { status: 'changed', known: entry };
}
