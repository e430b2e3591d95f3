import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_MAIN_BUNDLE = fileURLToPath(new URL('../../dist/electron/main.cjs', import.meta.url));

export type ElectronBinary = { ok: true; path: string } | { ok: false; reason: string };

/**
 * Finds the Electron executable without `require('electron')`: that require downloads the binary when it is
 * missing, and tests must never reach the internet.
 */
export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { ok: false, reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile))
    return { ok: false, reason: 'no Electron binary (node_modules/electron/path.txt missing: its download did not run)' };
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(distDir, relative);
  if (!existsSync(binary)) return { ok: false, reason: `no Electron binary at ${binary}` };
  if (!existsSync(ELECTRON_MAIN_BUNDLE)) return { ok: false, reason: 'dist/electron/main.cjs is not built (run npm run build)' };
  return { ok: true, path: binary };
}
