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
 * Callers must never pass secrets; `redact` is a last line of defence for values registered as secret.
 */
export class LogBook {
  private readonly entries: LogEntry[] = [];
  private readonly sinks = new Set<Sink>();
  private readonly secrets = new Set<string>();

  constructor(private readonly capacity = 2000) {}

  /** Registers a secret (password, PSK, key) so that it is masked should it ever reach a log line. */
  registerSecret(value: string): void {
    if (value.length >= 3) this.secrets.add(value);
  }

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
    const safe = { ...entry, message: this.redact(entry.message) };
    this.entries.push(safe);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    for (const sink of this.sinks) sink(safe);
  }

  private redact(message: string): string {
    let out = message;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out;
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
