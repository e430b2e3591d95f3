/**
 * Worker threads for the handshake's modular exponentiation and RSA signatures, so that a batch of 100 Secure ADS
 * routes never holds the services' event loop (Electron's main process: IPC and the UI's answers) for more than a few
 * milliseconds: each handshake costs a DHE agreement and an RSA signature of a millisecond or more, and a hundred of
 * them finishing in one turn of the loop would otherwise run back to back on it.
 *
 * The worker's code (crypto-worker.ts) is built into every bundle as text by scripts/build.mjs and started with
 * `eval`, so the app, the CLI and the benchmarks need no file beside them (and a packaged app nothing outside
 * app.asar). Unbundled code under test has no such text: it loads the file that ARS_CRYPTO_WORKER names, which the
 * tests' global setup builds. Without a usable worker the same jobs run on the calling thread: slower to answer
 * other events, never a failed handshake.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RsaPrivateKey, RsaPublicKey, SignatureHash } from './crypto-primitives';
import {
  jobFailureError,
  runCryptoJob,
  WORKER_KEY_CACHE,
  type CryptoJob,
  type CryptoJobFailure,
  type CryptoJobResult,
  type CryptoJobResults,
  type WireJob,
} from './crypto-jobs';

declare const __CRYPTO_WORKER_SOURCE__: string | undefined;

export const CRYPTO_WORKER_FILE = 'crypto-worker.cjs';
/** More threads than this only add memory: a route batch is I/O-bound once the maths is off the main thread. */
const MAX_WORKERS = 4;

type Reply = { id: number; ok: true; result: CryptoJobResult } | { id: number; ok: false; failure: CryptoJobFailure };

interface Pending {
  job: CryptoJob;
  resolve(result: CryptoJobResult): void;
  reject(error: Error): void;
}

interface Lane {
  worker: Worker;
  pending: Map<number, Pending>;
  /** Ids of the keys this worker holds, oldest first (mirrors WorkerKeys). */
  keys: Set<number>;
}

export interface CryptoPoolStatus {
  /** 'workers' once a worker answered; 'in-thread' when none could start (or all died). */
  mode: 'workers' | 'in-thread' | 'idle';
  workers: number;
  /** Jobs run on worker threads / on the calling thread since the pool was created. */
  offThread: number;
  inThread: number;
  /** 'built-in' (bundled text), the worker file's path, or null without a worker. */
  workerCode: string | null;
}

/** What a worker runs: the code built into this bundle, or else a worker file (unbundled code under test). */
export type CryptoWorkerCode = { source: string } | { file: string };

/** The built-in code; otherwise the file ARS_CRYPTO_WORKER names or one beside this module; null when neither exists. */
export function findCryptoWorker(
  baseDir: string = __dirname,
  env: NodeJS.ProcessEnv = process.env,
  builtIn: string | undefined = typeof __CRYPTO_WORKER_SOURCE__ === 'string' ? __CRYPTO_WORKER_SOURCE__ : undefined,
): CryptoWorkerCode | null {
  if (builtIn) return { source: builtIn };
  for (const candidate of [env.ARS_CRYPTO_WORKER, join(baseDir, CRYPTO_WORKER_FILE)]) {
    if (candidate && existsSync(candidate)) return { file: candidate };
  }
  return null;
}

export class CryptoPool {
  private lanes: Lane[] | null = null;
  private nextId = 1;
  private offThread = 0;
  private inThread = 0;
  private answered = false;
  private readonly keyIds = new WeakMap<object, number>();
  private nextKeyId = 1;

  constructor(
    private readonly workerCode: CryptoWorkerCode | null = findCryptoWorker(),
    private readonly size: number = Math.max(1, Math.min(MAX_WORKERS, availableParallelism())),
  ) {}

  dhe(p: bigint, g: bigint, ys: bigint, exponentBits: number): Promise<CryptoJobResults['dhe']> {
    return this.run({ op: 'dhe', p, g, ys, exponentBits }) as Promise<CryptoJobResults['dhe']>;
  }

  sign(key: RsaPrivateKey, hash: SignatureHash, data: Uint8Array): Promise<Uint8Array> {
    return this.run({ op: 'sign', key: key.handle, hash, data }) as Promise<Uint8Array>;
  }

