/**
 * `npm run bench`: runs every benchmark bundled next to this file (dist/bench/*.cjs), one after another in its own
 * process so one benchmark's sockets, timers and heap cannot skew the next. Arguments (e.g. --write-docs) pass through.
 * Each runs with --json, so its rows come back here (its text goes to stderr, still on the terminal): `-- --json`
 * prints all of them as one object, and `-- --write-docs` also writes the "Goals at a glance" table at the top of
 * docs/benchmarks.md after every benchmark has written its own section.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeDocsSection } from './docs-section';
import { GOALS_HEADING, goalsSection } from './goals-summary';
import type { JsonRow } from './report';
import { machineLine, nowMs } from './table';

const json = process.argv.includes('--json');

/** Runs one benchmark with --json; its JSON object is collected here, its text goes to stderr. */
async function runOne(file: string, args: string[], rows: JsonRow[]): Promise<number> {
  return new Promise((resolve) => {
    const withJson = args.includes('--json') ? args : [...args, '--json'];
    const child = spawn(process.execPath, [file, ...withJson], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      try {
        rows.push(...(JSON.parse(out) as { rows: JsonRow[] }).rows);
      } catch {
        process.stderr.write(`${basename(file)}: no JSON object on stdout\n`);
      }
      resolve(code ?? (signal ? 1 : 0));
    });
    child.once('error', () => resolve(1));
  });
}

async function main(): Promise<number> {
  const self = process.argv[1] ?? '';
  const dir = dirname(self);
  const benches = readdirSync(dir)
    .filter((name) => name.endsWith('.cjs') && name !== basename(self))
    .sort();
  if (benches.length === 0) {
    console.log(`no benchmarks found in ${dir}`);
    return 1;
  }
  const machine = machineLine();
  const failed: string[] = [];
  const rows: JsonRow[] = [];
  const runs: Array<{ name: string; seconds: number; ok: boolean }> = [];
  const say = (text: string) => (json ? process.stderr : process.stdout).write(`${text}\n`);
  for (const file of benches) {
    const name = file.replace(/\.cjs$/, '');
    say(`\n=== ${name} ===`);
    const start = nowMs();
    const ok = (await runOne(join(dir, file), process.argv.slice(2), rows)) === 0;
    const seconds = (nowMs() - start) / 1000;
    runs.push({ name, seconds, ok });
    say(`=== ${name}: ${ok ? 'done' : 'FAILED'} in ${seconds.toFixed(0)} s ===`);
    if (!ok) failed.push(file);
  }
  // One JSON object for the whole run, the rows of every benchmark in the order of the docs' tables.
  if (json) process.stdout.write(`${JSON.stringify({ rows })}\n`);
  const summary = goalsSection(rows, runs, machine);
  say(`\n${summary}`);
  if (process.argv.includes('--write-docs')) {
    await writeDocsSection(GOALS_HEADING, summary, 'top');
    say(`\ndocs/benchmarks.md updated (${GOALS_HEADING}).`);
  }
  if (failed.length) say(`\nfailed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

void main().then((code) => process.exit(code));
