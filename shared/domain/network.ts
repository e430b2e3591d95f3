import { z } from 'zod';

export const networkAdapterSchema = z.object({
  /** OS interface name, e.g. "eth0" or "Ethernet 2". */
  name: z.string(),
  address: z.string(),
  netmask: z.string(),
  broadcast: z.string(),
  prefixLength: z.number().int().min(0).max(32),
  mac: z.string(),
  /** 169.254.0.0/16: the adapter got no DHCP lease, a frequent cause of empty searches. */
  linkLocal: z.boolean(),
  loopback: z.boolean(),
  up: z.boolean(),
});
export type NetworkAdapter = z.infer<typeof networkAdapterSchema>;

/** How this PC resolves one host name: its IPv4 address, or why it cannot. */
export const hostResolutionSchema = z.object({
  host: z.string(),
  address: z.string().nullable(),
  error: z.string().nullable(),
});
export type HostResolution = z.infer<typeof hostResolutionSchema>;
