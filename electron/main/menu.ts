import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  appName: string;
  platform: NodeJS.Platform;
  /** Reload and DevTools are for development; a packaged app does not offer them. */
  isDev: boolean;
  showAbout(): void;
  openDataFolder(): void;
}

/** The application menu as data, so its content can be checked without Electron. */
export function buildMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const isMac = actions.platform === 'darwin';
  const about: MenuItemConstructorOptions = { label: `About ${actions.appName}`, click: () => actions.showAbout() };
  const openData: MenuItemConstructorOptions = { label: 'Open data folder', click: () => actions.openDataFolder() };

  const template: MenuItemConstructorOptions[] = [];
  if (isMac) {
    template.push({
      label: actions.appName,
      submenu: [
        about,
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({ label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' }] });
  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });
  const devItems: MenuItemConstructorOptions[] = actions.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  template.push({
    label: '&View',
    submenu: [
      ...devItems,
      { role: 'togglefullscreen' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
    ],
  });
  template.push({ label: '&Help', submenu: isMac ? [openData] : [about, { type: 'separator' }, openData] });
  return template;
}
