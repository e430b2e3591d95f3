import { atLeast, type LogEntry, type LogLevel } from './merge-log';

export interface LogFilter {
  minimum: LogLevel;
  /** '' for every source. */
  source: string;
  /** '' for every target. */
  target: string;
  /** Words that must all appear (any case) in the message, source or target. */
  text: string;
}

export const NO_FILTER: LogFilter = { minimum: 'debug', source: '', target: '', text: '' };

export function filterLog(entries: readonly LogEntry[], filter: LogFilter): LogEntry[] {
  const words = filter.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return entries.filter((entry) => {
    if (!atLeast(entry.level, filter.minimum)) return false;
    if (filter.source && entry.source !== filter.source && !entry.source.startsWith(`${filter.source}/`)) return false;
    if (filter.target && entry.target !== filter.target) return false;
    if (words.length === 0) return true;
    const haystack = `${entry.message} ${entry.source} ${entry.target ?? ''}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** The choices of the source and target filters: what the log holds, sorted; a source's sub-sources fold into it. */
export function filterChoices(entries: readonly LogEntry[]): { sources: string[]; targets: string[] } {
  const sources = new Set<string>();
  const targets = new Set<string>();
  for (const entry of entries) {
    sources.add(entry.source.split('/')[0] ?? entry.source);
    if (entry.target) targets.add(entry.target);
  }
  const byNumber = new Intl.Collator('en', { numeric: true });
  return { sources: [...sources].sort(byNumber.compare), targets: [...targets].sort(byNumber.compare) };
}
