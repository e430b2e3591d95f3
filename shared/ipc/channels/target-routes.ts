import { z } from 'zod';

const netIdText = z.string().regex(/^(\d{1,3})(\.\d{1,3}){5}$/, 'AMS NetId must be six numbers like 5.36.69.176.1.1');

/**
 * How to reach a target's system service over a route that already exists. Secrets (PSK password or key, CA key
 * password) travel renderer → service only and are never echoed back.
 */
export const targetConnectionSchema = z.object({
  address: z.string().min(1).max(253),
  netId: netIdText,
  security: z.enum(['ssc', 'psk', 'ca', 'none']),
  /** SSC: the target fingerprint to pin; null = the one remembered for this NetId (or this PC's route to it). */
  fingerprint: z.string().nullable().default(null),
  psk: z
    .object({
      identity: z.string().min(1).max(128),
      password: z.string().max(255).optional(),
      keyHex: z
        .string()
        .regex(/^[0-9a-fA-F]{64}$/, 'A PSK key is 64 hex digits')
        .optional(),
    })
    .optional(),
  ca: z
    .object({
      caPath: z.string().min(1),
      certPath: z.string().min(1),
      keyPath: z.string().min(1),
      keyPassword: z.string().max(255).optional(),
      ignoreCn: z.boolean().default(false),
    })
    .optional(),
  /** This PC's NetId as the target knows it; default: configured, else the adapter address + .1.1. */
  localNetId: netIdText.optional(),
  ports: z.object({ ads: z.number().int().min(1).max(65535).optional(), tls: z.number().int().min(1).max(65535).optional() }).optional(),
  timeoutMs: z.number().int().min(500).max(60_000).default(5000),
});
export type TargetConnection = z.output<typeof targetConnectionSchema>;
export type TargetConnectionInput = z.input<typeof targetConnectionSchema>;

export const targetRouteSchema = z.object({
  name: z.string(),
  netId: z.string().nullable(),
  address: z.string(),
  /** Hex of the record bytes whose meaning is not public. */
  raw: z.string(),
  /** Why the record looks odd; empty for a normal one. */
  notes: z.array(z.string()),
  /** This entry leads back to this PC (its NetId is ours): removing it cuts our own access. */
  thisPc: z.boolean(),
});
export type TargetRoute = z.infer<typeof targetRouteSchema>;

export const targetRouteListSchema = z.object({
  address: z.string(),
  netId: z.string(),
  localNetId: z.string(),
  /** ADS state of the target (5 Run, 15 Config), when it answered. */
  state: z.object({ adsState: z.number().int(), name: z.string() }).nullable(),
  routes: z.array(targetRouteSchema),
  /** Set when the list ended with something else than "not found": it may be incomplete. */
  endNote: z.string().nullable(),
});
export type TargetRouteList = z.infer<typeof targetRouteListSchema>;

export const targetRoutesRequests = {
  /** The routes the target holds (ADS Read 803 over an existing route). */
  'target-routes:list': {
    request: targetConnectionSchema,
    response: targetRouteListSchema,
  },
  /** Removes one route on the target by name (ADS Write 802), then reads the list again to confirm. */
  'target-routes:remove': {
    request: targetConnectionSchema.extend({ name: z.string().min(1).max(255) }),
    response: z.object({
      name: z.string(),
      /** The name is gone from the list read afterwards (or our access went with it, see accessLost). */
      removed: z.boolean(),
      /** The removed route was ours: the target closed our connection and no longer answers us. */
      accessLost: z.boolean(),
      /** The list read afterwards; null when it could not be read (our access is gone). */
      after: targetRouteListSchema.nullable(),
    }),
  },
  /** ReadState + ReadDeviceInfo to the system service: proves a route works now. */
  'target-routes:verify': {
    request: targetConnectionSchema,
    response: z.object({ adsState: z.number().int(), adsStateName: z.string(), deviceName: z.string(), version: z.string() }),
  },
} as const;
