import { z } from 'zod';
import { hostResolutionSchema, networkAdapterSchema } from '../../domain/network';

const empty = z.object({}).strict();

export const appRequests = {
  'app:info': {
    request: empty,
    response: z.object({
      name: z.string(),
      version: z.string(),
      transport: z.enum(['electron', 'web']),
      platform: z.string(),
      hostname: z.string(),
      /** A search the Targets view runs on start (the demo's virtual targets); null for a normal start. */
      startupSearch: z.object({ hosts: z.array(z.string()), ranges: z.array(z.string()) }).nullable(),
      /** Where this PC's routes, client identity and the rest live, and why that folder (Settings shows it). */
      dataDir: z.object({ path: z.string(), kind: z.enum(['default', 'environment', 'demo']) }),
    }),
  },
  'network:adapters': {
    request: z.object({ includeLoopback: z.boolean().optional() }).strict(),
    response: z.array(networkAdapterSchema),
  },
  /** Whether this PC resolves host names (the Add Route dialog warns before a route by host name fails). */
  'network:resolve': {
    request: z.object({ hosts: z.array(z.string().min(1).max(253)).max(64) }).strict(),
    response: z.array(hostResolutionSchema),
  },
} as const;

export const appEvents = {} as const;
