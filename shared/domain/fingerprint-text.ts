import { z } from 'zod';

/** A SHA-256 certificate fingerprint as the services pass it around: 64 lower-case hex digits, no separators. */
export const fingerprintText = z.string().regex(/^[0-9a-f]{64}$/);
