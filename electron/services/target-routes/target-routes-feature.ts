import { TypedError } from '../../../shared/typed-error';
import type { PartialHandlers } from '../../ipc/handlers';
import { RouteFailure } from '../ads/route-failure';
import type { TlsConnector } from '../ads/secure/secure-transport';
import type { ServiceContext } from '../context';
import { IdentityService } from '../identity/index';
import { KnownFingerprintStore } from '../known-fingerprints/known-fingerprint-store';
import { LocalRouteStore } from '../routes/local-route-store';
import { SystemServiceError } from '../system-service/index';
import { knownFingerprintSource } from './fingerprint-source';
import { listTargetRoutes, removeTargetRoute, verifyTarget, type TargetRoutesDeps } from './target-routes';

/** IPC for the routes a target holds: list, remove (with confirmation by a fresh list), verify. */
export function targetRoutesFeature(context: ServiceContext, connector?: TlsConnector): { handlers: PartialHandlers } {
  const logger = context.logBook.logger('target-routes');
  const identity = new IdentityService(context.dataDir);
  const deps: TargetRoutesDeps = {
    identity: {
      clientCertificate: () => identity.clientCertificate(),
      hostname: () => identity.hostname(),
      localNetIdFor: (t) => identity.localNetIdFor(t),
    },
    knownFingerprint: knownFingerprintSource(
      new KnownFingerprintStore(context.dataDir, logger),
      new LocalRouteStore(context.dataDir, logger),
    ),
    ...(connector ? { connector } : {}),
  };
  const guarded = async <T>(what: string, address: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      const typed = withFix(error);
      logger.warn(`${what} on ${address} failed: ${typed.code}: ${typed.message}`);
      throw typed;
    }
  };
  return {
    handlers: {
      'target-routes:list': (request) => guarded('route list', request.address, () => listTargetRoutes(request, deps)),
      'target-routes:remove': (request) =>
        guarded('route remove', request.address, async () => {
          const outcome = await removeTargetRoute(request, request.name, deps);
          logger.info(
            `route "${request.name}" removed on ${request.address}${outcome.accessLost ? " (it was this PC's own route: access ended)" : ''}`,
          );
          return outcome;
        }),
      'target-routes:verify': (request) => guarded('verify', request.address, () => verifyTarget(request, deps)),
    },
  };
}

/** IPC errors carry code and message only: the fix goes into the message so the user still reads it. */
function withFix(error: unknown): TypedError {
  if (error instanceof RouteFailure || error instanceof SystemServiceError) {
    return new TypedError(error.code, error.fix ? `${error.message} → ${error.fix}` : error.message);
  }
  if (error instanceof TypedError) return error;
  return new TypedError('internal', error instanceof Error ? error.message : String(error));
}
