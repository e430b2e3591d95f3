import { BrowserWindow, session } from 'electron';
import type { Logger } from '../services/log/logger';
import { denyPermissions, hardenWebContents, installContentSecurityPolicy } from './security';

export interface AppPaths {
  /** dist/electron/preload.cjs */
  preload: string;
  /** dist/renderer/index.html */
  indexHtml: string;
}

export interface MainWindowDeps {
  paths: AppPaths;
  /** The renderer's page on the app:// scheme. */
  appUrl: string;
  isAppUrl(url: string): boolean;
  log: Pick<Logger, 'warn'>;
}

/** The one window: sandboxed, isolated, no Node, our own page only. */
export function createMainWindow(deps: MainWindowDeps): BrowserWindow {
  const ses = session.defaultSession;
  installContentSecurityPolicy(ses);
  denyPermissions(ses, deps.isAppUrl);

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'ADS Route Studio',
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: deps.paths.preload,
      spellcheck: false,
    },
  });
  hardenWebContents(window.webContents, deps.isAppUrl, (what) => deps.log.warn(`main window: blocked ${what}`));
  // Showing only once painted avoids a white flash; the window still appears if the first paint never comes.
  window.once('ready-to-show', () => window.show());
  window.loadURL(deps.appUrl).catch((error: unknown) => {
    deps.log.warn(`main window: could not load the renderer: ${error instanceof Error ? error.message : String(error)}`);
    window.show();
  });
  return window;
}
