import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * Benchmark output helpers. Every ratio compares with a baseline measured in the same process on the same run,
 * so numbers from different machines stay comparable as ratios even when absolute times differ.
 */

export interface BenchRow {
  /** What was measured, e.g. "N=250: time to last result". */
  name: string;
  value: number;
  unit: 'ms' | 'count' | 'x' | 'MB';
  /** Same quantity for the baseline (raw socket, plain client, fixed wait); null when there is none. */
  baseline?: number | null;
  baselineLabel?: string;
  /** Human-readable goal, e.g. "< 50 ms". */
  goal?: string;
  /** Whether the goal was met; undefined when there is no goal. */
  pass?: boolean;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** value / baseline, formatted "1.23x"; "-" when either is missing or the baseline is zero. */
export function ratio(value: number, baseline: number | null | undefined): string {
  if (baseline === null || baseline === undefined || !Number.isFinite(baseline) || baseline === 0 || !Number.isFinite(value)) return '-';
  return `${(value / baseline).toFixed(2)}x`;
}

export function formatValue(value: number, unit: BenchRow['unit']): string {
  if (!Number.isFinite(value)) return '-';
  if (unit === 'count') return String(Math.round(value));
  if (unit === 'x') return `${value.toFixed(2)}x`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;
}

function cells(row: BenchRow): string[] {
  const baseline = row.baseline ?? null;
  return [
    row.name,
    formatValue(row.value, row.unit),
    baseline === null ? '-' : `${formatValue(baseline, row.unit)}${row.baselineLabel ? ` (${row.baselineLabel})` : ''}`,
    row.unit === 'count' ? '-' : ratio(row.value, baseline),
    row.goal ?? '-',
    row.pass === undefined ? '' : row.pass ? 'ok' : 'MISSED',
  ];
}

const HEADER = ['Measurement', 'Value', 'Baseline', 'Ratio', 'Goal', ''];

/** Plain-text table for the terminal. */
export function renderTextTable(title: string, rows: readonly BenchRow[]): string {
  const body = rows.map(cells);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (c: string[]): string =>
    c
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [title, line(HEADER), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** The same table as Markdown, for docs/benchmarks.md. */
export function renderMarkdownTable(rows: readonly BenchRow[]): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const header = ['Measurement', 'Value', 'Baseline', 'Ratio', 'Goal', 'Met'];
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${cells(r).map(escape).join(' | ')} |`),
  ].join('\n');
}

/**
 * "2026-05-01, 2 cores (model), Node v20.x, linux, load 0.4" — what a reader needs to judge the numbers; the load
 * average matters because millisecond maxima on a busy 2-core machine are mostly other processes' scheduling.
 */
export function machineLine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.trim() ?? 'unknown CPU';
  const load = loadavg()[0] ?? 0;
  return `${new Date().toISOString().slice(0, 10)}, ${cpu.length} cores (${model}), Node ${process.version}, ${process.platform}, 1-min load average ${load.toFixed(1)} at the start`;
}

/** Milliseconds since an arbitrary origin, monotonic. */
export function nowMs(): number {
  return performance.now();
}
