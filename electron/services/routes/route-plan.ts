import { isIP } from 'node:net';
import type { LocalRoute, RouteCredentials, RouteSettings } from '../../../shared/domain/route';
import { osLoginTextProblem } from '../../../shared/domain/login-text';
import type { FingerprintBasis } from '../../../shared/ipc/channels/routes';
import { normalizeFingerprint } from '../../../shared/protocol/fingerprint';
import type { TlsConnectInfoInput } from '../../../shared/protocol/tls-connect-info';
import { CA_FLAGS, PSK_FLAGS, sscAddRouteFlags, SSC_FOLLOW_UP_FLAGS } from '../ads/secure/connect-info';
import { RouteFailure } from '../ads/route-failure';

/** How the target's side of the TLS handshake will be judged; decided before any socket is opened. */
export type TrustDecision =
  /** SSC: exactly this certificate (SHA-256 of its DER), and how the user came to trust it. */
  | { kind: 'pinned'; fingerprint: string; basis: FingerprintBasis }
  /** Shared CA: the chain must lead to this CA file, and the CN must be the route name unless ignoreCn. */
  | { kind: 'ca'; caPath: string; routeName: string; ignoreCn: boolean }
  /** PSK: the shared key authenticates the target; there is no certificate. */
  | { kind: 'psk' }
  /** Plain ADS: no TLS at all. */
  | { kind: 'plain' };

export interface RoutePlanInput {
  settings: RouteSettings;
  expectedFingerprint: string | null;
  fingerprintBasis: FingerprintBasis;
}

/** Everything about one target's route that follows from the request alone, without touching the network. */
export interface RoutePlan {
  settings: RouteSettings;
  credentials: RouteCredentials;
  trust: TrustDecision;
  /** SSC with a remote route: the TlsConnectInfo carries AddRemote and the OS login, once, inside TLS. */
  addRemote: boolean;
  /** Plain ADS: whether the UDP add-route request (with the OS login) is sent. */
  addRemoteOverUdp: boolean;
}

/**
 * The pure half of a route add: the credential check, the trust decision, the TlsConnectInfo flags and the local
 * record. Throws RouteFailure for a request that cannot be carried out safely.
 */
export function planRoute(target: RoutePlanInput, credentials: RouteCredentials): RoutePlan {
  const settings = target.settings;
  checkCredentials(settings, credentials);
  return {
    settings,
    credentials,
    trust: decideTrust(target, credentials),
    addRemote: settings.security === 'ssc' && settings.remoteRoute !== 'none',
    addRemoteOverUdp: settings.security === 'none' && settings.remoteRoute !== 'none' && credentials.kind === 'os',
  };
}

export function checkCredentials(settings: RouteSettings, credentials: RouteCredentials): void {
  if (settings.remoteRoute === 'none' && (settings.security === 'ssc' || settings.security === 'none')) return;
  const needed = settings.security === 'psk' ? 'psk' : settings.security === 'ca' ? 'ca' : 'os';
  if (credentials.kind !== needed) {
    const what =
      needed === 'os'
        ? 'a user name and password of the target'
        : needed === 'psk'
          ? 'a PSK identity and password or key'
          : 'CA, certificate and key files';
    throw new RouteFailure('invalid-input', `${settings.security.toUpperCase()} mode needs ${what}`, null);
  }
  const textProblem = credentials.kind === 'os' ? osLoginTextProblem(credentials.user, credentials.password) : null;
  if (textProblem)
    throw new RouteFailure('invalid-input', textProblem, 'retype it with Western European characters, as it is set on the target');
}

/** SSC always pins one fingerprint: there is no decision that accepts whatever certificate arrives. */
export function decideTrust(target: RoutePlanInput, credentials: RouteCredentials): TrustDecision {
  const settings = target.settings;
  switch (settings.security) {
    case 'none':
      return { kind: 'plain' };
    case 'psk':
      return { kind: 'psk' };
    case 'ca':
      if (credentials.kind !== 'ca') throw new RouteFailure('invalid-input', 'CA mode needs CA, certificate and key files', null);
      return { kind: 'ca', caPath: credentials.caPath, routeName: settings.routeName, ignoreCn: credentials.ignoreCn };
    case 'ssc': {
      const fingerprint = target.expectedFingerprint === null ? null : normalizeFingerprint(target.expectedFingerprint);
      if (fingerprint === null) {
        throw new RouteFailure(
          'fingerprint-unverified',
          `no fingerprint to pin for ${settings.address}`,
          'compare the fingerprint shown in "About TwinCAT" on the target, or confirm the one shown was verified another way',
        );
      }
      return { kind: 'pinned', fingerprint, basis: target.fingerprintBasis };
    }
  }
}

/** The TlsConnectInfo of the add connection. */
export function connectInfoFor(plan: RoutePlan, local: { netId: string; hostname: string }): TlsConnectInfoInput {
  const { settings, credentials } = plan;
  if (settings.security === 'ssc') {
    if (!plan.addRemote) return { flags: SSC_FOLLOW_UP_FLAGS, netId: local.netId, hostname: local.hostname };
    return {
      flags: sscAddRouteFlags(isIP(settings.address) !== 0),
      netId: local.netId,
      // The target names this PC's route after this field, which holds 31 characters.
      hostname: settings.remoteRouteName.slice(0, 31),
      ...(credentials.kind === 'os' ? { user: credentials.user, password: credentials.password } : {}),
    };
  }
  return { flags: settings.security === 'psk' ? PSK_FLAGS : CA_FLAGS, netId: local.netId, hostname: local.hostname };
}

/** The SSC verify connection: only SelfSigned, never a login. */
export function verifyConnectInfo(local: { netId: string; hostname: string }): TlsConnectInfoInput {
  return { flags: SSC_FOLLOW_UP_FLAGS, netId: local.netId, hostname: local.hostname };
}

/** This PC's route entry, or null when the user asked for none. SSC records the fingerprint the handshake showed. */
export function localRouteRecord(plan: RoutePlan, fingerprint: string | null, now: Date): LocalRoute | null {
  const { settings, credentials } = plan;
  if (settings.targetRoute === 'none') return null;
  return {
    name: settings.routeName,
    address: settings.address,
    netId: settings.netId,
    virtualNetId: settings.virtualNetId,
    type: 'TCP_IP',
    flags: null,
    temporary: settings.targetRoute === 'temporary',
    unidirectional: settings.unidirectional,
    tls:
      settings.security === 'none'
        ? null
        : {
            mode: settings.security,
            fingerprint: settings.security === 'ssc' ? fingerprint : null,
            pskIdentity: credentials.kind === 'psk' ? credentials.identity : null,
            ignoreCn: credentials.kind === 'ca' ? credentials.ignoreCn : false,
            caFile: credentials.kind === 'ca' ? credentials.caPath : null,
            certFile: credentials.kind === 'ca' ? credentials.certPath : null,
            keyFile: credentials.kind === 'ca' ? credentials.keyPath : null,
          },
    createdAt: now.toISOString(),
    verifiedAt: null,
  };
}
