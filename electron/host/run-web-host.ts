import { composeServices } from '../services/compose';
import { defaultDataDir, defaultDataDirKind, type DataDirKind } from '../services/app/data-dir';
import type { LogBook } from '../services/log/logger';
import { startWebHost } from './web-host';

export interface RunWebHostOptions {
  /** Folder with the built renderer; entry points pass join(__dirname, '..', 'renderer'). */
  staticDir: string;
  port?: number;
  /** A folder of the caller's own (the demo's temporary one) instead of the user's data folder. */
  dataDir?: { path: string; kind: DataDirKind };
  logBook?: LogBook;
  /** A search the Targets view runs on start (the demo passes its virtual targets). */
  startupSearch?: { hosts: string[]; ranges: string[] };
}

export interface RunningWebHost {
  url: string;
  stop(): Promise<void>;
}

/** Composes the services and serves them to the browser on 127.0.0.1 (random port, per-run token). */
export async function runWebHost(options: RunWebHostOptions): Promise<RunningWebHost> {
  const services = composeServices({
    dataDir: options.dataDir?.path ?? defaultDataDir(),
    dataDirKind: options.dataDir?.kind ?? defaultDataDirKind(),
    transport: 'web',
    ...(options.logBook ? { logBook: options.logBook } : {}),
    startupSearch: options.startupSearch ?? null,
  });
  const host = await startWebHost({
    dispatcher: services.dispatcher,
    events: services.context.events,
    log: services.context.logBook.logger('web-host'),
    staticDir: options.staticDir,
    port: options.port ?? 0,
  }).catch(async (error: unknown) => {
    await services.dispose();
    throw error;
  });
  return {
    url: host.url,
    async stop() {
      await host.close();
      await services.dispose();
    },
  };
}
