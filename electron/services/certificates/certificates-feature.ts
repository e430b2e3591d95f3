import type { PartialHandlers } from '../../ipc/handlers';
import type { ServiceContext } from '../context';
import { CertificatesService, type CertificatesServiceOptions } from './certificates-service';

/** IPC for the Certificates page; every change is followed by certificates:changed so the navigation badge updates. */
export function certificatesFeature(context: ServiceContext, options: CertificatesServiceOptions = {}): { handlers: PartialHandlers } {
  const logger = context.logBook.logger('certificates');
  const service = new CertificatesService(context.dataDir, options);
  const changed = async () => {
    try {
      context.events.emit('certificates:changed', { attention: (await service.overview()).attention });
    } catch (error) {
      logger.error(`certificate overview unreadable: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** Runs a change, logs what it did (never a password or key), then tells every window. */
  const change = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    const result = await run();
    logger.info(what);
    await changed();
    return result;
  };

  const handlers: PartialHandlers = {
    'certificates:overview': () => service.overview(),
    'certificates:identity': () => service.identityDetails(),
    'certificates:identity-regenerate': () =>
      change('client certificate regenerated; the previous one is kept as .bak', () => service.regenerateIdentity()),
    'certificates:identity-export': async (request) => {
      const files = await service.exportIdentity(request.folder, request.includeKey && request.keyConfirmed);
      logger.info(`client certificate exported to ${request.folder}${request.includeKey ? ' with its private key (confirmed)' : ''}`);
      return { files };
    },
    'certificates:ca-create': (request) =>
      change(`plant CA "${request.subject.CN}" created (RSA ${request.keyBits}, ${request.days} days)`, () => service.createCa(request)),
    'certificates:ca-load': (request) => change(`plant CA loaded from ${request.certPath}`, () => service.loadCa(request)),
    'certificates:issue': async (request) => {
      const issued = await change(`issued ${request.commonNames.length} device certificate(s) for ${request.days} days`, () =>
        service.issueDevices(request),
      );
      return { issued };
    },
    'certificates:issue-this-pc': (request) =>
      change(`issued this PC's client certificate for ${request.days} days`, () => service.issueThisPc(request)),
    'certificates:export': async (request) => {
      const exported = await service.exportDevices(request.names, request.folder);
      logger.info(`exported ${exported.length} device folder(s) to ${request.folder}`);
      return { exported };
    },
    'certificates:inspect': (request) => service.inspect(request.path, request.caPath),
  };
  return { handlers };
}
