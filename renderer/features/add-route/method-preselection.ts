import type { LocalRoute } from '../../../shared/domain/route';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import type { SecureMethod } from './route-form';

/** Why a Secure ADS method is preselected: what this PC already knows the target accepted, or nothing yet. */
export type MethodPreselection =
  | {
      kind: 'known';
      method: SecureMethod;
      /** The earlier route it comes from (of the first target, for a batch). */
      route: LocalRoute;
      /** When that route was last verified with a real ADS request; null when it was created but never verified. */
      verifiedAt: string | null;
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

/**
 * A target that accepted a method before is very likely to accept it again (a PSK-only TwinCAT/BSD box, a plant on a
 * shared CA): preselect it. A batch gets it only when every Secure ADS target agrees; otherwise the default stays.
 */
export function preselectMethod(targets: readonly DiscoveredTarget[], routes: readonly LocalRoute[]): MethodPreselection {
  const secure = targets.filter((target) => target.secureAds);
  const found = secure.map((target) => earlierRoute(target, routes));
  const first = found[0];
  const mode = first?.tls?.mode;
  if (!first || !mode || found.some((route) => route?.tls?.mode !== mode)) return { kind: 'default', method: DEFAULT_METHOD };
  return { kind: 'known', method: mode, route: first, verifiedAt: first.verifiedAt, all: secure.length > 1 };
}
