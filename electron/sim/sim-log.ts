import { EventEmitter } from 'node:events';
import type { Logger } from '../services/log/logger';

export type SimLogKind =
  | 'listening'
  | 'stopped'
  | 'route-stored'
  | 'route-removed'
  | 'restarted'
  | 'route-refused'
  | 'connection-failed'
  | 'connection-accepted'
  | 'datagram-ignored'
  | 'discovery';

export interface SimLogEntry {
  time: string;
  kind: SimLogKind;
  transport: 'udp' | 'tcp' | 'tls' | 'state';
  /** "ip:port" of the peer, when there is one. */
  peer?: string;
  /** Short machine-readable reason for failures ("wrong-credentials", "no-route", "unknown-cert", ...). */
  reason?: string;
  message: string;
}

/** Bounded: a fuzzing peer must not grow memory without limit. */
const CAPACITY = 2000;

/**
 * The simulator's event log, mirroring TwinCAT's Windows event log entries for failed connection attempts.
 * Messages are composed from NetIds, names and reasons only: callers never pass a password, PSK secret or key.
 */
export class SimLog extends EventEmitter<{ entry: [SimLogEntry] }> {
  private readonly entries: SimLogEntry[] = [];

  constructor(private readonly logger?: Logger) {
    super();
  }

  add(entry: Omit<SimLogEntry, 'time'>): SimLogEntry {
    const full: SimLogEntry = { time: new Date().toISOString(), ...entry };
    this.entries.push(full);
    if (this.entries.length > CAPACITY) this.entries.splice(0, this.entries.length - CAPACITY);
    const line = `${full.transport}${full.peer ? ` ${full.peer}` : ''}: ${full.message}`;
    const failed = full.kind === 'connection-failed' || full.kind === 'route-refused';
    if (failed) this.logger?.warn(line);
    else if (full.kind === 'datagram-ignored') this.logger?.debug(line);
    else this.logger?.info(line);
    this.emit('entry', full);
    return full;
  }

  list(): SimLogEntry[] {
    return [...this.entries];
  }
}
