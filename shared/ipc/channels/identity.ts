import { z } from 'zod';
import { fingerprintText } from '../../domain/fingerprint-text';

export const identityRequests = {
  /** This PC's client identity (Secure ADS client certificate) and local NetId / host name. */
  'identity:get': {
    request: z.object({}).strict(),
    response: z.object({
      fingerprint: fingerprintText,
      subject: z.string(),
      notAfter: z.string(),
      localNetId: z.string(),
      hostname: z.string(),
    }),
  },
  'identity:set': {
    request: z
      .object({
        localNetId: z
          .string()
          .regex(/^(\d{1,3})(\.\d{1,3}){5}$/)
          .optional(),
        hostname: z.string().min(1).max(31).optional(),
      })
      .strict(),
    response: z.object({ localNetId: z.string(), hostname: z.string() }),
  },
} as const;
