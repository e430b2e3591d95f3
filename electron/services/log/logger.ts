export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  time: string;
  level: LogLevel;
  source: string;
  /** The target system the line is about (its address), when there is one: the Log view filters by it. */
  target: string | null;
  message: string;
}

export interface LogMeta {
  target?: string | null;
}

export interface Logger {
  debug(message: string, meta?: LogMeta): void;
  info(message: string, meta?: LogMeta): void;
  warn(message: string, meta?: LogMeta): void;
  error(message: string, meta?: LogMeta): void;
  child(source: string): Logger;
}

/** Most lines about a target name its address; a caller that knows better passes it. */
const IPV4 = /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/;

export function targetOf(message: string): string | null {
  return IPV4.exec(message)?.[0] ?? null;
}

type Sink = (entry: LogEntry) => void;

/** Where entries also go to survive a restart (the log files in the data folder). */
export interface LogStore {
  load(limit: number): LogEntry[];
  append(entry: LogEntry): void;
  clear(): void;
}

/**
 * Keeps the last entries in memory for the Log view and forwards each to the sinks (console, IPC events).
 * Entries are kept exactly as written: callers never put a secret in a message. Masking a secret's text afterwards
 * cannot work, since a short password ("1", "a", "wrong") is also part of ordinary words, which it would mangle.
 */
export class LogBook {
  private entries: LogEntry[] = [];
  private readonly sinks = new Set<Sink>();
  private store: LogStore | null = null;

  constructor(private readonly capacity = 2000) {}

  /** Keeps entries in `store` from now on and takes over what it held from earlier runs (before anything since). */
  persistTo(store: LogStore): void {
    if (this.store) return;
    this.store = store;
    const earlier = store.load(this.capacity);
    for (const entry of this.entries) store.append(entry);
    this.entries = [...earlier, ...this.entries].slice(-this.capacity);
  }

  /** Forgets every entry, in memory and on disk. */
  clear(): void {
    this.entries = [];
    this.store?.clear();
  }

  logger(source: string): Logger {
    const write = (level: LogLevel) => (message: string, meta?: LogMeta) =>
      this.write({
        time: new Date().toISOString(),
        level,
        source,
        target: meta?.target !== undefined ? meta.target : targetOf(message),
        message,
      });
    return {
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
      child: (sub: string) => this.logger(`${source}/${sub}`),
    };
  }

  addSink(sink: Sink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  recent(): LogEntry[] {
    return [...this.entries];
  }

  private write(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    this.store?.append(entry);
    for (const sink of this.sinks) sink(entry);
  }
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
