import type { ServerChange } from '../../../shared/ipc/channels/server-config';
import { isPlainRoute, type Place, type PlaceRead } from './places';

type Reads = Record<string, PlaceRead>;

// TwinCAT compares PSK identities without regard to case, as the file edit does.
const sameIdentity = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

/** The PSK identities the places hold, each once, with on how many of them it exists; most common first. */
export function identitiesOf(places: Place[], reads: Reads): Array<{ identity: string; count: number }> {
  const counts = new Map<string, { identity: string; count: number }>();
  for (const place of places) {
    const seen = new Set<string>();
    for (const { identity } of reads[place.key]?.result?.model?.psk ?? []) {
      const id = identity.toUpperCase();
      if (seen.has(id)) continue;
      seen.add(id);
      const entry = counts.get(id) ?? { identity, count: 0 };
      entry.count++;
      counts.set(id, entry);
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.identity.localeCompare(b.identity));
}

/**
 * Whether a removal finds what it removes on a place: the identity, or CA files. Null when the file was not read
 * (the service then decides) or the change adds rather than removes.
 */
export function holds(change: ServerChange | undefined, place: Place, reads: Reads): boolean | null {
  const model = reads[place.key]?.result?.model;
  if (!model || !change) return null;
  if (change.kind === 'remove-psk') return model.psk.some(({ identity }) => sameIdentity(identity, change.identity));
  if (change.kind === 'clear-tls') return model.tls !== null;
  return null;
}

/** The places a removal does not find anything to remove on: reported as not there, never written. */
export function absentKeys(change: ServerChange, places: Place[], reads: Reads): string[] {
  return places.filter((place) => holds(change, place, reads) === false).map((place) => place.key);
}

/**
 * The places this PC would lock itself out of after the next restart: SecureOnly turned on over our plain ADS route,
 * or, where SecureOnly is on, removing the very PSK identity our route uses.
 */
export function lockedOut(change: ServerChange | undefined, places: Place[], reads: Reads): Place[] {
  if (change?.kind === 'set-secure-only') return change.on ? places.filter(isPlainRoute) : [];
  if (change?.kind !== 'remove-psk') return [];
  return places.filter((place) => {
    const tls = place.route?.tls;
    return (
      tls?.mode === 'psk' &&
      tls.pskIdentity !== null &&
      sameIdentity(tls.pskIdentity, change.identity) &&
      reads[place.key]?.result?.model?.secureOnly === true &&
      holds(change, place, reads) !== false
    );
  });
}
