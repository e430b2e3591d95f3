/**
 * The "Goals at a glance" section `npm run bench -- --write-docs` puts at the top of docs/benchmarks.md: every row
 * of every benchmark that has a goal, as the benchmarks printed them (--json), so one table says what holds.
 */
import type { JsonRow } from './report';
import { formatValue } from './table';

export const GOALS_HEADING = 'Goals at a glance';

function cell(value: number | null, unit: JsonRow['unit']): string {
  return value === null ? '-' : formatValue(value, unit);
}

export function goalsSection(
  rows: readonly JsonRow[],
  runs: ReadonlyArray<{ name: string; seconds: number; ok: boolean }>,
  machine: string,
): string {
  const withGoal = rows.filter((r) => r.goal !== null);
  const met = withGoal.filter((r) => r.met === true).length;
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const table = [
    '| Measurement | Value | Baseline | Ratio | Goal | Met |',
    '|---|---|---|---|---|---|',
    ...withGoal.map(
      (r) =>
        `| ${escape(r.name)} | ${cell(r.value, r.unit)} | ${cell(r.baseline, r.unit)} | ${r.ratio === null || r.unit === 'count' ? '-' : `${r.ratio.toFixed(2)}x`} | ${escape(r.goal ?? '-')} | ${r.met ? 'ok' : 'MISSED'} |`,
    ),
  ];
  const took = runs.map((r) => `${r.name} ${Math.round(r.seconds)} s${r.ok ? '' : ' (failed)'}`).join(', ');
  const total = Math.round(runs.reduce((sum, r) => sum + r.seconds, 0));
  return [
    `## ${GOALS_HEADING}`,
    '',
    `\`npm run bench -- --write-docs\` on ${machine}: ${met} of ${withGoal.length} goals met. Took ${total} s (${took}). The sections below have every row, the baselines and how each is measured.`,
    '',
    ...table,
  ].join('\n');
}
