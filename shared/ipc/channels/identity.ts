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
      /** Configured, else what a target reached over the first non-loopback adapter gets. */
      localNetId: z.string(),
      /**
       * True: every target gets `localNetId`. False: each target gets the address of the adapter that reaches it plus
       * ".1.1" (`adapterNetIds`). Optional so fixtures written before it still parse; the service always sends both.
       */
      localNetIdConfigured: z.boolean().optional(),
      adapterNetIds: z.array(z.object({ adapter: z.string(), address: z.string(), netId: z.string() })).optional(),
      hostname: z.string(),
    }),
  },
  'identity:set': {
    request: z
      .object({
        localNetId: z
          .string()
          .regex(/^(\d{1,3})(\.\d{1,3}){5}$/)
          .nullable()
          .optional(),
        hostname: z.string().min(1).max(31).optional(),
      })
      .strict(),
    response: z.object({ localNetId: z.string(), hostname: z.string() }),
  },
} as const;
