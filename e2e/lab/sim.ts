import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LabTarget } from './namespace';

export const CLI_BUNDLE = fileURLToPath(new URL('../../dist/electron/cli.cjs', import.meta.url));

export interface SimReady {
  event: 'ready';
  name: string;
  netId: string;
  address: string;
  fingerprint?: string;
  [key: string]: unknown;
}

export interface SimHandle {
  ready: SimReady;
  process: ChildProcess;
  /** Every JSON line the simulator printed after `ready`, in order. */
  events: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * Runs the virtual TwinCAT target (`adsroute sim`) inside a target namespace, bound to its lab address, and resolves
 * once it reports ready. Extra CLI flags go in `args` (they may hold passwords, so they never appear in errors).
 */
export function startSim(target: LabTarget, args: readonly string[] = [], options: { timeoutMs?: number } = {}): Promise<SimHandle> {
  // Linux hands a broadcast only to sockets bound to its destination. The target binds its subnet's broadcast by
  // itself (as TwinCAT hears it); the limited one (255.255.255.255) is asked for here. The lab's addresses are outside
  // loopback, inside namespaces of their own: the one place --allow-lan is right.
  const child = target.spawn(process.execPath, [
    CLI_BUNDLE,
    'sim',
    '--bind',
    target.address,
    '--broadcast',
    '255.255.255.255',
    '--allow-lan',
    '--json',
    ...args,
  ]);
  const events: Array<Record<string, unknown>> = [];
  const stderrTail: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail.push(chunk);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  return new Promise<SimHandle>((resolve, reject) => {
    let ready: SimReady | undefined;
    const fail = (why: string) => {
      clearTimeout(guard);
      child.kill('SIGKILL');
      const detail = stderrTail.join('').trim().split('\n').slice(-5).join(' | ');
      reject(new Error(`simulator in ${target.name} ${why}${detail ? `: ${detail}` : ''}`));
    };
    const guard = setTimeout(() => fail(`did not report ready within ${options.timeoutMs ?? 20_000} ms`), options.timeoutMs ?? 20_000);
    child.once('error', (error) => fail(`could not start (${error.message})`));
    child.once('exit', (code, signal) => {
      if (!ready) fail(`exited before ready (${signal ?? `code ${code}`})`);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return; // Human-readable lines are allowed next to the JSON ones.
      }
      if (ready) {
        events.push(parsed);
      } else if (parsed.event === 'ready') {
        ready = parsed as SimReady;
        clearTimeout(guard);
        resolve({ ready, process: child, events, stop });
      }
    });
  });
}
