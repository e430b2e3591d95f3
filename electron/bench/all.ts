/**
 * `npm run bench`: runs every benchmark bundled next to this file (dist/bench/*.cjs), one after another in its own
 * process so one benchmark's sockets, timers and heap cannot skew the next. Arguments (e.g. --write-docs) pass through.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const json = process.argv.includes('--json');

/** Runs one benchmark; under --json its stdout is its JSON object, collected here, and its text goes to stderr. */
async function runOne(file: string, args: string[], rows: unknown[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: json ? ['ignore', 'pipe', 'inherit'] : 'inherit' });
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      if (json) {
        try {
          rows.push(...(JSON.parse(out) as { rows: unknown[] }).rows);
        } catch {
          process.stderr.write(`${basename(file)}: no JSON object on stdout\n`);
        }
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
  const failed: string[] = [];
  const rows: unknown[] = [];
  const say = (text: string) => (json ? process.stderr : process.stdout).write(`${text}\n`);
  for (const name of benches) {
    say(`\n=== ${name.replace(/\.cjs$/, '')} ===`);
    if ((await runOne(join(dir, name), process.argv.slice(2), rows)) !== 0) failed.push(name);
  }
  // One JSON object for the whole run, the rows of every benchmark in the order of the docs' tables.
  if (json) process.stdout.write(`${JSON.stringify({ rows })}\n`);
  if (failed.length) say(`\nfailed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

void main().then((code) => process.exit(code));
