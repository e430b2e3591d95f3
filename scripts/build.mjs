// Builds everything the app, the CLI and the tests run: Node bundles with esbuild, the renderer with Vite.
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const nodeEntries = {
  'electron/main': 'electron/main/main.ts',
  'electron/preload': 'electron/preload/preload.cts',
  'electron/web-host': 'electron/host/web-host-main.ts',
  'electron/cli': 'electron/cli/main.ts',
  'electron/demo': 'electron/demo/demo-main.ts',
  'bench/all': 'electron/bench/all.ts',
  'bench/discovery': 'electron/bench/discovery.ts',
  'bench/tls': 'electron/bench/tls.ts',
  'bench/routes': 'electron/bench/routes.ts',
  'bench/targets-view': 'electron/bench/targets-view.ts',
};

const entryPoints = Object.entries(nodeEntries)
  .filter(([, src]) => existsSync(src))
  .map(([out, src]) => ({ out, in: src }));

await rm('dist', { recursive: true, force: true });
// The crypto worker thread's code goes into every bundle as text (new Worker(source, { eval: true })): no extra file
// to find at run time, and nothing a worker thread would have to read out of app.asar in the packaged app.
const worker = await esbuild({
  entryPoints: ['electron/services/ads/secure/tls/crypto-worker.ts'],
  bundle: true,
  write: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
});
const workerSource = worker.outputFiles[0].text;
await esbuild({
  entryPoints,
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  logLevel: 'warning',
  // Electron is provided by the runtime; optional native helpers of ws are not needed.
  external: ['electron', 'bufferutil', 'utf-8-validate'],
  define: { __APP_VERSION__: JSON.stringify(pkg.version), __CRYPTO_WORKER_SOURCE__: JSON.stringify(workerSource) },
});
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(`built ${entryPoints.length} Node bundles and the renderer into dist/`);
