import type { LocalRoute } from '../../shared/domain/route';
import type { TargetConnection } from '../../shared/ipc/channels/server-config';
import { connectionOf, type TargetRoutesSubject } from './TargetRoutesDialog';

/** How to reach a target over this PC's route to it (`tls` of that route): the way the route is secured, plain ADS without one. */
export function subjectOverRoute(
  target: { name: string; address: string; netId: string },
  tls: LocalRoute['tls'] | null | undefined,
): TargetRoutesSubject {
  return {
    name: target.name,
    address: target.address,
    netId: target.netId,
    security: tls?.mode ?? 'none',
    pskIdentity: tls?.pskIdentity ?? null,
    ca:
      tls?.caFile && tls.certFile && tls.keyFile
        ? { caPath: tls.caFile, certPath: tls.certFile, keyPath: tls.keyFile, ignoreCn: tls.ignoreCn }
        : null,
  };
}

/** How to reach the target of one of this PC's routes. */
export function subjectOfRoute(route: LocalRoute): TargetRoutesSubject {
  return subjectOverRoute(route, route.tls);
}

/** What the user typed for a route whose secrets this PC does not keep (PSK password, CA key password). */
export interface TypedSecrets {
  pskPassword: string;
  keyPassword: string;
}

/**
 * The system-service connection over one of this PC's routes, in the shape the server-config services take: the same
 * connection the Routes page and the "Routes on target" panel use, plus the route's name and pinned fingerprint.
 */
export function serverConnectionOfRoute(route: LocalRoute, typed: TypedSecrets): TargetConnection {
  const subject = subjectOfRoute(route);
  const input = connectionOf(subject, {
    security: subject.security,
    pskIdentity: subject.pskIdentity ?? '',
    pskPassword: typed.pskPassword,
    keyPassword: typed.keyPassword,
  });
  return {
    name: route.name.slice(0, 80) || route.address,
    address: input.address,
    netId: input.netId,
    mode: input.security,
    fingerprint: route.tls?.fingerprint ?? null,
    psk: input.psk ? { identity: input.psk.identity, ...(input.psk.password ? { password: input.psk.password } : {}) } : null,
    ca: input.ca ? { ...input.ca, ignoreCn: input.ca.ignoreCn ?? false } : null,
  };
}
