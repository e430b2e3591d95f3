/**
 * `--json` for every benchmark: one JSON object {rows: [{name, value, unit, baseline, ratio, goal, met}]} on stdout,
 * the same rows as the tables in docs/benchmarks.md, and everything meant for people on stderr, so that
 * `node dist/bench/x.cjs --json | jq` sees nothing else.
 */
import type { BenchRow } from './table';

export interface JsonRow {
  name: string;
  value: number | null;
  unit: BenchRow['unit'];
  baseline: number | null;
  /** value / baseline, rounded to 0.01; null without a usable baseline. */
  ratio: number | null;
  goal: string | null;
  /** null when the row has no goal. */
  met: boolean | null;
}

export function jsonRequested(argv: readonly string[] = process.argv): boolean {
  return argv.includes('--json');
}

const finite = (n: number | null | undefined): number | null => (n === null || n === undefined || !Number.isFinite(n) ? null : n);

export function toJsonRow(row: BenchRow): JsonRow {
  const value = finite(row.value);
  const baseline = finite(row.baseline);
  return {
    name: row.name,
    value: value === null ? null : Math.round(value * 1000) / 1000,
    unit: row.unit,
    baseline: baseline === null ? null : Math.round(baseline * 1000) / 1000,
    ratio: value !== null && baseline ? Math.round((value / baseline) * 100) / 100 : null,
    goal: row.goal ?? null,
    met: row.pass ?? null,
  };
}

export function benchJson(rows: readonly BenchRow[]): string {
  return JSON.stringify({ rows: rows.map(toJsonRow) });
}

/** Text for people: stdout normally, stderr under --json so stdout stays one JSON object. */
export function say(text: string): void {
  if (jsonRequested()) process.stderr.write(`${text}\n`);
  else process.stdout.write(`${text}\n`);
}

/** Under --json, prints the rows as the one JSON object on stdout. */
export function printJsonIfAsked(rows: readonly BenchRow[]): void {
  if (jsonRequested()) process.stdout.write(`${benchJson(rows)}\n`);
}
