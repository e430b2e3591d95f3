import { z } from 'zod';
import { knownFingerprintSchema } from '../../domain/known-fingerprint';

export const knownFingerprintsRequests = {
  /** Every remembered target fingerprint (from successful self-signed routes), one per NetId. */
  'known-fingerprints:list': {
    request: z.object({}).strict(),
    response: z.array(knownFingerprintSchema),
  },
  /** Forgets the fingerprint remembered for a NetId; the next route to it needs a fresh compare. */
  'known-fingerprints:forget': {
    request: z.object({ netId: z.string().min(1) }).strict(),
    response: z.object({ removed: z.boolean() }),
  },
} as const;

export const knownFingerprintsEvents = {
  /** The whole list after any change (remembered, replaced or forgotten). */
  'known-fingerprints:changed': z.object({ entries: z.array(knownFingerprintSchema) }),
} as const;
