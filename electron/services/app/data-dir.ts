import { homedir } from 'node:os';
import { join } from 'node:path';

/** Why the services use the folder they use; the Settings page says it, so nobody wonders which identity is live. */
export type DataDirKind = 'default' | 'environment' | 'demo';

/**
 * Per-user data folder, following each OS's convention, shared by the desktop app, the browser host and the CLI so
 * they use one client identity and one route list. ADS_ROUTE_STUDIO_DATA overrides it (tests, portable use).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ADS_ROUTE_STUDIO_DATA) return env.ADS_ROUTE_STUDIO_DATA;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'ADS Route Studio');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'ADS Route Studio');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'ads-route-studio');
}

export function defaultDataDirKind(env: NodeJS.ProcessEnv = process.env): DataDirKind {
  return env.ADS_ROUTE_STUDIO_DATA ? 'environment' : 'default';
}
