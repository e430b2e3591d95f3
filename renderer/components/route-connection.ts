import type { LocalRoute } from '../../shared/domain/route';
import type { TargetConnection } from '../../shared/ipc/channels/server-config';
import { connectionOf, type TargetRoutesSubject } from './TargetRoutesDialog';

/** How to reach the target of one of this PC's routes: the way the route is secured. */
export function subjectOfRoute(route: LocalRoute): TargetRoutesSubject {
  const tls = route.tls;
  return {
    name: route.name,
    address: route.address,
    netId: route.netId,
    security: tls?.mode ?? 'none',
    pskIdentity: tls?.pskIdentity ?? null,
    ca:
      tls?.caFile && tls.certFile && tls.keyFile
        ? { caPath: tls.caFile, certPath: tls.certFile, keyPath: tls.keyFile, ignoreCn: tls.ignoreCn }
        : null,
  };
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
