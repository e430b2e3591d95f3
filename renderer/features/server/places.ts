import type { LocalRoute } from '../../../shared/domain/route';
import type { ServerPlace, ServerReadResult, TargetConnection } from '../../../shared/ipc/channels/server-config';
import { serverConnectionOfRoute, type TypedSecrets } from '../../components/route-connection';

export const LOCAL_KEY = 'local';

/** A system the page can show: this PC's own TwinCAT, or a target this PC has a route to. */
export interface Place {
  key: string;
  /** The route's name; null for this PC. */
  name: string | null;
  netId: string | null;
  address: string | null;
  route: LocalRoute | null;
  /** A PSK route whose secret the user has not typed yet: this PC keeps no route secrets. */
  needsSecret: boolean;
  /** How the services reach it; null while a secret is missing. */
  server: ServerPlace | null;
}

export function placeKey(route: LocalRoute): string {
  return `route:${route.name}`;
}

export function placesOf(routes: readonly LocalRoute[], secrets: ReadonlyMap<string, TypedSecrets>): Place[] {
  const local: Place = {
    key: LOCAL_KEY,
    name: null,
    netId: null,
    address: null,
    route: null,
    needsSecret: false,
    server: { kind: 'local' },
  };
  return [
    local,
    ...routes.map((route): Place => {
      const key = placeKey(route);
      const typed = secrets.get(key) ?? { pskPassword: '', keyPassword: '' };
      const needsSecret = route.tls?.mode === 'psk' && !typed.pskPassword;
      return {
        key,
        name: route.name,
        netId: route.netId,
        address: route.address,
        route,
        needsSecret,
        server: needsSecret ? null : { kind: 'target', target: serverConnectionOfRoute(route, typed) },
      };
    }),
  ];
}

export function targetOf(place: Place): TargetConnection | null {
  return place.server?.kind === 'target' ? place.server.target : null;
}

/** Our own route to the place is plain ADS: SecureOnly there would lock this PC out. */
export function isPlainRoute(place: Place): boolean {
  return place.route !== null && place.route.tls === null;
}

export interface PlaceRead {
  reading: boolean;
  result: ServerReadResult | null;
}

/** ADS states the page names (TwinCAT's AdsState numbers); others are shown as their number. */
export function stateKey(state: number | null | undefined): 'run' | 'config' | 'stop' | 'error' | 'other' | 'unknown' {
  if (state === null || state === undefined) return 'unknown';
  if (state === 5) return 'run';
  if (state === 15) return 'config';
  if (state === 6) return 'stop';
  if (state === 11) return 'error';
  return 'other';
}
