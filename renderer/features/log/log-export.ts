import type { LogEntry } from './merge-log';

const COLUMNS = ['time', 'level', 'source', 'target', 'message'] as const;

/**
 * One CSV cell: quoted when it holds a separator, quote or line break. A cell that a spreadsheet would run as a
 * formula (=, +, -, @) gets a leading apostrophe, so opening an exported log never executes what a target sent.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Only the fields of the line, never anything else the services know: a log line carries no secret. */
function fields(entry: LogEntry): Record<(typeof COLUMNS)[number], string> {
  return { time: entry.time, level: entry.level, source: entry.source, target: entry.target ?? '', message: entry.message };
}

export function logToCsv(entries: readonly LogEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const entry of entries) {
    const row = fields(entry);
    lines.push(COLUMNS.map((column) => cell(row[column])).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function logToJson(entries: readonly LogEntry[]): string {
  return `${JSON.stringify(
    entries.map((entry) => ({ ...fields(entry), target: entry.target ?? null })),
    null,
    2,
  )}\n`;
}

/** "ads-route-studio-log-20260129-153012.csv": sortable, and never overwrites the previous export of the day. */
export function exportFileName(now: Date, extension: 'csv' | 'json'): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `ads-route-studio-log-${stamp}.${extension}`;
}

/** Hands the text to the browser (or Electron) as a file download. */
export function download(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
