import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabNamespace } from '../lab';
import { waitForAppLink } from './ready-line';

export const WEB_HOST_BUNDLE = fileURLToPath(new URL('../../dist/electron/web-host.cjs', import.meta.url));

export interface WebHostProcess {
  /** The full link the host printed, token included. */
  url: string;
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  process: ChildProcess;
  /** What the host wrote to stdout/stderr so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the built browser host (`dist/electron/web-host.cjs`) with a fresh data folder, in the root namespace or
 * inside a lab namespace, and resolves with the link it prints.
 */
export async function startWebHostProcess(
  options: { namespace?: LabNamespace; timeoutMs?: number; dataDir?: string } = {},
): Promise<WebHostProcess> {
  // A caller's data folder (e.g. with routes the CLI made) is used as it is, and removed on stop like a fresh one.
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ars-e2e-data-')));
  const env = { ...process.env, ADS_ROUTE_STUDIO_DATA: dataDir };
  const argv = [WEB_HOST_BUNDLE];
  const child = options.namespace
    ? options.namespace.spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const guard = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(guard);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  const timeoutMs = options.timeoutMs ?? 20_000;
  try {
    const url = await waitForAppLink(child, chunks, 'web host', timeoutMs);
    const parsed = new URL(url);
    return {
      url,
      origin: parsed.origin,
      token: parsed.searchParams.get('token') ?? '',
      port: Number(parsed.port),
      dataDir,
      process: child,
      output: () => chunks.join(''),
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${chunks.join('')}`);
  }
}
