import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ipSync, listNamespacesSync, namespacePidsSync } from './ip';

/**
 * Every lab namespace is named `ars<owner pid, base 36>-<lab number>-<role>`, and the owner also leaves a record in
 * /run (tmpfs, so it vanishes with the namespaces on reboot). A run killed with SIGKILL cannot clean up after itself;
 * the next run sweeps what such a run left behind, and only that: labs of living owners and namespaces without a
 * record are never touched.
 */
export const LAB_NAMESPACE_PREFIX = 'ars';
const RECORD_DIR = '/run/ars-lab';
const NAME_PATTERN = /^(ars[0-9a-z]+-\d+)-/;

export function labPrefix(pid: number, serial: number): string {
  return `${LAB_NAMESPACE_PREFIX}${pid.toString(36)}-${serial}`;
}

export function recordOwner(prefix: string, pid: number): void {
  mkdirSync(RECORD_DIR, { recursive: true });
  writeFileSync(join(RECORD_DIR, `${prefix}.json`), JSON.stringify({ pid, created: new Date().toISOString() }));
}

export function forgetOwner(prefix: string): void {
  rmSync(join(RECORD_DIR, `${prefix}.json`), { force: true });
}

function recordedOwner(prefix: string): number | undefined {
  try {
    const record = JSON.parse(readFileSync(join(RECORD_DIR, `${prefix}.json`), 'utf8')) as { pid?: unknown };
    return typeof record.pid === 'number' ? record.pid : undefined;
  } catch {
    return undefined;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed owner can linger as a zombie until its parent reaps it; it still answers kill(0) but is dead.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** Deletes lab namespaces (and their stray processes) whose owner is dead. Returns the namespaces it removed. */
export function sweepStaleLabs(): string[] {
  const removed: string[] = [];
  for (const name of listNamespacesSync()) {
    const match = NAME_PATTERN.exec(name);
    if (!match) continue;
    const prefix = match[1] ?? '';
    // Without a record the namespace may belong to another tool that happens to share the prefix: never touch it.
    const owner = recordedOwner(prefix);
    if (owner === undefined || isAlive(owner)) continue;
    for (const pid of namespacePidsSync(name)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    if (ipSync(['netns', 'del', name])) removed.push(name);
  }
  sweepOrphanRecords();
  return removed;
}

function sweepOrphanRecords(): void {
  let files: string[];
  try {
    files = readdirSync(RECORD_DIR);
  } catch {
    return;
  }
  const living = new Set(listNamespacesSync().map((name) => NAME_PATTERN.exec(name)?.[1]));
  for (const file of files) {
    const prefix = file.replace(/\.json$/, '');
    const owner = recordedOwner(prefix);
    if (!living.has(prefix) && (owner === undefined || !isAlive(owner))) rmSync(join(RECORD_DIR, file), { force: true });
  }
}
