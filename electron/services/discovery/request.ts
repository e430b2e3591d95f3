import { TypedError } from '../../../shared/typed-error';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { parseHostEntries, type HostRefusal } from '../../../shared/discovery/search-entry';
import { UDP_SERVICE_PORT } from '../../../shared/protocol/udp48899';
import { parseAddressRanges, type AddressRange } from './address-range';

export interface DiscoveryRequest {
  /** Adapter names ("eth0") or their IPv4 addresses; each gets a broadcast. Absent or empty: no broadcast. */
  adapters?: string[];
  /** Host names or IPv4 addresses asked by unicast. */
  hosts?: string[];
  /** CIDR ("192.168.1.0/24") or spans ("10.0.0.1-10.0.0.50"), at most 65,536 addresses in all. */
  ranges?: string[];
  /** Whole search. Default: 3000 ms, stretched for a range sweep to what the sweep needs. */
  timeoutMs?: number;
  /** How long one unicast address gets to answer (retries included). */
  perHostTimeoutMs?: number;
  /** Extra requests per destination inside its time window, against a lost datagram. */
  retries?: number;
  /** Unicast addresses asked at the same time. */
  concurrency?: number;
  /** Target port; only tests and labs change it. */
  udpPort?: number;
}

export const DISCOVERY_DEFAULTS = {
  timeoutMs: 3000,
  perHostTimeoutMs: 700,
  retries: 1,
  concurrency: 256,
  udpPort: UDP_SERVICE_PORT,
} as const;

/** A validated request: what the engine runs. */
export interface SearchPlan {
  adapters: NetworkAdapter[];
  hosts: string[];
  ranges: AddressRange[];
  rangeAddressCount: number;
  /** How long a broadcast listens. */
  listenMs: number;
  /** Hard end of the whole search. */
  deadlineMs: number;
  perHostTimeoutMs: number;
  retries: number;
  concurrency: number;
  udpPort: number;
}

function invalidRequest(message: string): TypedError {
  return new TypedError('invalid-request', message);
}

function integer(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw invalidRequest(`${name} must be a whole number from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

/** Validates everything up front, so a bad entry is a typed error before any datagram leaves. */
export function planSearch(request: DiscoveryRequest, available: readonly NetworkAdapter[]): SearchPlan {
  const perHostTimeoutMs = integer('perHostTimeoutMs', request.perHostTimeoutMs, DISCOVERY_DEFAULTS.perHostTimeoutMs, 10, 60_000);
  const retries = integer('retries', request.retries, DISCOVERY_DEFAULTS.retries, 0, 10);
  const concurrency = integer('concurrency', request.concurrency, DISCOVERY_DEFAULTS.concurrency, 1, 4096);
  const udpPort = integer('udpPort', request.udpPort, DISCOVERY_DEFAULTS.udpPort, 1, 65_535);
  const timeout = integer('timeoutMs', request.timeoutMs, DISCOVERY_DEFAULTS.timeoutMs, 10, 3_600_000);

  const adapters = resolveAdapters(request.adapters ?? [], available);
  const hosts = checkHosts(request.hosts ?? []);
  const { ranges, total } = parseAddressRanges(request.ranges ?? []);

  // Without an explicit timeout a sweep gets the time it needs: rounds of `concurrency` addresses, one window each.
  const sweepMs = Math.ceil(total / concurrency) * perHostTimeoutMs;
  const deadlineMs = request.timeoutMs !== undefined ? timeout : Math.max(timeout, sweepMs + 1000);
  return {
    adapters,
    hosts,
    ranges,
    rangeAddressCount: total,
    listenMs: Math.min(timeout, deadlineMs),
    deadlineMs,
    perHostTimeoutMs: Math.min(perHostTimeoutMs, deadlineMs),
    retries,
    concurrency,
    udpPort,
  };
}

/** The service's wording of a refused host, for the CLI and the details of the page's error. */
function hostMessage(refusal: HostRefusal): string {
  const shown = refusal.entry.slice(0, 80);
  switch (refusal.reason) {
    case 'empty':
      return 'empty host: enter a host name or an IPv4 address';
    case 'port-or-ipv6':
      return `'${shown}' is not supported: TwinCAT discovery runs over IPv4 (no ports or IPv6)`;
    case 'bad-address':
      return `'${shown}' is not a valid IPv4 address`;
    case 'bad-host-name':
      return `'${shown}' is not a valid host name`;
  }
}

function checkHosts(inputs: readonly string[]): string[] {
  const parsed = parseHostEntries(inputs);
  if (!parsed.ok) throw new TypedError('invalid-host', hostMessage(parsed));
  return parsed.hosts;
}

function resolveAdapters(wanted: readonly string[], available: readonly NetworkAdapter[]): NetworkAdapter[] {
  const chosen = new Map<string, NetworkAdapter>();
  for (const entry of wanted) {
    const key = entry.trim();
    const matches = available.filter((a) => a.name === key || a.address === key);
    if (matches.length === 0) {
      const known = available.map((a) => `${a.name} (${a.address})`).join(', ') || 'none';
      throw new TypedError('unknown-adapter', `no network adapter '${entry.slice(0, 80)}' with an IPv4 address; available: ${known}`);
    }
    for (const adapter of matches) chosen.set(`${adapter.name}@${adapter.address}`, adapter);
  }
  return [...chosen.values()];
}
