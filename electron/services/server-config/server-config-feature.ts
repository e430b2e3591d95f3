import type { PartialHandlers } from '../../ipc/handlers';
import type { ServiceContext } from '../context';
import { TypedError } from '../../../shared/typed-error';
import { writeLocalFolderSetting } from './local-folder-setting';
import { generatePskSecret, ServerConfigService, toServerError } from './server-config-service';
import { restartTarget, uploadFile, verifyTarget } from './target-actions';
import type { SystemSessionConnector } from './system-session';
import { defaultSystemSessionConnector } from './system-session-connector';

/** Systems handled at once in a batch: each is one ADS connection and a few small file transfers. */
const BATCH_CONCURRENCY = 8;

export function serverConfigFeature(
  context: ServiceContext,
  connect: SystemSessionConnector = defaultSystemSessionConnector(context),
): { handlers: PartialHandlers } {
  const logger = context.logBook.logger('server-config');
  const service = new ServerConfigService({ dataDir: context.dataDir, connect, logger });

  const handlers: PartialHandlers = {
    'server-config:read': async (request) => {
      return inBatches(request.places, (place) => service.read(place));
    },
    'server-config:apply': async (request) => {
      const change = request.change;
      return inBatches(request.places, (place, index) => service.apply(place, change, request.revisions?.[index] ?? null));
    },
    'server-config:generate-psk': (request) => {
      const generated = generatePskSecret(request.identity);
      return generated;
    },
    'server-config:state': async (request) => {
      return inBatches(request.targets, async (target) => {
        const place = service.placeName({ kind: 'target', target });
        try {
          return { place, ok: true, adsState: await service.withSession(target, (s) => s.readState()), error: null };
        } catch (error) {
          return { place, ok: false, adsState: null, error: toServerError(error) };
        }
      });
    },
    'server-config:restart': async (request) => {
      return inBatches(request.targets, (target) => restartTarget(service, target, request.mode, logger));
    },
    'server-config:verify': async (request) => {
      return inBatches(request.targets, (target) => verifyTarget(service, target, request.check));
    },
    'server-config:upload': async (request) => {
      return inBatches(request.targets, (target) => uploadFile(service, target, request.localPath, request.remotePath, logger));
    },
    'server-config:set-local-folder': async (request) => {
      if (request.folder !== null && !request.folder.trim()) throw new TypedError('invalid-input', 'the folder is empty');
      await writeLocalFolderSetting(context.dataDir, request.folder);
      return { folder: request.folder };
    },
  };
  return { handlers };
}

/** Runs `work` for every item, at most BATCH_CONCURRENCY at a time, results in the items' order. */
export async function inBatches<T, R>(items: T[], work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCH_CONCURRENCY, items.length) }, worker));
  return results;
}