  verify(key: RsaPublicKey, hash: SignatureHash, data: Uint8Array, signature: Uint8Array): Promise<boolean> {
    return this.run({ op: 'verify', key: key.handle, hash, data, signature }) as Promise<boolean>;
  }

  status(): CryptoPoolStatus {
    const workers = this.lanes?.length ?? 0;
    return {
      mode: this.lanes === null ? 'idle' : workers > 0 && this.answered ? 'workers' : workers > 0 ? 'idle' : 'in-thread',
      workers,
      offThread: this.offThread,
      inThread: this.inThread,
      workerCode: this.workerCode === null ? null : 'source' in this.workerCode ? 'built-in' : this.workerCode.file,
    };
  }

  /** Stops the threads; later jobs start new ones. */
  async close(): Promise<void> {
    const lanes = this.lanes ?? [];
    this.lanes = null;
    await Promise.all(lanes.map((lane) => this.retire(lane, true)));
  }

  private run(job: CryptoJob): Promise<CryptoJobResult> {
    const lane = this.pickLane();
    if (!lane) return this.runHere(job);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      lane.pending.set(id, { job, resolve, reject });
      // Busy workers keep the process alive (a CLI waits for its handshake); idle ones must not keep it from exiting.
      if (lane.pending.size === 1) lane.worker.ref();
      try {
        lane.worker.postMessage({ id, job: this.toWire(lane, job) });
      } catch {
        lane.pending.delete(id);
        this.runHere(job).then(resolve, reject);
      }
    });
  }

  private toWire(lane: Lane, job: CryptoJob): WireJob {
    if (job.op === 'dhe') return job;
    let keyId = this.keyIds.get(job.key);
    if (keyId === undefined) this.keyIds.set(job.key, (keyId = this.nextKeyId++));
    const { key, ...rest } = job;
    if (lane.keys.has(keyId)) return { ...rest, keyId };
    lane.keys.add(keyId);
    if (lane.keys.size > WORKER_KEY_CACHE) lane.keys.delete(lane.keys.values().next().value as number);
    return { ...rest, keyId, key };
  }

  private runHere(job: CryptoJob): Promise<CryptoJobResult> {
    this.inThread++;
    try {
      return Promise.resolve(runCryptoJob(job));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private pickLane(): Lane | null {
    if (this.lanes === null) this.lanes = this.start();
    let best: Lane | null = null;
    for (const lane of this.lanes) if (!best || lane.pending.size < best.pending.size) best = lane;
    return best;
  }

  private start(): Lane[] {
    const code = this.workerCode;
    if (!code) return [];
    const lanes: Lane[] = [];
    for (let i = 0; i < this.size; i++) {
      let worker: Worker;
      try {
        worker = 'source' in code ? new Worker(code.source, { eval: true }) : new Worker(code.file);
      } catch {
        break;
      }
      worker.unref();
      const lane: Lane = { worker, pending: new Map(), keys: new Set() };
      worker.on('message', (reply: Reply) => this.settle(lane, reply));
      worker.on('error', () => void this.retire(lane, false));
      worker.on('exit', () => void this.retire(lane, false));
      lanes.push(lane);
    }
    return lanes;
  }

  private settle(lane: Lane, reply: Reply): void {
    const pending = lane.pending.get(reply.id);
    if (!pending) return;
    lane.pending.delete(reply.id);
    if (lane.pending.size === 0) lane.worker.unref();
    this.answered = true;
    this.offThread++;
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(jobFailureError(reply.failure));
  }

  /** A worker that failed or exited: its unanswered jobs run here instead, so no handshake fails for it. */
  private async retire(lane: Lane, terminate: boolean): Promise<void> {
    if (this.lanes) this.lanes = this.lanes.filter((l) => l !== lane);
    const orphans = [...lane.pending.values()];
    lane.pending.clear();
    for (const orphan of orphans) this.runHere(orphan.job).then(orphan.resolve, orphan.reject);
    if (terminate) await lane.worker.terminate();
  }
}

let shared: CryptoPool | null = null;

/** The process-wide pool the TLS engine uses. */
export function cryptoPool(): CryptoPool {
  shared ??= new CryptoPool();
  return shared;
}
