import type { Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import type { DiscoveryVia } from '../../../shared/domain/target';
import { addressesOf } from './address-range';
import { errorText, safeSend } from './discovery-sockets';
import type { SearchPlan } from './request';

export interface ProbeHooks {
  hostError(host: string, message: string): void;
  /** A probe went out or a slot freed: time to report progress and to check whether the search is complete. */
  changed(): void;
}

/** One unicast destination; a host name that resolves to an address inside a range shares its probe. */
interface Probe {
  address: string;
  /** Host names or literals typed by the user that led here; empty for range addresses. */
  hosts: string[];
  attempts: number;
  firstSentAt: number;
  timer: NodeJS.Timeout | null;
  finished: boolean;
  /** The system that answered here first; one address is one system, so a second NetId from it is ignored. */
  netId: string | null;
}

export interface ProbeAnswer {
  via: DiscoveryVia;
  firstSentAt: number;
}

/**
 * The unicast half of a search: named hosts (resolved, then asked at once) and range addresses (at most `concurrency`
 * in flight), each retried inside its per-host window. Replies count only from an address that was asked.
 */
export class UnicastProbes {
  /** Destinations asked so far. */
  sent = 0;
  /** Destinations this half will ask, as far as known (host names may resolve to several addresses). */
  total: number;
  unresolvedHosts = 0;

  private readonly probes = new Map<string, Probe>();
  private readonly hostQueue: Probe[] = [];
  private readonly rangeAddresses: Iterator<string>;
  private rangeLeft: number;
  private inFlight = 0;
  private pendingLookups = 0;
  private readonly settledHosts = new Set<string>();
  private socket: Socket | null = null;
  private failure: string | null = null;
  private stopped = false;

  constructor(
    private readonly plan: SearchPlan,
    private readonly request: Uint8Array,
    private readonly lookup: (host: string) => Promise<string[]>,
    private readonly hooks: ProbeHooks,
  ) {
    this.rangeAddresses = addressesOf(plan.ranges);
    this.rangeLeft = plan.rangeAddressCount;
    this.total = plan.hosts.length + plan.rangeAddressCount;
  }

  get needed(): boolean {
    return this.plan.hosts.length > 0 || this.plan.rangeAddressCount > 0;
  }

  /** Range addresses never asked (the search ended first). */
  get unswept(): number {
    return this.rangeLeft;
  }

  /** Nothing in flight and nothing left to ask. */
  get idle(): boolean {
    const begun = !this.needed || this.socket !== null || this.failure !== null;
    return begun && this.inFlight === 0 && this.hostQueue.length === 0 && this.rangeLeft === 0 && this.pendingLookups === 0;
  }

  /** Starts asking through `socket`. */
  start(socket: Socket): void {
    this.socket = socket;
    for (const host of this.plan.hosts) void this.resolveHost(host);
    this.pump();
  }

  /** Without a socket, every named host fails with `reason` and the range is not swept. */
  fail(reason: string): void {
    this.failure = reason;
    this.rangeLeft = 0;
    for (const host of this.plan.hosts) this.hooks.hostError(host, reason);
  }

  /**
   * What a reply from `from` carrying `netId` answers, or null when it answers nothing: nobody asked that address,
   * or another system already answered there.
   */
  answerOf(from: string, netId: string): ProbeAnswer | null {
    const probe = this.probes.get(from);
    if (!probe || probe.attempts === 0) return null;
    if (probe.netId !== null && probe.netId !== netId) return null;
    probe.netId = netId;
    return { via: probe.hosts.length > 0 ? 'host' : 'range', firstSentAt: probe.firstSentAt };
  }

  /** An answer frees the probe's slot at once: the sweep runs as fast as the targets answer, not at timeout pace. */
  settle(from: string): void {
    const probe = this.probes.get(from);
    if (probe && !probe.finished) this.endProbe(probe, null);
  }

  /** Stops every timer; unless cancelled, reports the named hosts the deadline cut short. */
  stop(cancelled: boolean): void {
    this.stopped = true;
    for (const probe of this.probes.values()) if (probe.timer) clearTimeout(probe.timer);
    if (cancelled) return;
    for (const probe of this.probes.values()) {
      if (!probe.finished && probe.hosts.length > 0) {
        const reason =
          probe.attempts > 0
            ? `no answer from ${describe(probe)} on UDP ${this.plan.udpPort} before the search timeout`
            : `${describe(probe)} was not asked before the search timeout`;
        for (const host of probe.hosts) this.hooks.hostError(host, reason);
      }
    }
    for (const host of this.plan.hosts) {
      if (!this.settledHosts.has(host) && !this.failure) this.hooks.hostError(host, `cannot resolve '${host}' before the search timeout`);
    }
  }

  private async resolveHost(host: string): Promise<void> {
    this.pendingLookups++;
    let addresses: string[];
    try {
      addresses = await this.lookup(host);
    } catch {
      addresses = [];
    } finally {
      this.pendingLookups--;
      this.settledHosts.add(host);
    }
    if (this.stopped) return;
    if (addresses.length === 0) {
      this.unresolvedHosts++;
      this.total--;
      this.hooks.hostError(host, `cannot resolve '${host}'`);
      this.hooks.changed();
      return;
    }
    this.total += addresses.length - 1;
    for (const address of addresses) {
      const existing = this.probes.get(address);
      if (existing) {
        existing.hosts.push(host);
        this.total--;
        continue;
      }
      const probe = newProbe(address, [host]);
      this.probes.set(address, probe);
      this.hostQueue.push(probe);
    }
    this.pump();
  }

  /**
   * Keeps `concurrency` range probes in flight. Named hosts are few and typed by the user: they go out as soon as they
   * resolve, without waiting behind a sweep for a free slot (they still count as in flight for the range).
   */
  private pump(): void {
    const socket = this.socket;
    if (!socket || this.stopped) return;
    for (let probe = this.hostQueue.shift(); probe; probe = this.hostQueue.shift()) this.startProbe(socket, probe);
    while (this.inFlight < this.plan.concurrency) {
      const next = this.rangeLeft > 0 ? this.rangeAddresses.next() : { done: true as const, value: undefined };
      if (next.done) break;
      this.rangeLeft--;
      if (this.probes.has(next.value)) {
        this.total--;
        continue;
      }
      const probe = newProbe(next.value, []);
      this.probes.set(probe.address, probe);
      this.startProbe(socket, probe);
    }
    this.hooks.changed();
  }

  private startProbe(socket: Socket, probe: Probe): void {
    this.inFlight++;
    this.sent++;
    probe.firstSentAt = performance.now();
    const attempts = this.plan.retries + 1;
    const spacing = this.plan.perHostTimeoutMs / attempts;
    const tick = (): void => {
      probe.timer = null;
      if (probe.finished || this.stopped) return;
      if (probe.attempts >= attempts) {
        this.endProbe(probe, `no answer from ${describe(probe)} on UDP ${this.plan.udpPort} within ${this.plan.perHostTimeoutMs} ms`);
        return;
      }
      probe.attempts++;
      safeSend(socket, this.request, this.plan.udpPort, probe.address, (error) => {
        if (!probe.finished && !this.stopped) this.endProbe(probe, `cannot send to ${describe(probe)}: ${errorText(error)}`);
      });
      probe.timer = setTimeout(tick, spacing);
    };
    tick();
  }

  private endProbe(probe: Probe, failure: string | null): void {
    if (probe.finished) return;
    probe.finished = true;
    if (probe.timer) clearTimeout(probe.timer);
    probe.timer = null;
    this.inFlight--;
    if (failure) for (const host of probe.hosts) this.hooks.hostError(host, failure);
    this.pump();
  }
}

function newProbe(address: string, hosts: string[]): Probe {
  return { address, hosts, attempts: 0, firstSentAt: 0, timer: null, finished: false, netId: null };
}

function describe(probe: Probe): string {
  const name = probe.hosts.find((h) => h !== probe.address);
  return name ? `${name} (${probe.address})` : probe.address;
}
