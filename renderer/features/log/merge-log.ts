import type { EventOf } from '../../../shared/ipc/contract';

export type LogEntry = EventOf<'log:entry'>;
export type LogLevel = LogEntry['level'];

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** As many lines as the services keep; older ones scroll out of the view as they do out of the services. */
export const LOG_VIEW_CAPACITY = 2000;

const keyOf = (entry: LogEntry) => `${entry.time}\u0000${entry.level}\u0000${entry.source}\u0000${entry.message}`;

/**
 * The services' backlog followed by the lines that arrived live, oldest first. A live line that arrived before the
 * backlog answer is also in the backlog; it is shown once.
 */
export function mergeLog(recent: readonly LogEntry[], live: readonly LogEntry[], capacity = LOG_VIEW_CAPACITY): LogEntry[] {
  const unmatched = new Map<string, number>();
  for (const entry of recent) unmatched.set(keyOf(entry), (unmatched.get(keyOf(entry)) ?? 0) + 1);
  const merged = [...recent];
  for (const entry of live) {
    const count = unmatched.get(keyOf(entry)) ?? 0;
    if (count > 0) unmatched.set(keyOf(entry), count - 1);
    else merged.push(entry);
  }
  return merged.length > capacity ? merged.slice(merged.length - capacity) : merged;
}

export function atLeast(level: LogLevel, minimum: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) >= LOG_LEVELS.indexOf(minimum);
}

/** Local wall-clock time with milliseconds: log lines of one operation are often within the same second. */
export function formatLogTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}
