import { createSocket, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIpv4 } from '../../../shared/domain/ipv4';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { silentLogger, type Logger } from '../log/logger';
import { listAdapters } from '../network/adapters';
import { planSearch, type DiscoveryRequest } from './request';
import { RECEIVE_BUFFER_BYTES } from './discovery-sockets';
import { DiscoverySearch, MAX_BROADCAST_RESULTS } from './search';

export interface DiscoveryServiceOptions {
  /** The adapters a request may name; defaults to this PC's IPv4 adapters, loopback included. */
  listAdapters?: () => NetworkAdapter[];
  /** IPv4 addresses of a host name; defaults to the OS resolver (hosts file, DNS, mDNS where configured). */
  lookup?: (host: string) => Promise<string[]>;
  createSocket?: () => Socket;
  logger?: Logger;
  /** Systems a broadcast may add to one search (default MAX_BROADCAST_RESULTS). */
  maxBroadcastResults?: number;
}

/** Finds TwinCAT systems over UDP 48899: per-adapter broadcast, unicast hosts, range sweeps. */
export class DiscoveryService {
  private readonly adapters: () => NetworkAdapter[];
  private readonly lookup: (host: string) => Promise<string[]>;
  private readonly socketFactory: () => Socket;
  private readonly logger: Logger;
  private readonly maxBroadcastResults: number;

  constructor(options: DiscoveryServiceOptions = {}) {
    this.adapters = options.listAdapters ?? (() => listAdapters({ includeLoopback: true }));
    this.lookup = options.lookup ?? resolveIpv4;
    this.socketFactory = options.createSocket ?? (() => createSocket({ type: 'udp4', recvBufferSize: RECEIVE_BUFFER_BYTES }));
    this.logger = options.logger ?? silentLogger;
    this.maxBroadcastResults = options.maxBroadcastResults ?? MAX_BROADCAST_RESULTS;
  }

  /**
   * Starts a search and returns it at once; throws a TypedError ('invalid-range', 'invalid-host', 'unknown-adapter',
   * 'invalid-request') before sending anything when the request is wrong.
   */
  search(request: DiscoveryRequest, signal?: AbortSignal): DiscoverySearch {
    const plan = planSearch(request, this.adapters());
    return new DiscoverySearch(
      plan,
      { createSocket: this.socketFactory, lookup: this.lookup, logger: this.logger, maxBroadcastResults: this.maxBroadcastResults },
      signal,
    );
  }
}

async function resolveIpv4(host: string): Promise<string[]> {
  if (isIpv4(host)) return [host];
  const found = await lookup(host, { family: 4, all: true });
  return [...new Set(found.map((entry) => entry.address))];
}
