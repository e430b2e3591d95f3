import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { HostResolution } from '../../../shared/domain/network';

/** getaddrinfo can wait for several DNS servers in turn; the dialog wants an answer while the user is still there. */
export const RESOLVE_TIMEOUT_MS = 3000;

export type LookupIPv4 = (host: string) => Promise<string>;

/**
 * getaddrinfo holds one of libuv's few pool threads until the resolver answers, and a timeout here cannot cancel it:
 * while a host's lookup is still out, asking for it again shares that lookup instead of taking another thread.
 */
const inFlight = new Map<string, Promise<string>>();

/** The OS resolver's IPv4 address for `host`; what a route by host name and the dialog's check both use. */
export const lookupIPv4: LookupIPv4 = (host) => {
  let pending = inFlight.get(host);
  if (!pending) {
    pending = lookup(host, { family: 4 })
      .then((result) => result.address)
      .finally(() => inFlight.delete(host));
    inFlight.set(host, pending);
  }
  return pending;
};

/** Resolves each host the way a route by host name will (IPv4, the OS resolver: DNS, hosts file, mDNS where set up). */
export async function resolveHosts(
  hosts: readonly string[],
  resolver: LookupIPv4 = lookupIPv4,
  timeoutMs = RESOLVE_TIMEOUT_MS,
): Promise<HostResolution[]> {
  return Promise.all([...new Set(hosts)].map((host) => resolveOne(host, resolver, timeoutMs)));
}

async function resolveOne(host: string, resolver: LookupIPv4, timeoutMs: number): Promise<HostResolution> {
  if (isIP(host) === 4) return { host, address: host, error: null };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
  });
  try {
    return { host, address: await Promise.race([resolver(host), timeout]), error: null };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      (error as Error).message === 'timeout'
        ? `no answer from the name resolver within ${timeoutMs / 1000} s`
        : code === 'ENOTFOUND' || code === 'EAI_NONAME' || code === 'ENODATA'
          ? 'not found by DNS or the hosts file'
          : `the name resolver failed (${typeof code === 'string' ? code : 'unknown error'})`;
    return { host, address: null, error: reason };
  } finally {
    clearTimeout(timer);
  }
}
