export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  time: string;
  level: LogLevel;
  source: string;
  message: string;
}

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(source: string): Logger;
}

type Sink = (entry: LogEntry) => void;

/**
 * Keeps the last entries in memory for the Log view and forwards each to the sinks (console, IPC events).
 * Entries are kept exactly as written: callers never put a secret in a message. Masking a secret's text afterwards
 * cannot work, since a short password ("1", "a", "wrong") is also part of ordinary words, which it would mangle.
 */
export class LogBook {
  private readonly entries: LogEntry[] = [];
  private readonly sinks = new Set<Sink>();

  constructor(private readonly capacity = 2000) {}

  logger(source: string): Logger {
    const write = (level: LogLevel) => (message: string) => this.write({ time: new Date().toISOString(), level, source, message });
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
