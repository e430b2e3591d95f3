import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { TypedError } from '../../../shared/typed-error';
import type { PartialHandlers } from '../../ipc/handlers';
import type { ServiceContext } from '../context';
import { coalesced } from '../coalesced-task';
import { IdentityService } from '../identity/index';
import { engineConnector } from '../ads/secure/default-connector';
import { SECURE_ADS_PORT } from '../ads/secure/secure-session';
import type { TlsConnector } from '../ads/secure/secure-transport';
import { fetchServerCertificate } from '../ads/secure/server-certificate';
import { knownFingerprintsFeature } from '../known-fingerprints/known-fingerprints-feature';
import { LocalTwinCatRoutes } from '../server-config/local-twincat-routes';
import { routeExport } from '../../../shared/static-routes/route-export';
import { LocalRouteStore } from './local-route-store';
import { createRoutes, type TargetResult } from './route-orchestrator';

const CERTIFICATE_FETCH_TIMEOUT_MS = 5000;

/**
 * IPC for route creation: routes:add runs in the background and reports through routes:step / routes:done;
 * routes:changed follows every change of this PC's route list.
 */
export function routesFeature(
  context: ServiceContext,
  connector: TlsConnector = engineConnector,
): { handlers: PartialHandlers; dispose: () => Promise<void> } {
  const logger = context.logBook.logger('routes');
  const identity = new IdentityService(context.dataDir);
  const store = new LocalRouteStore(context.dataDir, logger);
  const knownFingerprints = knownFingerprintsFeature(context);
  const twincat = new LocalTwinCatRoutes({
    dataDir: context.dataDir,
    logger,
    onChange: (routes) => context.events.emit('twincat-routes:changed', routes),
  });
  const batches = new Map<string, { controller: AbortController; done: Promise<void> }>();

  // Coalesced: the results of a batch arrive in bursts, and one list sent after the burst says what a list per result would.
  const announceRoutes = coalesced(async () => {
    try {
      context.events.emit('routes:changed', { routes: await store.list() });
    } catch (error) {
      logger.error(`route list unreadable: ${error instanceof Error ? error.message : String(error)}`);
    }
  });

  const handlers: PartialHandlers = {
    ...knownFingerprints.handlers,
    'secure:server-certificate': (request) =>
      fetchServerCertificate({
        host: request.address,
        port: request.tlsPort ?? SECURE_ADS_PORT,
        timeoutMs: CERTIFICATE_FETCH_TIMEOUT_MS,
        connector,
        legacyCrypto: request.legacyCrypto,
      }),

    'routes:add': (request) => {
      if (request.batchId !== undefined && batches.has(request.batchId)) {
        throw new TypedError('duplicate-id', `A batch with id ${request.batchId} is already running`);
      }
      const batchId = request.batchId ?? randomUUID();
      const controller = new AbortController();
      // Every route in flight listens for a cancel; a batch of 100 is not a listener leak.
      setMaxListeners(0, controller.signal);
      const deps = { identity, store, connector, logger, knownFingerprints, twincat };
      logger.info(
        `batch ${batchId}: ${request.targets.length} target(s), ${request.targets.map((t) => `${t.settings.address} (${t.settings.security})`).join(', ')}`,
      );
      // Per target, in the order they finish: the route list first, so a UI reacting to the result already shows
      // the new route (Connected column). Chained so the batch's routes:done comes after every result.
      let reported = Promise.resolve();
      const onResult = (result: TargetResult) => {
        // Asked for now (also after a failure: a route recorded before a failed verify is still in the list), so the
        // list sent covers this route even when it is shared with the results around it.
        const listed = announceRoutes();
        reported = reported
          .then(() => listed)
          .then(() => context.events.emit('routes:result', { batchId, result: resultEvent(result) }))
          // One failed report must not hold back the others, nor the batch's routes:done.
          .catch((error: unknown) =>
            logger.error(`result of ${result.target} not reported: ${error instanceof Error ? error.message : String(error)}`),
          );
      };
      const done = createRoutes(
        request,
        deps,
        (step) => context.events.emit('routes:step', { batchId, ...step }),
        controller.signal,
        onResult,
      )
        .then(async (results) => {
          await reported;
          context.events.emit('routes:done', { batchId, results: results.map(resultEvent) });
        })
        .catch((error: unknown) =>
          logger.error(`batch ${batchId} failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(() => batches.delete(batchId));
      batches.set(batchId, { controller, done });
      return { batchId };
    },

    'routes:cancel': (request) => {
      const batch = batches.get(request.batchId);
      if (!batch) return { cancelled: false };
      batch.controller.abort();
      return { cancelled: true };
    },

    'routes:list': () => store.list(),

    'routes:remove': async (request) => {
      const route = await store.remove(request.name);
      if (route) await announceRoutes();
      // Only the app's own route (the NetId and address it had) may take an entry out of StaticRoutes.xml; a temporary
      // route was never written there.
      if (!route || !request.fromTwinCat || route.temporary) return { removed: route !== null, twincat: null };
      const { outcome, path, detail } = await twincat.removeRoute(route);
      return { removed: true, twincat: { outcome, path, detail } };
    },

    'twincat-routes:list': () => twincat.list(),
    'twincat-routes:export': async (request) => {
      const route = (await store.list()).find((r) => r.name === request.name);
      if (!route) throw new TypedError('not-found', `There is no route named '${request.name}' on this PC.`);
      const thisPc = {
        netId: await identity.localNetIdFor(route.address),
        address: await identity.localAddressFor(route.address),
        hostname: await identity.hostname(),
      };
      return { ...routeExport(route, thisPc), thisPc };
    },

    'identity:get': () => identity.summary(),
    'identity:set': (request) => identity.set(request),
  };

  return {
    handlers,
    async dispose() {
      for (const batch of batches.values()) batch.controller.abort();
      await Promise.all([...batches.values()].map((b) => b.done));
    },
  };
}

function resultEvent(r: TargetResult) {
  return { target: r.target, ok: r.ok, netId: r.netId, fingerprint: r.fingerprint, error: r.error, ms: r.ms };
}
