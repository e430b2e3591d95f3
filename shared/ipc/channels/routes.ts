import { z } from 'zod';
import {
  localRouteSchema,
  routeCredentialsSchema,
  routeErrorSchema,
  routeSettingsSchema,
  routeStepSchema,
} from '../../domain/route';
import { fingerprintText } from '../../domain/fingerprint-text';

/**
 * Routes the dialog creates at once. Each is a few sockets and, with real targets, mostly waiting on them; 20 lets a
 * typical cell's batch go in one wave (what docs/benchmarks.md measures) while 50 machines still queue politely.
 */
export const DEFAULT_ROUTE_CONCURRENCY = 20;
export const MAX_ROUTE_CONCURRENCY = 32;

const routeResultSchema = z.object({
  target: z.string(),
  ok: z.boolean(),
  netId: z.string().nullable(),
  fingerprint: z.string().nullable(),
  error: routeErrorSchema.nullable(),
  ms: z.number(),
});

export const routesRequests = {
  /** Starts creating routes to one or many targets; progress arrives as routes:step / routes:done events. */
  'routes:add': {
    request: z
      .object({
        /** The caller's id for this batch, so it knows its own events from the first one on; made up when absent. */
        batchId: z.string().regex(/^[\w-]{8,64}$/).optional(),
        targets: z
          .array(
            z.object({
              settings: routeSettingsSchema,
              /** For SSC: the fingerprint the user compared (normalised); null only with fingerprintVerifiedOutOfBand. */
              expectedFingerprint: fingerprintText.nullable().default(null),
            }),
          )
          .min(1)
          .max(256),
        credentials: routeCredentialsSchema,
        /** The user ticked "I verified this fingerprint another way": logged, and SSC proceeds without a compare. */
        fingerprintVerifiedOutOfBand: z.boolean().default(false),
        concurrency: z.number().int().min(1).max(MAX_ROUTE_CONCURRENCY).default(DEFAULT_ROUTE_CONCURRENCY),
        ports: z
          .object({ udp: z.number().int().optional(), ads: z.number().int().optional(), tls: z.number().int().optional() })
          .strict()
          .optional(),
      })
      .strict(),
    response: z.object({ batchId: z.string() }),
  },
  'routes:cancel': {
    request: z.object({ batchId: z.string() }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  'routes:list': {
    request: z.object({}).strict(),
    response: z.array(localRouteSchema),
  },
  'routes:remove': {
    request: z.object({ name: z.string().min(1) }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
} as const;

export const routesEvents = {
  'routes:step': z.object({
    batchId: z.string(),
    /** The target's address as given in the settings: identifies the row. */
    target: z.string(),
    step: routeStepSchema,
    status: z.enum(['running', 'ok', 'failed', 'skipped']),
    ms: z.number().nullable(),
    detail: z.string().nullable(),
    error: routeErrorSchema.nullable(),
  }),
  /** One target has finished (created and verified, or failed), while others of its batch may still run. */
  'routes:result': z.object({ batchId: z.string(), result: routeResultSchema }),
  /** The whole batch has finished: every target's result again, in request order. */
  'routes:done': z.object({ batchId: z.string(), results: z.array(routeResultSchema) }),
  'routes:changed': z.object({ routes: z.array(localRouteSchema) }),
} as const;
