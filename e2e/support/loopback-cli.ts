import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLI_BUNDLE } from '../lab/sim';

/** A virtual target (`adsroute sim`) on a loopback address, stopped by its own PID. */
export interface LoopbackSim {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `adsroute sim --json …` in the root namespace and resolves once it reports ready. */
export function startLoopbackSim(args: string[]): Promise<LoopbackSim> {
  const child = spawn(process.execPath, [CLI_BUNDLE, 'sim', '--json', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  // Read, so a chatty target never blocks on a full pipe; its last lines explain a start that went wrong.
  const stderrTail: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail.push(chunk);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  return new Promise((resolve, reject) => {
    const guard = setTimeout(() => {
      void stop();
      reject(new Error(`the virtual target did not report ready within 20 s: ${stderrTail.join('').trim()}`));
    }, 20_000);
    child.once('exit', (code) => {
      clearTimeout(guard);
      reject(new Error(`the virtual target exited before ready (code ${code}): ${stderrTail.join('').trim()}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.includes('"ready"')) return;
      clearTimeout(guard);
      resolve({ child, stop });
    });
  });
}

/** Runs the built `adsroute` CLI to its end; stdout and stderr together, for assertions and failure messages. */
export async function runCli(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [CLI_BUNDLE, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, output: chunks.join('') };
}

/** `adsroute add-route ADDRESS --secure none` with the target's Administrator password, into `dataDir`. */
export function addPlainRoute(address: string, password: string, dataDir: string): Promise<{ code: number | null; output: string }> {
  return runCli(['add-route', address, '--secure', 'none', '--user', 'Administrator', '--password', password, '--data-dir', dataDir]);
}
