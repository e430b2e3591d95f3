import { z } from 'zod';
import { discoveredTargetSchema } from '../../domain/target';

const searchId = z.string().min(1).max(100);
/** An id the caller picks, so it knows its own events from the first one on (letters, digits, '-' and '_'). */
const clientId = z.string().regex(/^[\w-]{8,64}$/);
const addressList = z.array(z.string().max(300)).max(256);

export const discoveryRequests = {
  /** Starts a search and answers at once; results stream as `discovery:*` events. A new search cancels the caller's previous one. */
  'discovery:start': {
    request: z
      .object({
        /** The caller's id for this search; the services make one up for callers that do not care. */
        searchId: clientId.optional(),
        /** Adapter names or IPv4 addresses to broadcast on. */
        adapters: addressList.default([]),
        /** Host names or IPv4 addresses for unicast. */
        hosts: addressList.default([]),
        /** CIDR or a-b spans, at most 65,536 addresses in all. */
        ranges: addressList.default([]),
        timeoutMs: z.number().int().min(100).max(600_000).optional(),
        perHostTimeoutMs: z.number().int().min(10).max(60_000).optional(),
        /** Lab and test setups whose targets listen elsewhere than 48899. */
        udpPort: z.number().int().min(1).max(65_535).optional(),
      })
      .strict(),
    response: z.object({ searchId }),
  },
  /**
   * How many addresses a range search would ask and how long it may take (every address silent), without sending
   * anything: the view asks before it starts a big sweep. Bad ranges fail with the same typed error as a search.
   */
  'discovery:estimate': {
    request: z.object({ ranges: addressList, perHostTimeoutMs: z.number().int().min(10).max(60_000).optional() }).strict(),
    response: z.object({ addresses: z.number().int(), estimatedMs: z.number() }),
  },
  'discovery:cancel': {
    request: z.object({ searchId }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
} as const;

export const discoveryEvents = {
  'discovery:result': z.object({ searchId, target: discoveredTargetSchema }),
  /** A known system answered on one more adapter: replace the row with this one. */
  'discovery:update': z.object({ searchId, target: discoveredTargetSchema }),
  'discovery:host-error': z.object({ searchId, host: z.string(), message: z.string() }),
  'discovery:progress': z.object({ searchId, sent: z.number().int(), total: z.number().int(), answered: z.number().int() }),
  'discovery:done': z.object({
    searchId,
    found: z.number().int(),
    durationMs: z.number(),
    cancelled: z.boolean(),
    /** Why nothing was found (no adapter, link-local, firewall, other subnet); null when there is nothing to explain. */
    hint: z.string().nullable(),
  }),
} as const;
