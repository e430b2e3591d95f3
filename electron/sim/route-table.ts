export type SimRouteTlsMode = 'ssc' | 'ca' | 'psk';

export interface SimRoute {
  name: string;
  /** Host name or IP the target uses to reach the peer. */
  address: string;
  netId: string;
  type: 'TCP_IP';
  flags: number;
  /** Temporary routes (UDP tag 9 = 1) live in memory only and never reach StaticRoutes.xml. */
  temporary: boolean;
  /** How the route was created over Secure ADS; absent for plain UDP routes. */
  tls?: {
    mode: SimRouteTlsMode;
    /** SHA-256 of the client certificate (SSC and CA modes), lower-case hex. */
    fingerprint?: string;
    /** PSK identity that created the route (never its secret). */
    pskIdentity?: string;
  };
  maxFragment?: number;
}

/** Routes keyed by NetId: TwinCAT's add-route replaces the entry with the same NetId (udp-48899.md §4). */
export class RouteTable {
  private readonly byNetId = new Map<string, SimRoute>();

  constructor(initial: SimRoute[] = []) {
    for (const route of initial) this.byNetId.set(route.netId, route);
  }

  /** Stores or replaces; returns true when persistent routes changed (StaticRoutes.xml must be rewritten). */
  upsert(route: SimRoute): boolean {
    const previous = this.byNetId.get(route.netId);
    this.byNetId.set(route.netId, route);
    return !route.temporary || (previous !== undefined && !previous.temporary);
  }

  /** Removes the route with exactly this name (names are case-sensitive as stored); returns it, or null. */
  removeByName(name: string): SimRoute | null {
    for (const [netId, route] of this.byNetId) {
      if (route.name !== name) continue;
      this.byNetId.delete(netId);
      return route;
    }
    return null;
  }

  /** A router restart: the table becomes what StaticRoutes.xml says, temporary routes are gone. */
  replaceAll(routes: SimRoute[]): void {
    this.byNetId.clear();
    for (const route of routes) this.byNetId.set(route.netId, route);
  }

  all(): SimRoute[] {
    return [...this.byNetId.values()].map((r) => ({ ...r, ...(r.tls ? { tls: { ...r.tls } } : {}) }));
  }

  persistent(): SimRoute[] {
    return this.all().filter((r) => !r.temporary);
  }

  hasNetId(netId: string): boolean {
    return this.byNetId.has(netId);
  }

  /** The route created by a self-signed-certificate client with this certificate, if any. */
  findByFingerprint(fingerprint: string): SimRoute | undefined {
    const wanted = fingerprint.toLowerCase();
    for (const route of this.byNetId.values()) if (route.tls?.fingerprint?.toLowerCase() === wanted) return route;
    return undefined;
  }
}
