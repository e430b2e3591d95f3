/**
 * Builds the worker bundles that code under test loads by path (new Worker), which vitest does not transform, and
 * tells them where it is. Built into node_modules/.cache so tests never depend on a stale `npm run build`.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

export default async function setup(): Promise<void> {
  const outfile = join(process.cwd(), 'node_modules', '.cache', 'ads-route-studio', 'crypto-worker.cjs');
  await build({
    entryPoints: ['electron/services/ads/secure/tls/crypto-worker.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  process.env.ARS_CRYPTO_WORKER = outfile;
}
