import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogEntry } from './logger';

const CURRENT = 'app.log';
const PREVIOUS = 'app.1.log';

/** Ten megabytes on disk at most: the current file up to half of it, then it becomes the previous one. */
export const DEFAULT_LOG_BYTES = 10 * 1024 * 1024;

function isEntry(value: unknown): value is LogEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.time === 'string' &&
    typeof entry.source === 'string' &&
    typeof entry.message === 'string' &&
    (entry.level === 'debug' || entry.level === 'info' || entry.level === 'warn' || entry.level === 'error') &&
    (entry.target === undefined || entry.target === null || typeof entry.target === 'string')
  );
}

function readLines(path: string): LogEntry[] {
  if (!existsSync(path)) return [];
  const entries: LogEntry[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      const parsed: unknown = JSON.parse(line);
      // A line cut short by a crash or edited by hand is skipped, not fatal: the rest of the log still loads.
      if (isEntry(parsed))
        entries.push({
          time: parsed.time,
          level: parsed.level,
          source: parsed.source,
          target: parsed.target ?? null,
          message: parsed.message,
        });
    } catch {
      continue;
    }
  }
  return entries;
}

/**
 * The log on disk as JSON lines in two files, so it survives a restart and never grows past `maxBytes`: when the
 * current file would pass half the budget it replaces the previous file and a new one starts.
 */
export class LogFile {
  private size: number;
  private failed = false;

  constructor(
    private readonly dir: string,
    private readonly maxBytes = DEFAULT_LOG_BYTES,
  ) {
    mkdirSync(dir, { recursive: true });
    this.size = existsSync(this.current) ? statSync(this.current).size : 0;
  }

  private get current(): string {
    return join(this.dir, CURRENT);
  }

  private get previous(): string {
    return join(this.dir, PREVIOUS);
  }

  /** The entries on disk, oldest first, the newest `limit` of them. */
  load(limit: number): LogEntry[] {
    const all = [...readLines(this.previous), ...readLines(this.current)];
    return all.length > limit ? all.slice(all.length - limit) : all;
  }

  append(entry: LogEntry): void {
    if (this.failed) return;
    const line = `${JSON.stringify(entry)}\n`;
    const bytes = Buffer.byteLength(line);
    try {
      if (this.size > 0 && this.size + bytes > this.maxBytes / 2) this.rotate();
      appendFileSync(this.current, line);
      this.size += bytes;
    } catch {
      // A full or read-only disk must not take the app down with it; the log stays in memory for this session.
      this.failed = true;
    }
  }

  clear(): void {
    rmSync(this.previous, { force: true });
    rmSync(this.current, { force: true });
    this.size = 0;
    this.failed = false;
  }

  private rotate(): void {
    renameSync(this.current, this.previous);
    this.size = 0;
  }
}
