import { z } from 'zod';
import { localRouteSchema, routeCredentialsSchema, routeErrorSchema, routeSettingsSchema, routeStepSchema } from '../../domain/route';
import { fingerprintText } from '../../domain/fingerprint-text';

/**
 * Routes the dialog creates at once. Each is a couple of sockets and, with real targets, mostly waiting on their slow
 * CPUs (a PLC takes a good part of a second per Secure ADS route); the client's own DHE and RSA run on worker threads.
 * So a plant's batch of 100 goes in one wave (what docs/benchmarks.md measures): in waves of 20 it would take five
 * times the slowest route. Bigger batches queue.
 */
export const DEFAULT_ROUTE_CONCURRENCY = 100;
export const MAX_ROUTE_CONCURRENCY = 256;

const routeResultSchema = z.object({
  target: z.string(),
  ok: z.boolean(),
  netId: z.string().nullable(),
  fingerprint: z.string().nullable(),
  error: routeErrorSchema.nullable(),
  ms: z.number(),
});

/**
 * compared: the user's pasted fingerprint matched the handshake (green); out-of-band: the user ticked that they
 * verified the shown fingerprint another way; known: the handshake showed the fingerprint remembered for this NetId
 * after an earlier verified route.
 */
export const fingerprintBasisSchema = z.enum(['compared', 'out-of-band', 'known']);
export type FingerprintBasis = z.infer<typeof fingerprintBasisSchema>;

/**
 * A route's entry in this PC's StaticRoutes.xml after a remove: removed; not-there; differs (an entry of that name
 * with another NetId or address, left as it is); refused (file unreadable or changed meanwhile, left as it is);
 * no-twincat. `detail` is one line, in English.
 */
export const twinCatRemovalSchema = z.object({
  outcome: z.enum(['removed', 'not-there', 'differs', 'refused', 'no-twincat']),
  path: z.string().nullable(),
  detail: z.string(),
});
export type TwinCatRemoval = z.infer<typeof twinCatRemovalSchema>;

export const routesRequests = {
  /** Starts creating routes to one or many targets; progress arrives as routes:step / routes:done events. */
  'routes:add': {
    request: z
      .object({
        /** The caller's id for this batch, so it knows its own events from the first one on; made up when absent. */
        batchId: z
          .string()
          .regex(/^[\w-]{8,64}$/)
          .optional(),
        targets: z
          .array(
            z
              .object({
                settings: routeSettingsSchema,
                /**
                 * SSC: the fingerprint this route pins, normalised. Required for SSC: there is no "accept any
                 * certificate"; the tick for an out-of-band check pins the fingerprint the user was shown too.
                 */
                expectedFingerprint: fingerprintText.nullable().default(null),
                /** How the user came to trust that fingerprint; logged and shown in the fingerprint step. */
                fingerprintBasis: fingerprintBasisSchema.default('compared'),
              })
              .superRefine((target, context) => {
                if (target.settings.security === 'ssc' && target.expectedFingerprint === null) {
                  context.addIssue({
                    code: 'custom',
                    path: ['expectedFingerprint'],
                    message: 'a self-signed (SSC) route needs the fingerprint it pins',
                  });
                }
              }),
          )
          .min(1)
          .max(256),
        credentials: routeCredentialsSchema,
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
    request: z
      .object({
        name: z.string().min(1),
        /** Also remove the route's entry from this PC's own TwinCAT StaticRoutes.xml (only when it is the same route). */
        fromTwinCat: z.boolean().default(false),
      })
      .strict(),
    response: z.object({
      removed: z.boolean(),
      /** What happened in StaticRoutes.xml; null when it was not asked for, or this PC has no route of that name. */
      twincat: twinCatRemovalSchema.nullable(),
    }),
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
