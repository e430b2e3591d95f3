import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, type MenuActions } from './menu';

function actions(overrides: Partial<MenuActions> = {}): MenuActions {
  return { appName: 'ADS Route Studio', platform: 'linux', isDev: false, showAbout: vi.fn(), openDataFolder: vi.fn(), ...overrides };
}

function submenu(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((item) => item.label?.replace('&', '') === label);
  if (!menu) throw new Error(`no ${label} menu`);
  return menu.submenu as MenuItemConstructorOptions[];
}

const roles = (items: MenuItemConstructorOptions[]) => items.map((item) => item.role).filter(Boolean);
const labels = (items: MenuItemConstructorOptions[]) => items.map((item) => item.label).filter(Boolean);

describe('application menu', () => {
  it('has File, Edit, View and Help with the expected entries on Windows and Linux', () => {
    const template = buildMenuTemplate(actions());
    expect(template.map((item) => item.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(roles(submenu(template, 'File'))).toEqual(['quit']);
    expect(roles(submenu(template, 'Edit'))).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(roles(submenu(template, 'View'))).toEqual(['togglefullscreen', 'resetZoom', 'zoomIn', 'zoomOut']);
    expect(labels(submenu(template, 'Help'))).toEqual(['About ADS Route Studio', 'Open data folder']);
  });

  it('offers Reload and DevTools only in development', () => {
    const dev = roles(submenu(buildMenuTemplate(actions({ isDev: true })), 'View'));
    expect(dev).toEqual(expect.arrayContaining(['reload', 'toggleDevTools', 'togglefullscreen']));
    const packaged = roles(submenu(buildMenuTemplate(actions({ isDev: false })), 'View'));
    expect(packaged).not.toContain('reload');
    expect(packaged).not.toContain('toggleDevTools');
  });

  it('runs About and Open data folder when clicked', () => {
    const handlers = actions();
    const help = submenu(buildMenuTemplate(handlers), 'Help');
    const click = (label: string) => (help.find((item) => item.label === label)?.click as () => void)();
    click('About ADS Route Studio');
    expect(handlers.showAbout).toHaveBeenCalledTimes(1);
    click('Open data folder');
    expect(handlers.openDataFolder).toHaveBeenCalledTimes(1);
  });

  it('follows the macOS convention: app menu first with About and Quit', () => {
    const template = buildMenuTemplate(actions({ platform: 'darwin' }));
    expect(template.map((item) => item.label)).toEqual(['ADS Route Studio', '&File', '&Edit', '&View', '&Help']);
    const appMenu = template[0]?.submenu as MenuItemConstructorOptions[];
    expect(labels(appMenu)).toContain('About ADS Route Studio');
    expect(roles(appMenu)).toContain('quit');
    expect(roles(submenu(template, 'File'))).toEqual(['close']);
  });
});
