import type { Logger } from '../log/logger';
import type { TlsConnector } from '../ads/secure/secure-transport';
import type { LocalRoute } from '../../../shared/domain/route';
import type { LocalRouteStore } from './local-route-store';

/** What the route flows need from the rest of the app; tests and the CLI pass their own. */
export interface RouteDeps {
  identity: {
    clientCertificate(): Promise<{ certPem: string; keyPem: string }>;
    hostname(): Promise<string>;
    localNetIdFor(target: string): Promise<string>;
    localAddressFor(target: string): Promise<string>;
    /**
     * The NetId configured in the settings, null when it is derived from the adapter (then localNetIdFor(target) is
     * localAddressFor(target) plus ".1.1"). Lets a batch read the settings once instead of once per target.
     */
    configuredNetId?(): Promise<string | null>;
  };
  store: LocalRouteStore;
  connector: TlsConnector;
  logger: Logger;
  /** Where a verified self-signed route's fingerprint is remembered; without it nothing is remembered. */
  knownFingerprints?: {
    remember(
      input: { netId: string; address: string; fingerprint: string },
      now?: Date,
    ): Promise<{ replaced: { firstSeen: string } | null }>;
  };
  /** This PC's own TwinCAT: a new static route is added to its StaticRoutes.xml too. */
  twincat?: TwinCatRouteAdder & {
    /** The same adds with what they look up done once per batch; without it every add looks up for itself. */
    forOneBatch?(): TwinCatRouteAdder;
  };
  resolveHost?: (host: string) => Promise<string>;
  now?: () => Date;
}

interface TwinCatRouteAdder {
  addRoute(route: LocalRoute): Promise<{ outcome: string; detail: string }>;
}
