import { z } from 'zod';

const empty = z.object({}).strict();
const fingerprintText = z.string().regex(/^[0-9a-f]{64}$/);
/** A path on the machine that runs the services (typed, or revealed by Electron's file picker). */
const pathText = z.string().trim().min(1).max(4096);
const password = z.string().min(1).max(255);
const subjectField = z.string().trim().max(64).optional();

export const CA_MIN_PASSWORD_LENGTH = 8;
export const CA_KEY_SIZES = [2048, 3072, 4096] as const;
export const CA_DEFAULT_DAYS = 3600;
export const DEVICE_DEFAULT_DAYS = 360;
export const WARN_DAYS = 30;
export const CRITICAL_DAYS = 7;

export const certificateDetailsSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  commonName: z.string().nullable(),
  notBefore: z.string(),
  notAfter: z.string(),
  fingerprint: fingerprintText,
  keyType: z.string(),
  keyBits: z.number().int().nullable(),
  signatureAlgorithm: z.string(),
  serialNumber: z.string(),
  selfSigned: z.boolean(),
  isCa: z.boolean(),
  subjectAltName: z.string().nullable(),
});
export type CertificateDetails = z.infer<typeof certificateDetailsSchema>;

/** Where a device's files are on the machine that runs the services: what Set CA files needs for that device. */
export const deviceFilesSchema = z.object({ ca: z.string(), cert: z.string(), key: z.string() });
export type DeviceFiles = z.infer<typeof deviceFilesSchema>;

export const issuedDeviceSchema = z.object({
  commonName: z.string(),
  fileName: z.string(),
  keyEncrypted: z.boolean(),
  ignoreCn: z.boolean(),
  installDir: z.string(),
  issuedAt: z.string(),
  folder: z.string(),
  /** The shared CA's certificate as copied into the device's folder, the device's certificate and its key. */
  files: deviceFilesSchema,
  certificate: certificateDetailsSchema,
});
export type IssuedDevice = z.infer<typeof issuedDeviceSchema>;

export const expiryLevelSchema = z.enum(['ok', 'warning', 'critical', 'expired', 'not-yet-valid', 'unreadable']);
export type ExpiryLevel = z.infer<typeof expiryLevelSchema>;

/** Whose certificate: this PC's client certificate, the plant CA, a device's, this PC's CA-issued one, or a file a route names. */
export const certificateRoleSchema = z.enum(['client', 'ca', 'device', 'this-pc', 'route-ca', 'route-cert']);
export type CertificateRole = z.infer<typeof certificateRoleSchema>;

export const expiryEntrySchema = z.object({
  role: certificateRoleSchema,
  name: z.string(),
  path: z.string(),
  subject: z.string().nullable(),
  notAfter: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  level: expiryLevelSchema,
  fingerprint: fingerprintText.nullable(),
  problem: z.string().nullable(),
});
export type ExpiryEntry = z.infer<typeof expiryEntrySchema>;

export const twincatSelfSignedSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('found'), path: z.string(), certificate: certificateDetailsSchema }),
  z.object({ status: z.literal('no-twincat'), searched: z.array(z.string()) }),
  z.object({ status: z.literal('unreadable'), path: z.string(), reason: z.string() }),
]);

const identitySchema = z.object({
  certificate: certificateDetailsSchema,
  certPath: z.string(),
  hostname: z.string(),
  twincat: twincatSelfSignedSchema,
});
export type IdentityDetails = z.infer<typeof identitySchema>;

export const overviewSchema = z.object({
  ca: z.object({ certificate: certificateDetailsSchema, path: z.string() }).nullable(),
  thisPc: issuedDeviceSchema.nullable(),
  devices: z.array(issuedDeviceSchema),
  expiry: z.array(expiryEntrySchema),
  attention: z.number().int(),
});
export type CertificatesOverview = z.infer<typeof overviewSchema>;

const chainVerdictSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.string(), message: z.string() }),
]);

