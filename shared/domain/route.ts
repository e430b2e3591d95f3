import { z } from 'zod';

/** How the route is secured: self-signed certificate + fingerprint, pre-shared key, shared CA, or plain ADS. */
export const routeSecuritySchema = z.enum(['ssc', 'psk', 'ca', 'none']);
export type RouteSecurity = z.infer<typeof routeSecuritySchema>;

/** The Secure ADS methods by the names XAE's Add Route dialog gives them. */
export const SECURE_METHOD_NAMES: Readonly<Record<Exclude<RouteSecurity, 'none'>, string>> = {
  ssc: 'Self-Signed Certificate',
  psk: 'Pre-Shared Key (PSK)',
  ca: 'Shared CA',
};

/** Static survives a restart, temporary lives until the router restarts, none creates no entry on that side. */
export const routePersistenceSchema = z.enum(['static', 'temporary', 'none']);
export type RoutePersistence = z.infer<typeof routePersistenceSchema>;

const netIdText = z.string().regex(/^(\d{1,3})(\.\d{1,3}){5}$/, 'AMS NetId must be six numbers like 5.36.69.176.1.1');

/** The lower half of the XAE dialog, for one target. */
export const routeSettingsSchema = z.object({
  /** Name of the entry on this PC ("Route Name (Target)"). */
  routeName: z.string().min(1).max(63),
  netId: netIdText,
  /** AmsNAT alias; null when not used. */
  virtualNetId: netIdText.nullable().default(null),
  transport: z.literal('TCP_IP').default('TCP_IP'),
  /** The target's address as typed or discovered; addressKind decides what is stored. */
  address: z.string().min(1).max(253),
  addressKind: z.enum(['ip', 'hostname']).default('ip'),
  connectionTimeoutMs: z.number().int().min(500).max(600_000).default(5000),
  targetRoute: routePersistenceSchema.default('static'),
  remoteRoute: routePersistenceSchema.default('static'),
  /** Name of this PC's entry on the target ("Remote Route Name"). */
  remoteRouteName: z.string().min(1).max(63),
  unidirectional: z.boolean().default(false),
  security: routeSecuritySchema,
  /**
   * Secure ADS towards an old target: also accept 1024-bit RSA server keys and DH groups other than RFC 7919 /
   * RFC 3526 (from 1024 bits). Off by default; weaker against an attacker with time and computing power.
   */
  legacyCrypto: z.boolean().default(false),
});
export type RouteSettings = z.output<typeof routeSettingsSchema>;
export type RouteSettingsInput = z.input<typeof routeSettingsSchema>;

/**
 * Secrets for one route add. They travel renderer → service only, are never echoed in a response or event, and never
 * logged.
 */
export const routeCredentialsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('os'), user: z.string().min(1).max(104), password: z.string().max(255) }),
  z.object({
    kind: z.literal('psk'),
    identity: z.string().min(1).max(128),
    /** Either a password (key = SHA-256(upper(identity) + password)) or the 64-hex key itself. */
    password: z.string().max(255).optional(),
    keyHex: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'A PSK key is 64 hex digits')
      .optional(),
  }),
  z.object({
    kind: z.literal('ca'),
    caPath: z.string().min(1),
    certPath: z.string().min(1),
    keyPath: z.string().min(1),
    keyPassword: z.string().max(255).optional(),
    ignoreCn: z.boolean().default(false),
  }),
]);
export type RouteCredentials = z.infer<typeof routeCredentialsSchema>;

/** The steps shown in the stepper, in order; a mode skips the ones that do not apply. */
export const routeStepSchema = z.enum(['resolve', 'connect', 'tls', 'fingerprint', 'credentials', 'remote-route', 'local-route', 'verify']);
export type RouteStep = z.infer<typeof routeStepSchema>;

export const routeErrorCodeSchema = z.enum([
  'fingerprint-mismatch',
  'fingerprint-unverified',
  'auth-failed',
  'psk-unknown',
  'cn-mismatch',
  'cert-untrusted',
  'cert-expired',
  'tls-failed',
  'unreachable',
  'refused',
  'timeout',
  'resolve-failed',
  'verify-failed',
  'invalid-input',
  'cancelled',
  'internal',
]);
export type RouteErrorCode = z.infer<typeof routeErrorCodeSchema>;

export const routeErrorSchema = z.object({
  code: routeErrorCodeSchema,
  /** What went wrong, e.g. "TCP 8016 refused". */
  message: z.string(),
  /** What to do about it, e.g. "Secure ADS is disabled or blocked by a firewall on the target". */
  fix: z.string().nullable(),
});
export type RouteError = z.infer<typeof routeErrorSchema>;

/** A route as this PC records it: the shape StaticRoutes.xml needs (name, address, NetId, type, flags, Tls, Unidirectional). */
export const localRouteSchema = z.object({
  name: z.string(),
  address: z.string(),
  netId: z.string(),
  virtualNetId: z.string().nullable(),
  type: z.literal('TCP_IP'),
  /** Copied from what TwinCAT writes where known; never invented (what Flags mean is not public). */
  flags: z.number().int().nullable(),
  temporary: z.boolean(),
  unidirectional: z.boolean(),
  tls: z
    .object({
      mode: z.enum(['ssc', 'psk', 'ca']),
      fingerprint: z.string().nullable(),
      pskIdentity: z.string().nullable(),
      ignoreCn: z.boolean(),
      /**
       * Shared CA: the files StaticRoutes.xml's <Tls><Ca/><Cert/><Key/> will name. Paths only: the key password and
       * the PSK key are secrets, never kept here (this list travels in IPC events); the XML writer asks for them.
       */
      caFile: z.string().nullable().default(null),
      certFile: z.string().nullable().default(null),
      keyFile: z.string().nullable().default(null),
    })
    .nullable(),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
});
export type LocalRoute = z.infer<typeof localRouteSchema>;
