import { hostname, platform } from 'node:os';
import { EventBus } from '../ipc/event-bus';
import { createDispatcher, type Dispatcher } from '../ipc/dispatcher';
import type { PartialHandlers } from '../ipc/handlers';
import type { ServiceContext } from './context';
import { LogBook } from './log/logger';
import { logFeature } from './log/log-feature';
import { listAdapters } from './network/adapters';
import { resolveHosts } from './network/resolve-hosts';
import { APP_NAME, APP_VERSION } from './app/version';
import type { DataDirKind } from './app/data-dir';
import { routesFeature } from './routes/routes-feature';
import { discoveryFeature } from './discovery/ipc-feature';
import { serverConfigFeature } from './server-config/server-config-feature';
import { certificatesFeature } from './certificates/certificates-feature';
import { targetRoutesFeature } from './target-routes/target-routes-feature';

export interface AppServices {
  context: ServiceContext;
  dispatcher: Dispatcher;
  dispose(): Promise<void>;
}

type FeatureFactory = (context: ServiceContext) => { handlers: PartialHandlers; dispose?: () => Promise<void> | void };

function appFeature(context: ServiceContext, dataDirKind: DataDirKind): { handlers: PartialHandlers } {
  return {
    handlers: {
      'app:info': () => ({
        name: APP_NAME,
        version: APP_VERSION,
        transport: context.transport,
        platform: platform(),
        hostname: hostname(),
        startupSearch: context.startupSearch ?? null,
        dataDir: { path: context.dataDir, kind: dataDirKind },
      }),
      'network:adapters': (request) => listAdapters({ includeLoopback: request.includeLoopback }),
      'network:resolve': (request) => resolveHosts(request.hosts),
    },
  };
}

/** Features register here; each owns its channels and cleans up after itself. */
const features: FeatureFactory[] = [
  logFeature,
  discoveryFeature,
  routesFeature,
  (context) => certificatesFeature(context),
  (context) => targetRoutesFeature(context),
  (context) => serverConfigFeature(context),
];

export function composeServices(options: {
  dataDir: string;
  transport: 'electron' | 'web';
  logBook?: LogBook;
  startupSearch?: ServiceContext['startupSearch'];
  /** Why dataDir is this folder; 'default' unless said otherwise. */
  dataDirKind?: DataDirKind;
}): AppServices {
  const logBook = options.logBook ?? new LogBook();
  const ipcLog = logBook.logger('ipc');
  const events = new EventBus((channel, message) => ipcLog.error(`dropped invalid ${channel} event: ${message}`));
  logBook.addSink((entry) => events.emit('log:entry', entry));
  const context: ServiceContext = {
    logBook,
    events,
    dataDir: options.dataDir,
    transport: options.transport,
    startupSearch: options.startupSearch ?? null,
  };
  const built: Array<ReturnType<FeatureFactory>> = [
    appFeature(context, options.dataDirKind ?? 'default'),
    ...features.map((factory) => factory(context)),
  ];
  const handlers: PartialHandlers = Object.assign({}, ...built.map((f) => f.handlers));
  return {
    context,
    dispatcher: createDispatcher(handlers, ipcLog),
    async dispose() {
      for (const feature of built) await feature.dispose?.();
    },
  };
}