export const certificatesRequests = {
  /** The plant CA, issued certificates and the expiry of every certificate the tool knows. */
  'certificates:overview': { request: empty, response: overviewSchema },
  /** This PC's client certificate in full, and this PC's own TwinCAT self-signed certificate when it can be read. */
  'certificates:identity': { request: empty, response: identitySchema },
  /** A new client certificate; targets that pinned the old fingerprint must be paired again, so it needs `confirm`. */
  'certificates:identity-regenerate': { request: z.object({ confirm: z.literal(true) }).strict(), response: identitySchema },
  /** Writes the client certificate into a folder; the private key only with includeKey AND keyConfirmed. */
  'certificates:identity-export': {
    request: z
      .object({ folder: pathText, includeKey: z.boolean().default(false), keyConfirmed: z.boolean().default(false) })
      .strict()
      .refine((r) => !r.includeKey || r.keyConfirmed, {
        message: 'exporting the private key needs a confirmation',
        path: ['keyConfirmed'],
      }),
    response: z.object({ files: z.array(z.string()) }),
  },
  'certificates:ca-create': {
    request: z
      .object({
        subject: z
          .object({
            C: subjectField,
            ST: subjectField,
            L: subjectField,
            O: subjectField,
            OU: subjectField,
            CN: z.string().trim().min(1).max(64),
          })
          .strict(),
        keyBits: z.union([z.literal(2048), z.literal(3072), z.literal(4096)]).default(2048),
        days: z.number().int().min(1).max(36_500).default(CA_DEFAULT_DAYS),
        password: z.string().min(CA_MIN_PASSWORD_LENGTH).max(255),
        replace: z.boolean().default(false),
      })
      .strict(),
    response: certificateDetailsSchema,
  },
  /** Takes over an existing CA (certificate + RSA key); the key is stored encrypted with `password`. */
  'certificates:ca-load': {
    request: z
      .object({
        certPath: pathText,
        keyPath: pathText,
        keyPassword: password.optional(),
        password: z.string().min(CA_MIN_PASSWORD_LENGTH).max(255),
        replace: z.boolean().default(false),
      })
      .strict(),
    response: certificateDetailsSchema,
  },
  /** One certificate per name (CN = the route name or address used to connect). */
  'certificates:issue': {
    request: z
      .object({
        caPassword: password,
        commonNames: z.array(z.string().trim().min(1).max(64)).min(1).max(256),
        days: z.number().int().min(1).max(36_500).default(DEVICE_DEFAULT_DAYS),
        keyPassword: password.optional(),
        ignoreCn: z.boolean().default(false),
        installDir: z.string().trim().max(1024).optional(),
      })
      .strict(),
    response: z.object({ issued: z.array(issuedDeviceSchema) }),
  },
  /** This PC's client certificate from the plant CA (CN = this PC's host name), for shared-CA routes. */
  'certificates:issue-this-pc': {
    request: z
      .object({
        caPassword: password,
        days: z.number().int().min(1).max(36_500).default(DEVICE_DEFAULT_DAYS),
        keyPassword: password.optional(),
      })
      .strict(),
    response: issuedDeviceSchema,
  },
  /** Copies each named device's folder (rootCA.pem, <name>.crt, <name>.key, fragment) into `folder`. */
  'certificates:export': {
    request: z.object({ names: z.array(z.string().min(1)).min(1).max(256), folder: pathText }).strict(),
    response: z.object({ exported: z.array(z.object({ name: z.string(), folder: z.string(), files: z.array(z.string()) })) }),
  },
  /** Any PEM or DER certificate file; with caPath, whether it chains to that CA. */
  'certificates:inspect': {
    request: z.object({ path: pathText, caPath: pathText.optional() }).strict(),
    response: z.object({ certificates: z.array(certificateDetailsSchema).min(1), chainsToCa: chainVerdictSchema.nullable() }),
  },
} as const;

export const certificatesEvents = {
  /** Something the overview shows changed (a CA, an issued certificate, the client certificate). */
  'certificates:changed': z.object({ attention: z.number().int() }),
} as const;
