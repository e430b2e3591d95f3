/**
 * `npm run bench`: runs every benchmark bundled next to this file (dist/bench/*.cjs), one after another in its own
 * process so one benchmark's sockets, timers and heap cannot skew the next. Arguments (e.g. --write-docs) pass through.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

async function runOne(file: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...args], { stdio: 'inherit' });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
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
  for (const name of benches) {
    console.log(`\n=== ${name.replace(/\.cjs$/, '')} ===`);
    if ((await runOne(join(dir, name), process.argv.slice(2))) !== 0) failed.push(name);
  }
  if (failed.length) console.log(`\nfailed: ${failed.join(', ')}`);
  return failed.length ? 1 : 0;
}

void main().then((code) => process.exit(code));
