import { EventEmitter } from 'node:events';
import type { Socket } from 'node:dgram';
import { performance } from 'node:perf_hooks';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { targetKey, type DiscoveredTarget, type DiscoveryVia } from '../../../shared/domain/target';
import { encodeDiscoveryRequest } from '../../../shared/protocol/udp48899';
import type { Logger } from '../log/logger';
import { DiscoverySockets, errorText, safeSend } from './discovery-sockets';
import { emptySearchHint, sweepCutHint } from './hints';
import { readDiscoveryReply, type ReplyFacts } from './reply';
import type { SearchPlan } from './request';
import { UnicastProbes } from './unicast-probes';

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
  /** Datagrams that were not accepted: other tools' requests, garbage, replies from addresses nobody asked. */
  ignored: number;
}

/** When the datagram reached our socket handler, so callers (the benchmark) can measure what the service adds. */
export interface ReplyTiming {
  receivedAt: number;
}

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
  /** Systems a broadcast may add to one search. */
  maxBroadcastResults: number;
}

const PROGRESS_INTERVAL_MS = 100;
/**
 * Anyone on the LAN can answer a broadcast, as often and with as many NetIds as they like: past this many systems a
 * search keeps no more broadcast answers, so a hostile host cannot grow the list (and the UI) without bound.
 */
export const MAX_BROADCAST_RESULTS = 4096;

/**
 * A running search. Emits `result` the moment a reply is decoded, `update` when a known system answers on one more
 * adapter, `host-error` per unicast host that failed, throttled `progress`, and `done` once every socket is closed.
 */
export class DiscoverySearch extends EventEmitter<DiscoverySearchEvents> {
  /** Resolves with the summary after every socket is closed; never rejects. */
  readonly done: Promise<DiscoveryDone>;

