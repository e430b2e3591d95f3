import { z } from 'zod';

const netId = z.string().regex(/^(\d{1,3})(\.\d{1,3}){5}$/);

/**
 * How to reach a target's system service: over the route this PC already has to it, plain ADS or Secure ADS with the
 * same credentials as Add Route. Secrets here travel in requests only, never in responses or events.
 */
export const targetConnectionSchema = z
  .object({
    /** Shown in results and confirmations. */
    name: z.string().min(1).max(80),
    address: z.string().min(1).max(253),
    netId,
    mode: z.enum(['none', 'ssc', 'psk', 'ca']),
    /** SSC: the pinned fingerprint of the target (from the route record). */
    fingerprint: z.string().nullable().default(null),
    psk: z
      .object({ identity: z.string().min(1).max(128), password: z.string().optional(), keyHex: z.string().optional() })
      .strict()
      .nullable()
      .default(null),
    ca: z
      .object({ caPath: z.string(), certPath: z.string(), keyPath: z.string(), keyPassword: z.string().optional(), ignoreCn: z.boolean() })
      .strict()
      .nullable()
      .default(null),
    ports: z.object({ ads: z.number().int().optional(), tls: z.number().int().optional() }).strict().optional(),
  })
  .strict();
export type TargetConnection = z.output<typeof targetConnectionSchema>;

export const serverPlaceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }).strict(),
  z.object({ kind: z.literal('target'), target: targetConnectionSchema }).strict(),
]);
export type ServerPlace = z.output<typeof serverPlaceSchema>;

export const staticRouteEntrySchema = z.object({
  name: z.string(),
  address: z.string(),
  netId: z.string(),
  type: z.string(),
  flags: z.string().nullable(),
  unidirectional: z.boolean(),
  secure: z.boolean(),
  subRoutes: z.number(),
});

export const serverModelSchema = z.object({
  secureOnly: z.boolean(),
  psk: z.array(z.object({ identity: z.string() })),
  tls: z
    .object({
      ca: z.string().nullable(),
      cert: z.string().nullable(),
      key: z.string().nullable(),
      ignoreCn: z.boolean(),
      keyPassword: z.boolean(),
    })
    .nullable(),
  routes: z.array(staticRouteEntrySchema),
});
export type ServerModel = z.output<typeof serverModelSchema>;

export const listenerSwitchSchema = z.object({
  name: z.enum(['DisableAdsTcpListening', 'DisableAdsTlsListening', 'DisableAdsDiscovery']),
  value: z.number().nullable(),
});

/** One change, applied to one or many systems. Secrets (PSK, key password) are in the request only. */
export const serverChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add-psk'), identity: z.string().min(1).max(128), secret: z.string().min(1).max(256) }).strict(),
  z.object({ kind: z.literal('remove-psk'), identity: z.string().min(1).max(128) }).strict(),
  z.object({ kind: z.literal('set-secure-only'), on: z.boolean() }).strict(),
  z
    .object({
      kind: z.literal('set-tls'),
      ca: z.string().min(1),
      cert: z.string().min(1),
      key: z.string().min(1),
      keyPassword: z.string().optional(),
      ignoreCn: z.boolean(),
    })
    .strict(),
  z.object({ kind: z.literal('clear-tls') }).strict(),
]);
export type ServerChange = z.output<typeof serverChangeSchema>;

export const serverErrorSchema = z.object({ code: z.string(), message: z.string(), diff: z.array(z.string()).nullable() });

const readResultSchema = z.object({
  place: z.string(),
  ok: z.boolean(),
  /** Local: the folder StaticRoutes.xml is in; remote: the target's TwinCAT folder (folder kind 5). */
  folder: z.string().nullable(),
  /** Local only, when there is no TwinCAT on this PC: the folders that were tried. */
  tried: z.array(z.string()),
  exists: z.boolean(),
  revision: z.string().nullable(),
  model: serverModelSchema.nullable(),
  /** Local Windows only: the DisableAds* registry switches (read-only). */
  switches: z.array(listenerSwitchSchema).nullable(),
  /** Remote only: ADS state of the target (5 Run, 15 Config), when it could be read. */
  adsState: z.number().nullable(),
  error: serverErrorSchema.nullable(),
});
export type ServerReadResult = z.output<typeof readResultSchema>;

