/**
 * Entry point of a crypto worker thread (bundled to dist/electron/crypto-worker.cjs by scripts/build.mjs). It answers
 * { id, job } with { id, ok, result } or { id, ok: false, failure }, one job at a time, in order.
 */
import { parentPort } from 'node:worker_threads';
import { describeJobFailure, runCryptoJob, WorkerKeys, type WireJob } from './crypto-jobs';

const port = parentPort;
const keys = new WorkerKeys();
if (port) {
  port.on('message', (message: { id: number; job: WireJob }) => {
    try {
      port.postMessage({ id: message.id, ok: true, result: runCryptoJob(keys.resolve(message.job)) });
    } catch (error) {
      port.postMessage({ id: message.id, ok: false, failure: describeJobFailure(error) });
    }
  });
}
