import type { KnownFingerprintStore } from '../known-fingerprints/known-fingerprint-store';
import type { LocalRouteStore } from '../routes/local-route-store';

/**
 * The fingerprint to pin for a target reached over SSC: the one remembered after a verified route, else the one in
 * this PC's own route to that NetId. Never one fetched from the target itself.
 */
export function knownFingerprintSource(known: KnownFingerprintStore, routes: LocalRouteStore): (netId: string) => Promise<string | null> {
  return async (netId) => {
    const remembered = await known.get(netId).catch(() => null);
    if (remembered) return remembered.fingerprint;
    const local = (await routes.list().catch(() => [])).find((r) => r.netId === netId && r.tls?.mode === 'ssc' && r.tls.fingerprint);
    return local?.tls?.fingerprint ?? null;
  };
}
