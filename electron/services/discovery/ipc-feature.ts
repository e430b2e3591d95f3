import { randomUUID } from 'node:crypto';
import { TypedError } from '../../../shared/typed-error';
import type { PartialHandlers } from '../../ipc/handlers';
import type { ServiceContext } from '../context';
import { DiscoveryService, type DiscoveryServiceOptions } from './discovery-service';
import type { DiscoverySearch } from './search';
import { estimateSweep } from './sweep-estimate';

interface RunningSearch {
  id: string;
  clientId: string;
  search: DiscoverySearch;
}

/**
 * `discovery:start` / `discovery:cancel` and the `discovery:*` events. One search per client: a window that starts a
 * new search does not want the old one's results mixed in, and abandoned searches must not hold sockets.
 */
export function createDiscoveryFeature(options: Omit<DiscoveryServiceOptions, 'logger'> = {}) {
  return (context: ServiceContext): { handlers: PartialHandlers; dispose: () => Promise<void> } => {
    const log = context.logBook.logger('discovery');
    const service = new DiscoveryService({ ...options, logger: log });
    const running = new Map<string, RunningSearch>();

    const stop = async (entry: RunningSearch): Promise<void> => {
      entry.search.cancel();
      await entry.search.done;
    };

    const handlers: PartialHandlers = {
      'discovery:start': async (request, call) => {
        // Validate first: an invalid request must not cancel the search the user is looking at.
        if (request.searchId !== undefined && running.has(request.searchId)) {
          throw new TypedError('duplicate-id', `A search with id ${request.searchId} is already running`);
        }
        const search = service.search(request);
        const previous = [...running.values()].filter((r) => r.clientId === call.clientId);
        const id = request.searchId ?? randomUUID();
        const entry: RunningSearch = { id, clientId: call.clientId, search };
        running.set(id, entry);
        for (const old of previous) void stop(old);
        const where = [
          request.adapters.length ? `adapters ${request.adapters.join(', ')}` : '',
          request.hosts.length ? `${request.hosts.length} host(s)` : '',
          request.ranges.length ? `ranges ${request.ranges.join(', ')}` : '',
        ].filter(Boolean);
        log.info(`search ${id.slice(0, 8)} started: ${where.join('; ') || 'nothing chosen'}`);
        search.on('result', (target) => context.events.emit('discovery:result', { searchId: id, target }));
        search.on('update', (target) => context.events.emit('discovery:update', { searchId: id, target }));
        search.on('host-error', (error) => context.events.emit('discovery:host-error', { searchId: id, ...error }));
        search.on('progress', (progress) => context.events.emit('discovery:progress', { searchId: id, ...progress }));
        search.on('done', (summary) => {
          running.delete(id);
          log.info(
            `search ${id.slice(0, 8)} ${summary.cancelled ? 'cancelled' : 'done'}: ${summary.found} found in ${summary.durationMs} ms`,
          );
          context.events.emit('discovery:done', {
            searchId: id,
            found: summary.found,
            durationMs: summary.durationMs,
            cancelled: summary.cancelled,
            hint: summary.hint ?? null,
          });
        });
        return { searchId: id };
      },
      'discovery:estimate': async (request) => estimateSweep(request.ranges, request.perHostTimeoutMs),
      'discovery:cancel': async (request) => {
        const entry = running.get(request.searchId);
        if (!entry) return { cancelled: false };
        await stop(entry);
        return { cancelled: true };
      },
    };

    return {
      handlers,
      dispose: async () => {
        await Promise.all([...running.values()].map(stop));
      },
    };
  };
}

export const discoveryFeature = createDiscoveryFeature();
