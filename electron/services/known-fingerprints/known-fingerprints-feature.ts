import type { PartialHandlers } from '../../ipc/handlers';
import { coalesced } from '../coalesced-task';
import type { ServiceContext } from '../context';
import { KnownFingerprintStore, type RememberOutcome } from './known-fingerprint-store';

export interface KnownFingerprints {
  store: KnownFingerprintStore;
  /** Remembers a verified route's fingerprint and tells every window. */
  remember(input: { netId: string; address: string; fingerprint: string }, now?: Date): Promise<RememberOutcome>;
  handlers: PartialHandlers;
}

/**
 * IPC for the known fingerprints: list and forget, and known-fingerprints:changed after every change. The route
 * feature owns the instance, since routes are what add entries.
 */
export function knownFingerprintsFeature(context: ServiceContext): KnownFingerprints {
  const logger = context.logBook.logger('known-fingerprints');
  const store = new KnownFingerprintStore(context.dataDir, logger);
  // Coalesced: a batch of verified routes remembers many at once, and one list after them says it all.
  const announce = coalesced(async () => {
    try {
      context.events.emit('known-fingerprints:changed', { entries: await store.list() });
    } catch (error) {
      logger.error(`known fingerprints unreadable: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  return {
    store,
    async remember(input, now) {
      const outcome = await store.remember(input, now);
      if (outcome.replaced) {
        logger.warn(
          `fingerprint of ${input.netId} (${input.address}) replaced: known since ${outcome.replaced.firstSeen}, now ${outcome.entry.fingerprint}`,
        );
      } else if (outcome.entry.firstSeen === outcome.entry.lastSeen) {
        logger.info(`fingerprint of ${input.netId} (${input.address}) remembered`);
      }
      await announce();
      return outcome;
    },
    handlers: {
      'known-fingerprints:list': () => store.list(),
      'known-fingerprints:forget': async (request) => {
        const removed = await store.forget(request.netId);
        if (removed) {
          logger.info(`fingerprint of ${request.netId} forgotten`);
          await announce();
        }
        return { removed };
      },
    },
  };
}
