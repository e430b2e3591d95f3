import { z } from 'zod';
import { fingerprintText } from '../../domain/fingerprint-text';

export const certificateSummarySchema = z.object({
  fingerprint: fingerprintText,
  subject: z.string(),
  issuer: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  selfSigned: z.boolean(),
});

export const secureRequests = {
  /** Fetches the target's certificate live from a TLS handshake (no credentials sent) for the Compare field. */
  'secure:server-certificate': {
    request: z
      .object({ address: z.string().min(1), tlsPort: z.number().int().min(1).max(65535).optional(), legacyCrypto: z.boolean().optional() })
      .strict(),
    response: z.object({ certificate: certificateSummarySchema, cipherSuite: z.string(), handshakeMs: z.number() }),
  },
} as const;
