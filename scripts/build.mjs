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
  // Loaded by path at run time (new Worker), never imported: see crypto-pool.ts. Only dist/electron holds it, so
  // dist/bench/all.cjs does not mistake it for a benchmark; the pool finds it from dist/bench too.
  'electron/crypto-worker': 'electron/services/ads/secure/tls/crypto-worker.ts',
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
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
});
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log(`built ${entryPoints.length} Node bundles and the renderer into dist/`);
