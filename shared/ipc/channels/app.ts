import { z } from 'zod';
import { networkAdapterSchema } from '../../domain/network';

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
    }),
  },
  'network:adapters': {
    request: z.object({ includeLoopback: z.boolean().optional() }).strict(),
    response: z.array(networkAdapterSchema),
  },
} as const;

export const appEvents = {
  'log:entry': z.object({
    time: z.string(),
    level: z.enum(['debug', 'info', 'warn', 'error']),
    source: z.string(),
    message: z.string(),
  }),
} as const;
