import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import type { LocalRoute } from '../../../shared/domain/route';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import type { SecureMethod } from './route-form';

/** What this PC already knows a target accepted: a route it holds, or a self-signed route verified before. */
export interface MethodEvidence {
  method: SecureMethod;
  /** When the target last proved it with a real ADS request; null for a route created but never verified. */
  verifiedAt: string | null;
  createdAt: string;
  /** The identity of an earlier PSK route (not a secret; its key is never kept). */
  pskIdentity: string | null;
}

/** Why a Secure ADS method is preselected: what the targets are known to accept, or nothing yet. */
export type MethodPreselection =
  | {
      kind: 'known';
      method: SecureMethod;
      /** The evidence of the first Secure ADS target (a batch gets a preselection only when all agree). */
      evidence: MethodEvidence;
      /** True when the batch has more than one Secure ADS target and every one of them accepted this method. */
      all: boolean;
    }
  | { kind: 'default'; method: SecureMethod };

const DEFAULT_METHOD: SecureMethod = 'ssc';

/** The route this PC holds to `target`, by NetId (stable) or else by address; the most recently verified wins. */
function earlierRoute(target: DiscoveredTarget, routes: readonly LocalRoute[]): LocalRoute | undefined {
  const secured = routes.filter((route) => route.tls !== null);
  const matches = secured.filter((route) => route.netId === target.netId);
  const candidates = matches.length > 0 ? matches : secured.filter((route) => route.address === target.address);
  return [...candidates].sort((a, b) => (b.verifiedAt ?? '').localeCompare(a.verifiedAt ?? ''))[0];
}

function evidenceFor(target: DiscoveredTarget, routes: readonly LocalRoute[], known: readonly KnownFingerprint[]): MethodEvidence | null {
  const route = earlierRoute(target, routes);
  if (route?.tls) {
    return { method: route.tls.mode, verifiedAt: route.verifiedAt, createdAt: route.createdAt, pskIdentity: route.tls.pskIdentity };
  }
  // A fingerprint is remembered only after a verified self-signed route: the route may be gone, the fact stays.
  const remembered = known.find((entry) => entry.netId === target.netId);
  if (remembered) return { method: 'ssc', verifiedAt: remembered.lastSeen, createdAt: remembered.firstSeen, pskIdentity: null };
  return null;
}

/**
 * A target that accepted a method before is very likely to accept it again (a PSK-only TwinCAT/BSD box, a plant on a
 * shared CA): preselect it. A batch gets it only when every Secure ADS target agrees; otherwise the default stays.
 */
export function preselectMethod(
  targets: readonly DiscoveredTarget[],
  routes: readonly LocalRoute[],
  known: readonly KnownFingerprint[] = [],
): MethodPreselection {
  const found = targets.filter((target) => target.secureAds).map((target) => evidenceFor(target, routes, known));
  const first = found[0];
  if (!first || found.some((evidence) => evidence?.method !== first.method)) return { kind: 'default', method: DEFAULT_METHOD };
  return { kind: 'known', method: first.method, evidence: first, all: found.length > 1 };
}
