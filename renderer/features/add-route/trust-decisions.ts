import { judgeFingerprint, type KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import type { FingerprintBasis } from '../../../shared/ipc/channels/routes';
import { compareFingerprint } from './login';
import type { LiveCertificate } from './use-live-certificates';

export interface TrustTarget {
  address: string;
  netId: string;
}

/** One SSC target's standing in the login step; only `decided` lets it be added, with the fingerprint it pins. */
export type TargetTrust =
  | { kind: 'waiting' }
  /** No certificate could be read: nothing was shown, so nothing can be vouched for. */
  | { kind: 'unreadable' }
  | { kind: 'undecided'; fingerprint: string; changed: KnownFingerprint | null }
  | { kind: 'decided'; fingerprint: string; basis: FingerprintBasis; changed: KnownFingerprint | null; known: KnownFingerprint | null };

/**
 * Decides one target from its own evidence only: its live certificate, its own compare field, its own tick (which
 * holds for the fingerprint it was given for), and what is remembered for its NetId. A remembered fingerprint counts
 * only when the handshake shows exactly it; a changed one never decides anything by itself.
 */
export function trustOf(
  target: TrustTarget,
  certificate: LiveCertificate | undefined,
  compare: string,
  tickedFor: string | undefined,
  known: readonly KnownFingerprint[],
): TargetTrust {
  if (!certificate || certificate.status === 'loading') return { kind: 'waiting' };
  if (certificate.status === 'error') return { kind: 'unreadable' };
  const fingerprint = certificate.fingerprint;
  const verdict = judgeFingerprint(known, target.netId, fingerprint);
  const changed = verdict.status === 'changed' ? verdict.known : null;
  if (compareFingerprint(fingerprint, compare) === 'match')
    return { kind: 'decided', fingerprint, basis: 'compared', changed, known: verdict.status === 'known' ? verdict.known : null };
  if (tickedFor === fingerprint) return { kind: 'decided', fingerprint, basis: 'out-of-band', changed, known: null };
  if (verdict.status === 'known') return { kind: 'decided', fingerprint, basis: 'known', changed: null, known: verdict.known };
  return { kind: 'undecided', fingerprint, changed };
}

/** A target whose certificate could be read may be ticked; the tick is for the fingerprint shown at that moment. */
export function canTick(trust: TargetTrust): boolean {
  return trust.kind === 'undecided' || trust.kind === 'decided';
}
