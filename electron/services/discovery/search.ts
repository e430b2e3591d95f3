import { EventEmitter } from 'node:events';
import type { Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { targetKey, type DiscoveredTarget, type DiscoveryVia } from '../../../shared/domain/target';
import { encodeDiscoveryRequest } from '../../../shared/protocol/udp48899';
import type { Logger } from '../log/logger';
import { addressesOf } from './address-range';
import { emptySearchHint, sweepCutHint } from './hints';
import { readDiscoveryReply, type ReplyFacts } from './reply';
import type { SearchPlan } from './request';

export interface HostError {
  host: string;
  message: string;
}

export interface DiscoveryProgress {
  /** Destinations asked so far (adapter broadcasts and unicast addresses). */
  sent: number;
  total: number;
  /** Systems found so far. */
  answered: number;
}

export interface DiscoveryDone {
  found: number;
  durationMs: number;
  cancelled: boolean;
  /** Likely cause when nothing was found, or when the timeout cut a sweep short. */
  hint?: string;
  /** Datagrams that were not discovery replies (other tools' requests, garbage). */
  ignored: number;
}

/** When the datagram reached our socket handler, so callers (the benchmark) can measure what the service adds. */
export interface ReplyTiming {
  receivedAt: number;
}

export type DiscoveryEvent =
  | { type: 'result'; target: DiscoveredTarget }
  | { type: 'update'; target: DiscoveredTarget }
  | { type: 'host-error'; host: string; message: string }
  | { type: 'progress'; sent: number; total: number; answered: number }
  | { type: 'done'; found: number; durationMs: number; cancelled: boolean; hint?: string; ignored: number };

export interface DiscoverySearchEvents {
  result: [target: DiscoveredTarget, timing: ReplyTiming];
  update: [target: DiscoveredTarget, timing: ReplyTiming];
  'host-error': [error: HostError];
  progress: [progress: DiscoveryProgress];
  done: [summary: DiscoveryDone];
}

export interface SearchIo {
  createSocket: () => Socket;
  lookup: (host: string) => Promise<string[]>;
  logger: Logger;
}

/** Where a socket's replies come from: one adapter's broadcast, or unicast (adapter null). */
interface SocketOrigin {
  adapter: string | null;
  sentAt: number;
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
}

const PROGRESS_INTERVAL_MS = 100;
// The kernel caps this at net.core.rmem_max; it is a wish for bursts of a few hundred replies at once.
export const RECEIVE_BUFFER_BYTES = 1 << 20;

/**
 * A running search. Emits `result` the moment a reply is decoded, `update` when a known system answers on one more
 * adapter, `host-error` per unicast host that failed, throttled `progress`, and `done` once every socket is closed.
 * Also async-iterable (events from the moment iteration starts; start it in the same tick as `search()`).
 */
export class DiscoverySearch extends EventEmitter<DiscoverySearchEvents> {
  /** Resolves with the summary after every socket is closed; never rejects. */
  readonly done: Promise<DiscoveryDone>;

  private resolveDone!: (summary: DiscoveryDone) => void;
  private summary: DiscoveryDone | null = null;
  private finishing = false;
  private readonly startedAt = performance.now();
  private readonly sockets: Socket[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly targets = new Map<string, DiscoveredTarget>();
  private readonly probes = new Map<string, Probe>();
  private readonly hostQueue: Probe[] = [];
  private readonly rangeAddresses: Iterator<string>;
  private rangeLeft: number;
  private inFlight = 0;
  private pendingLookups = 0;
  private unresolvedHosts = 0;
  private readonly settledHosts = new Set<string>();
  private sent = 0;
  private total: number;
  private ignored = 0;
  private listenOver: boolean;
  private unicastSocket: Socket | null = null;
  private unicastFailure: string | null = null;
  private lastProgressAt = -Infinity;
  private progressTimer: NodeJS.Timeout | null = null;
  /** Unicast request: no adapter to take a NetId from, so the all-zero one AdsTool and nmap send. */
  private readonly request: Uint8Array;

  constructor(
    private readonly plan: SearchPlan,
    private readonly io: SearchIo,
    signal?: AbortSignal,
  ) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.rangeAddresses = addressesOf(plan.ranges);
    this.rangeLeft = plan.rangeAddressCount;
    this.total = plan.adapters.length + plan.hosts.length + plan.rangeAddressCount;
    this.listenOver = plan.adapters.length === 0;
    this.request = encodeDiscoveryRequest({ netId: '0.0.0.0.1.1' });
    if (signal?.aborted) {
      queueMicrotask(() => this.cancel());
    } else {
      signal?.addEventListener('abort', () => this.cancel(), { once: true });
      // Starting on the next turn lets the caller attach listeners first.
      queueMicrotask(() => void this.run());
    }
  }

  /** Stops sending, closes every socket, and emits `done` with cancelled: true. Safe to call repeatedly. */
  cancel(): void {
    void this.finish(true);
  }

  /** Systems found so far, in arrival order. */
  results(): DiscoveredTarget[] {
    return [...this.targets.values()].map(cloneTarget);
  }

  [Symbol.asyncIterator](): AsyncIterator<DiscoveryEvent> {
    const queue: DiscoveryEvent[] = [];
    let wake: (() => void) | null = null;
    let ended = false;
    const push = (event: DiscoveryEvent): void => {
      queue.push(event);
      wake?.();
    };
    const onResult = (target: DiscoveredTarget): void => push({ type: 'result', target });
    const onUpdate = (target: DiscoveredTarget): void => push({ type: 'update', target });
    const onHostError = (error: HostError): void => push({ type: 'host-error', ...error });
    const onProgress = (progress: DiscoveryProgress): void => push({ type: 'progress', ...progress });
    const onDone = (summary: DiscoveryDone): void => {
      ended = true;
      push({ type: 'done', ...summary });
    };
    const detach = (): void => {
      this.off('result', onResult).off('update', onUpdate).off('host-error', onHostError).off('progress', onProgress).off('done', onDone);
    };
    if (this.summary) onDone(this.summary);
    else this.on('result', onResult).on('update', onUpdate).on('host-error', onHostError).on('progress', onProgress).on('done', onDone);
    return {
      next: async () => {
        while (queue.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const event = queue.shift();
        if (event) return { value: event, done: false };
        detach();
        return { value: undefined, done: true };
      },
      return: async () => {
        detach();
        ended = true;
        queue.length = 0;
        return { value: undefined, done: true };
      },
    };
  }

  // ------------------------------------------------------------------ engine

  private async run(): Promise<void> {
    if (this.finishing) return;
    this.schedule(() => void this.finish(false), this.plan.deadlineMs);
    if (!this.listenOver) {
      this.schedule(() => {
        this.listenOver = true;
        this.checkComplete();
      }, this.plan.listenMs);
    }
    const needUnicast = this.plan.hosts.length > 0 || this.plan.rangeAddressCount > 0;
    await Promise.all([
      ...this.plan.adapters.map((adapter) => this.startBroadcast(adapter)),
      needUnicast ? this.openUnicast() : Promise.resolve(),
    ]);
    if (this.finishing) return;
    if (this.unicastFailure) for (const host of this.plan.hosts) this.hostError(host, this.unicastFailure);
    else for (const host of this.plan.hosts) void this.resolveHost(host);
    this.pump();
    this.checkComplete();
  }

  private async openSocket(address: string | undefined, origin: SocketOrigin): Promise<Socket> {
    const socket = this.io.createSocket();
    this.sockets.push(socket);
    socket.on('message', (datagram, remote) => this.onDatagram(datagram, remote.address, origin));
    // A socket error after binding (e.g. ICMP-reported unreachable on some platforms) must not crash the process.
    socket.on('error', (error) => this.io.logger.debug(`discovery socket ${address ?? '0.0.0.0'}: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      socket.once('error', onError);
      // Port 0: the kernel picks an ephemeral port. Never 48899, which a local TwinCAT router owns.
      socket.bind({ address, port: 0 }, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    // Cancelled while binding: the socket is already closed and takes no options.
    if (this.finishing) return socket;
    socket.setBroadcast(true);
    try {
      socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
    } catch {
      // Keep the kernel default (≥ 64 KiB on every supported OS).
    }
    return socket;
  }

  private async startBroadcast(adapter: NetworkAdapter): Promise<void> {
    const origin: SocketOrigin = { adapter: adapter.name, sentAt: 0 };
    let socket: Socket;
    try {
      socket = await this.openSocket(adapter.address, origin);
    } catch (error) {
      if (!this.finishing) this.hostError(adapter.name, `cannot use adapter ${adapter.name} (${adapter.address}): ${errorText(error)}`);
      return;
    }
    if (this.finishing) return;
    origin.sentAt = performance.now();
    this.sent++;
    // TwinCAT's own router sends its NetId here; "<adapter IP>.1.1" is what a system without TwinCAT would get.
    const request = encodeDiscoveryRequest({ netId: `${adapter.address}.1.1` });
    const send = (): void => {
      if (this.finishing) return;
      safeSend(socket, request, this.plan.udpPort, adapter.broadcast, (error) => {
        if (!this.finishing) this.hostError(adapter.name, `cannot broadcast on ${adapter.name} to ${adapter.broadcast}: ${errorText(error)}`);
      });
    };
    send();
    // Resends spread over the first half of the window: a lost broadcast is common on busy or wireless links.
    for (let i = 1; i <= this.plan.retries; i++) this.schedule(send, (this.plan.listenMs / 2) * (i / this.plan.retries));
    this.emitProgress();
  }

  private async openUnicast(): Promise<void> {
    try {
      this.unicastSocket = await this.openSocket(undefined, { adapter: null, sentAt: 0 });
    } catch (error) {
      this.unicastFailure = `cannot open a UDP socket: ${errorText(error)}`;
      this.rangeLeft = 0;
    }
  }

  private async resolveHost(host: string): Promise<void> {
    this.pendingLookups++;
    let addresses: string[];
    try {
      addresses = await this.io.lookup(host);
    } catch {
      addresses = [];
    } finally {
      this.pendingLookups--;
      this.settledHosts.add(host);
    }
    if (this.finishing) return;
    if (addresses.length === 0) {
      this.unresolvedHosts++;
      this.total--;
      this.hostError(host, `cannot resolve '${host}'`);
      this.checkComplete();
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
    const socket = this.unicastSocket;
    if (!socket || this.finishing) return;
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
    this.emitProgress();
  }

  private startProbe(socket: Socket, probe: Probe): void {
    this.inFlight++;
    this.sent++;
    probe.firstSentAt = performance.now();
    const attempts = this.plan.retries + 1;
    const spacing = this.plan.perHostTimeoutMs / attempts;
    const tick = (): void => {
      probe.timer = null;
      if (probe.finished || this.finishing) return;
      if (probe.attempts >= attempts) {
        this.endProbe(probe, `no answer from ${describe(probe)} on UDP ${this.plan.udpPort} within ${this.plan.perHostTimeoutMs} ms`);
        return;
      }
      probe.attempts++;
      safeSend(socket, this.request, this.plan.udpPort, probe.address, (error) => {
        if (!probe.finished && !this.finishing) this.endProbe(probe, `cannot send to ${describe(probe)}: ${errorText(error)}`);
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
    if (failure) for (const host of probe.hosts) this.hostError(host, failure);
    this.pump();
    this.checkComplete();
  }

  private onDatagram(datagram: Buffer, from: string, origin: SocketOrigin): void {
    const receivedAt = performance.now();
    if (this.finishing) return;
    const verdict = readDiscoveryReply(new Uint8Array(datagram.buffer, datagram.byteOffset, datagram.byteLength));
    if (!verdict.ok) {
      this.ignored++;
      this.io.logger.debug(`ignored datagram from ${from}: ${verdict.reason}`);
      return;
    }
    if (origin.adapter !== null) {
      this.record(verdict.facts, from, origin.adapter, 'broadcast', receivedAt - origin.sentAt, receivedAt);
      return;
    }
    const probe = this.probes.get(from);
    const via: DiscoveryVia = probe && probe.hosts.length > 0 ? 'host' : 'range';
    this.record(verdict.facts, from, null, via, receivedAt - (probe?.firstSentAt ?? this.startedAt), receivedAt);
    // An answer frees the probe's slot at once: the sweep runs as fast as the targets answer, not at timeout pace.
    if (probe && !probe.finished && probe.attempts > 0) this.endProbe(probe, null);
  }

  private record(facts: ReplyFacts, address: string, adapter: string | null, via: DiscoveryVia, rttMs: number, receivedAt: number): void {
    const key = targetKey({ netId: facts.netId, address });
    const known = this.targets.get(key);
    if (!known) {
      const target: DiscoveredTarget = {
        ...facts,
        address,
        adapter,
        adapters: adapter ? [adapter] : [],
        rttMs: Math.round(Math.max(0, rttMs) * 10) / 10,
        via,
      };
      this.targets.set(key, target);
      this.emit('result', cloneTarget(target), { receivedAt });
      this.emitProgress();
      return;
    }
    if (adapter && !known.adapters.includes(adapter)) {
      known.adapters.push(adapter);
      known.adapter ??= adapter;
      this.emit('update', cloneTarget(known), { receivedAt });
    }
  }

  private hostError(host: string, message: string): void {
    this.emit('host-error', { host, message });
  }

  private checkComplete(): void {
    if (this.finishing || !this.listenOver) return;
    const unicastIdle = this.inFlight === 0 && this.hostQueue.length === 0 && this.rangeLeft === 0 && this.pendingLookups === 0;
    if (unicastIdle) void this.finish(false);
  }

  private emitProgress(force = false): void {
    if (this.finishing && !force) return;
    const now = performance.now();
    if (!force && now - this.lastProgressAt < PROGRESS_INTERVAL_MS) {
      this.progressTimer ??= setTimeout(() => {
        this.progressTimer = null;
        this.emitProgress();
      }, PROGRESS_INTERVAL_MS);
      return;
    }
    this.lastProgressAt = now;
    this.emit('progress', { sent: this.sent, total: Math.max(this.total, this.sent), answered: this.targets.size });
  }

  private schedule(action: () => void, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, delayMs);
    this.timers.add(timer);
  }

  private async finish(cancelled: boolean): Promise<void> {
    if (this.finishing) return;
    this.finishing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.progressTimer) clearTimeout(this.progressTimer);
    for (const probe of this.probes.values()) if (probe.timer) clearTimeout(probe.timer);
    // Probes still waiting when the deadline hits are failures the user asked about by name.
    if (!cancelled) {
      for (const probe of this.probes.values()) {
        if (!probe.finished && probe.hosts.length > 0) {
          const reason = probe.attempts > 0 ? `no answer from ${describe(probe)} on UDP ${this.plan.udpPort} before the search timeout` : `${describe(probe)} was not asked before the search timeout`;
          for (const host of probe.hosts) this.hostError(host, reason);
        }
      }
      for (const host of this.plan.hosts) {
        if (!this.settledHosts.has(host) && !this.unicastFailure) this.hostError(host, `cannot resolve '${host}' before the search timeout`);
      }
    }
    await Promise.all(this.sockets.map(closeSocket));
    const found = this.targets.size;
    const summary: DiscoveryDone = {
      found,
      durationMs: Math.round(performance.now() - this.startedAt),
      cancelled,
      ignored: this.ignored,
    };
    const unswept = this.rangeLeft;
    if (!cancelled && found === 0) {
      summary.hint = emptySearchHint({
        adapters: this.plan.adapters,
        hostCount: this.plan.hosts.length,
        rangeAddressCount: this.plan.rangeAddressCount,
        unresolvedHosts: this.unresolvedHosts,
        udpPort: this.plan.udpPort,
        unsweptAddresses: unswept,
      });
    } else if (!cancelled && unswept > 0) {
      summary.hint = sweepCutHint(unswept);
    }
    this.emitProgress(true);
    this.summary = summary;
    this.emit('done', summary);
    this.resolveDone(summary);
  }
}

function newProbe(address: string, hosts: string[]): Probe {
  return { address, hosts, attempts: 0, firstSentAt: 0, timer: null, finished: false };
}

function describe(probe: Probe): string {
  const name = probe.hosts.find((h) => h !== probe.address);
  return name ? `${name} (${probe.address})` : probe.address;
}

function cloneTarget(target: DiscoveredTarget): DiscoveredTarget {
  return { ...target, adapters: [...target.adapters] };
}

function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message;
}

/** Reports failures (unreachable network, no permission for a broadcast address) through one callback, sync or async. */
function safeSend(socket: Socket, payload: Uint8Array, port: number, address: string, onError: (error: unknown) => void): void {
  try {
    socket.send(payload, port, address, (error) => {
      if (error) onError(error);
    });
  } catch (error) {
    // Deferred so a sweep whose every send throws unwinds instead of recursing through pump().
    queueMicrotask(() => onError(error));
  }
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      // Already closed (bind failed before it opened).
      resolve();
    }
  });
}