const applyResultSchema = z.object({
  place: z.string(),
  ok: z.boolean(),
  changed: z.boolean(),
  backup: z.string().nullable(),
  revision: z.string().nullable(),
  model: serverModelSchema.nullable(),
  error: serverErrorSchema.nullable(),
});
export type ServerApplyResult = z.output<typeof applyResultSchema>;

const stateResultSchema = z.object({
  place: z.string(),
  ok: z.boolean(),
  adsState: z.number().nullable(),
  error: serverErrorSchema.nullable(),
});

export const serverConfigRequests = {
  /** Reads StaticRoutes.xml of this PC or of targets (names only: secrets never leave the service). */
  'server-config:read': {
    request: z.object({ places: z.array(serverPlaceSchema).min(1).max(256) }).strict(),
    response: z.array(readResultSchema),
  },
  /**
   * Applies one change to every place, each with the safe write; `revisions` (per place, in order) are what the user
   * saw: a file changed since is refused with the diff.
   */
  'server-config:apply': {
    request: z
      .object({
        places: z.array(serverPlaceSchema).min(1).max(256),
        change: serverChangeSchema,
        revisions: z.array(z.string().nullable()).optional(),
      })
      .strict(),
    response: z.array(applyResultSchema),
  },
  /** A new PSK secret: 32 random bytes as text, and the key TwinCAT derives from it (hex). Shown once. */
  'server-config:generate-psk': {
    request: z.object({ identity: z.string().min(1).max(128) }).strict(),
    response: z.object({ secret: z.string(), keyHex: z.string() }),
  },
  /** ReadState of targets' system service: what the restart confirmation names. */
  'server-config:state': {
    request: z.object({ targets: z.array(targetConnectionSchema).min(1).max(256) }).strict(),
    response: z.array(stateResultSchema),
  },
  /** Restarts TwinCAT into Config (router re-reads StaticRoutes.xml) or Run, after the user confirmed. */
  'server-config:restart': {
    request: z
      .object({ targets: z.array(targetConnectionSchema).min(1).max(256), mode: z.enum(['config', 'run']), confirmed: z.literal(true) })
      .strict(),
    response: z.array(stateResultSchema),
  },
  /** Proves a change: a PSK handshake with the identity succeeds, or plain ADS is refused (SecureOnly). */
  'server-config:verify': {
    request: z
      .object({
        targets: z.array(targetConnectionSchema).min(1).max(256),
        check: z.discriminatedUnion('kind', [
          z.object({ kind: z.literal('psk'), identity: z.string().min(1), secret: z.string().min(1) }).strict(),
          z.object({ kind: z.literal('secure-only') }).strict(),
        ]),
      })
      .strict(),
    response: z.array(z.object({ place: z.string(), ok: z.boolean(), detail: z.string() })),
  },
  /** Copies a certificate file from this PC into the target's TwinCAT folder (e.g. CACerts/rootCA.pem). */
  'server-config:upload': {
    request: z
      .object({
        targets: z.array(targetConnectionSchema).min(1).max(256),
        localPath: z.string().min(1),
        remotePath: z.string().min(1).max(200),
      })
      .strict(),
    response: z.array(z.object({ place: z.string(), ok: z.boolean(), remotePath: z.string(), error: serverErrorSchema.nullable() })),
  },
  /** The TwinCAT target folder of this PC chosen in Settings (null: find it automatically). */
  'server-config:set-local-folder': {
    request: z.object({ folder: z.string().min(1).nullable() }).strict(),
    response: z.object({ folder: z.string().nullable() }),
  },
} as const;
