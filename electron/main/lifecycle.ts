import { dirname } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, shell } from 'electron';
import type { AppServices } from '../services/compose';
import { APP_NAME, APP_VERSION } from '../services/app/version';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { createAppUrlCheck } from './app-url';
import { createSenderCheck, registerIpc } from './ipc';
import { buildMenuTemplate } from './menu';
import { hardenWebContents } from './security';
import { createMainWindow, type AppPaths } from './window';
import { defaultDataDir, defaultDataDirKind, type DataDirKind } from '../services/app/data-dir';

export interface StartOptions {
  paths: AppPaths;
  composeServices(options: { dataDir: string; transport: 'electron'; dataDirKind: DataDirKind }): AppServices;
  platform?: NodeJS.Platform;
}

/**
 * Wires Electron to the services. Resolves true once the window is open, false when another instance already runs
 * (this one then quits, and the running one focuses its window: one set of sockets, one route list) or start-up failed.
 */
export function startApp(options: StartOptions): Promise<boolean> {
  const platform = options.platform ?? process.platform;
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve(false);
  }
  // Before ready, or the scheme is not standard and secure: module scripts and the page's origin depend on it.
  registerAppScheme(protocol);
  const { appUrl, isAppUrl } = createAppUrlCheck();
  let mainWindow: BrowserWindow | undefined;
  let services: AppServices | undefined;

  const liveWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : undefined);

  app.on('second-instance', () => {
    const window = liveWindow();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });

  // Every WebContents, not just the main window's: a future dialog or devtools page gets the same limits.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, isAppUrl, (what) => services?.context.logBook.logger('electron').warn(`blocked ${what}`));
  });

  const openWindow = () => {
    if (!services) return;
    const log = services.context.logBook.logger('electron');
    mainWindow = createMainWindow({ paths: options.paths, appUrl, isAppUrl, log });
    mainWindow.on('closed', () => {
      mainWindow = undefined;
    });
  };

  const whenStarted = app.whenReady().then(() => {
    // The same folder as the browser host and the CLI (not Electron's userData, which differs on Linux), so all three
    // share one client identity and one route list.
    const dataDir = defaultDataDir();
    services = options.composeServices({ dataDir, transport: 'electron', dataDirKind: defaultDataDirKind() });
    const log = services.context.logBook.logger('electron');
    serveAppScheme(protocol, dirname(options.paths.indexHtml));
    registerIpc(ipcMain, services.dispatcher, services.context.events, createSenderCheck(liveWindow, isAppUrl), {
      eventTargets: () => {
        const window = liveWindow();
        return window ? [window.webContents] : [];
      },
      log,
    });
    const template = buildMenuTemplate({
      appName: APP_NAME,
      platform,
      isDev: !app.isPackaged,
      showAbout: () => {
        const options = {
          type: 'info' as const,
          title: `About ${APP_NAME}`,
          message: APP_NAME,
          detail: `Version ${APP_VERSION}`,
          buttons: ['OK'],
        };
        const window = liveWindow();
        void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
      },
      openDataFolder: () => {
        void shell.openPath(dataDir).then((problem) => {
          if (problem) log.warn(`could not open the data folder: ${problem}`);
        });
      },
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
    openWindow();
  });

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open reopens it.
    if (!liveWindow() && BrowserWindow.getAllWindows().length === 0) openWindow();
  });

  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });

  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !services) return;
    // Hold the quit until services have closed their sockets and files, then quit for real.
    event.preventDefault();
    disposed = true;
    const running = services;
    void running
      .dispose()
      .catch((error: unknown) => console.error(`ADS Route Studio: shutdown: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => app.quit());
  });

  return whenStarted.then(
    () => true,
    (error: unknown) => {
      // Without services the window would be an empty shell: say why and leave.
      dialog.showErrorBox(APP_NAME, `The app could not start: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
      return false;
    },
  );
}
