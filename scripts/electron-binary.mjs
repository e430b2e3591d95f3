// Fetches Electron's binary on first use (npm 11 no longer runs Electron's own install script). Electron's installer
// reports a failure as a raw stack ("TypeError: fetch failed"), which tells the user nothing: its output is kept to
// itself and one line says what to do instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const DOWNLOAD_FAILED =
  'ADS Route Studio: the Electron binary could not be downloaded here (no network, or a proxy in the way). Use `npm run web` (browser) instead.';

/** True when the binary is there (already, or downloaded now); false after saying why not. */
export function ensureElectronBinary(electronDir, { log = console.log, error = console.error } = {}) {
  if (existsSync(join(electronDir, 'path.txt'))) return true;
  log('ADS Route Studio: downloading the Electron binary (first start only)…');
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (install.status === 0 && existsSync(join(electronDir, 'path.txt'))) return true;
  error(DOWNLOAD_FAILED);
  return false;
}