  private resolveDone!: (summary: DiscoveryDone) => void;
  private finishing = false;
  private readonly startedAt = performance.now();
  private readonly sockets: DiscoverySockets;
  private readonly unicast: UnicastProbes;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly targets = new Map<string, DiscoveredTarget>();
  private broadcastResults = 0;
  private broadcastsSent = 0;
  private ignored = 0;
  private listenOver: boolean;
  private lastProgressAt = -Infinity;
  private progressTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly plan: SearchPlan,
    private readonly io: SearchIo,
    signal?: AbortSignal,
  ) {
    super();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.sockets = new DiscoverySockets(io.createSocket, io.logger);
    // Unicast request: no adapter to take a NetId from, so the all-zero one AdsTool and nmap send.
    const request = encodeDiscoveryRequest({ netId: '0.0.0.0.1.1' });
    this.unicast = new UnicastProbes(plan, request, io.lookup, {
      hostError: (host, message) => this.hostError(host, message),
      changed: () => {
        this.emitProgress();
        this.checkComplete();
      },
    });
    this.listenOver = plan.adapters.length === 0;
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

  private async run(): Promise<void> {
    if (this.finishing) return;
    this.schedule(() => void this.finish(false), this.plan.deadlineMs);
    if (!this.listenOver) {
      this.schedule(() => {
        this.listenOver = true;
        this.checkComplete();
      }, this.plan.listenMs);
    }
    await Promise.all([...this.plan.adapters.map((adapter) => this.startBroadcast(adapter)), this.startUnicast()]);
    if (this.finishing) return;
    this.checkComplete();
  }

  private async startBroadcast(adapter: NetworkAdapter): Promise<void> {
    const origin = { adapter: adapter.name, sentAt: 0 };
    let socket: Socket;
    try {
      socket = await this.sockets.open(adapter.address, (datagram, from) => this.onBroadcastReply(datagram, from, origin));
    } catch (error) {
      if (!this.finishing) this.hostError(adapter.name, `cannot use adapter ${adapter.name} (${adapter.address}): ${errorText(error)}`);
      return;
    }
    if (this.finishing) return;
    origin.sentAt = performance.now();
    this.broadcastsSent++;
    // TwinCAT's own router sends its NetId here; "<adapter IP>.1.1" is what a system without TwinCAT would get.
    const request = encodeDiscoveryRequest({ netId: `${adapter.address}.1.1` });
    const send = (): void => {
      if (this.finishing) return;
      safeSend(socket, request, this.plan.udpPort, adapter.broadcast, (error) => {
        if (!this.finishing)
          this.hostError(adapter.name, `cannot broadcast on ${adapter.name} to ${adapter.broadcast}: ${errorText(error)}`);
      });
    };
    send();
    // Resends spread over the first half of the window: a lost broadcast is common on busy or wireless links.
    for (let i = 1; i <= this.plan.retries; i++) this.schedule(send, (this.plan.listenMs / 2) * (i / this.plan.retries));
    this.emitProgress();
  }

  private async startUnicast(): Promise<void> {
    if (!this.unicast.needed) return;
    let socket: Socket;
    try {
      socket = await this.sockets.open(undefined, (datagram, from) => this.onUnicastReply(datagram, from));
    } catch (error) {
      if (!this.finishing) this.unicast.fail(`cannot open a UDP socket: ${errorText(error)}`);
      return;
    }
    if (!this.finishing) this.unicast.start(socket);
  }

  private decode(datagram: Buffer, from: string): ReplyFacts | null {
    if (this.finishing) return null;
    const verdict = readDiscoveryReply(new Uint8Array(datagram.buffer, datagram.byteOffset, datagram.byteLength));
    if (verdict.ok) return verdict.facts;
    this.ignore(from, verdict.reason);
    return null;
  }

  private onBroadcastReply(datagram: Buffer, from: string, origin: { adapter: string; sentAt: number }): void {
    const receivedAt = performance.now();
    const facts = this.decode(datagram, from);
    if (!facts) return;
    const isNew = !this.targets.has(targetKey({ netId: facts.netId, address: from }));
    if (isNew && this.broadcastResults >= this.io.maxBroadcastResults) {
      this.ignore(from, `more than ${this.io.maxBroadcastResults} systems answered the broadcast`);
      return;
    }
    if (isNew) this.broadcastResults++;
    this.record(facts, from, origin.adapter, 'broadcast', receivedAt - origin.sentAt, receivedAt);
  }

  private onUnicastReply(datagram: Buffer, from: string): void {
    const receivedAt = performance.now();
    const facts = this.decode(datagram, from);
    if (!facts) return;
    // Only the address that was asked may answer: anyone else on the LAN could otherwise plant a row.
    const answer = this.unicast.answerOf(from, facts.netId);
    if (!answer) {
      this.ignore(from, 'a discovery reply from an address that was not asked');
      return;
    }
    this.record(facts, from, null, answer.via, receivedAt - answer.firstSentAt, receivedAt);
    this.unicast.settle(from);
  }

  private ignore(from: string, reason: string): void {
    this.ignored++;
    this.io.logger.debug(`ignored datagram from ${from}: ${reason}`);
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
    if (this.unicast.idle) void this.finish(false);
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
    const sent = this.broadcastsSent + this.unicast.sent;
    const total = this.plan.adapters.length + this.unicast.total;
    this.emit('progress', { sent, total: Math.max(total, sent), answered: this.targets.size });
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
    // Probes still waiting when the deadline hits are failures the user asked about by name.
    this.unicast.stop(cancelled);
    await this.sockets.closeAll();
    const found = this.targets.size;
    const summary: DiscoveryDone = {
      found,
      durationMs: Math.round(performance.now() - this.startedAt),
      cancelled,
      ignored: this.ignored,
    };
    const unswept = this.unicast.unswept;
    if (!cancelled && found === 0) {
      summary.hint = emptySearchHint({
        adapters: this.plan.adapters,
        hostCount: this.plan.hosts.length,
        rangeAddressCount: this.plan.rangeAddressCount,
        unresolvedHosts: this.unicast.unresolvedHosts,
        udpPort: this.plan.udpPort,
        unsweptAddresses: unswept,
      });
    } else if (!cancelled && unswept > 0) {
      summary.hint = sweepCutHint(unswept);
    }
    this.emitProgress(true);
    this.emit('done', summary);
    this.resolveDone(summary);
  }
}

function cloneTarget(target: DiscoveredTarget): DiscoveredTarget {
  return { ...target, adapters: [...target.adapters] };
}
