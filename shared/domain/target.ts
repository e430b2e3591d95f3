import { z } from 'zod';

/** A TwinCAT system found by a Broadcast Search, a host search or a range sweep (UDP 48899 discovery reply). */

export const twinCatVersionSchema = z.object({
  major: z.number().int(),
  minor: z.number().int(),
  build: z.number().int(),
  /** "3.1.4024": the wire carries no revision. */
  text: z.string(),
});

export const targetOsSchema = z.object({
  platform: z.enum(['windows', 'windows-ce', 'tcbsd', 'tcrtos', 'linux', 'unknown']),
  major: z.number().int(),
  minor: z.number().int(),
  build: z.number().int(),
  csd: z.string(),
  /** Display text such as "Windows 10 22H2 (19045)" or "TwinCAT/BSD 14.0". */
  text: z.string(),
});

export const discoveryViaSchema = z.enum(['broadcast', 'host', 'range']);

export const discoveredTargetSchema = z.object({
  hostname: z.string(),
  /** From the reply header: the only reliable source of a target's NetId (it is not always its IP + ".1.1"). */
  netId: z.string(),
  /** Source IPv4 address of the reply. */
  address: z.string(),
  /** Adapter the reply came in on; null for unicast (host or range) searches, which follow the routing table. */
  adapter: z.string().nullable(),
  /** Every adapter the system answered on (two adapters in one subnet both hear it). */
  adapters: z.array(z.string()),
  twincat: twinCatVersionSchema.nullable(),
  os: targetOsSchema.nullable(),
  /** SHA-256 of the target's self-signed Secure ADS certificate, 64 lower-case hex; unauthenticated, for information. */
  fingerprint: z.string().nullable(),
  /** The reply carried a fingerprint, the only public hint that the system offers Secure ADS. */
  secureAds: z.boolean(),
  rttMs: z.number().nonnegative(),
  via: discoveryViaSchema,
});

export type DiscoveredTarget = z.infer<typeof discoveredTargetSchema>;
export type DiscoveryVia = z.infer<typeof discoveryViaSchema>;

/** Two replies describe the same system at the same address: merge them instead of listing it twice. */
export function targetKey(target: Pick<DiscoveredTarget, 'netId' | 'address'>): string {
  return `${target.netId}@${target.address}`;
}
