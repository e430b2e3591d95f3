import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/transport';
import { createDispatcher } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { defaultDataDir } from '../services/app/data-dir';
import type { AppServices } from '../services/compose';
import { LogBook } from '../services/log/logger';
import { createFakeElectron, fakeEvent, FakeBrowserWindow, FakeWebContents, type FakeElectron } from './testing/fake-electron';

const fake = vi.hoisted(() => ({ current: undefined as unknown as FakeElectron }));
vi.mock('electron', () => ({
  get app() {
    return fake.current.app;
  },
  get BrowserWindow() {
    return fake.current.BrowserWindow;
  },
  get ipcMain() {
    return fake.current.ipcMain;
  },
  get Menu() {
    return fake.current.Menu;
  },
  get dialog() {
    return fake.current.dialog;
  },
  get shell() {
    return fake.current.shell;
  },
  get session() {
    return fake.current.session;
  },
  get protocol() {
    return fake.current.protocol;
  },
}));

const { startApp } = await import('./lifecycle');

const paths = { preload: '/app/dist/electron/preload.cjs', indexHtml: '/app/dist/renderer/index.html' };

function fakeServices() {
  const logBook = new LogBook();
  const events = new EventBus();
  const dispose = vi.fn(async () => {});
  const services: AppServices = {
    // Cast: the lifecycle only uses the log and the event bus; other context fields belong to features.
    context: { logBook, events, dataDir: '', transport: 'electron' } as AppServices['context'],
    dispatcher: createDispatcher({}, logBook.logger('ipc')),
    dispose,
  };
  const compose = vi.fn((options: { dataDir: string }) => {
    services.context.dataDir = options.dataDir;
    return services;
  });
  return { services, compose, dispose };
}

async function started(platform: NodeJS.Platform = 'linux') {
  const { compose, dispose } = fakeServices();
  const done = startApp({ paths, composeServices: compose, platform });
  fake.current.app.becomeReady();
  await expect(done).resolves.toBe(true);
  const window = FakeBrowserWindow.instances[0];
  if (!window) throw new Error('no window was opened');
  return { compose, dispose, window };
}

beforeEach(() => {
  fake.current = createFakeElectron();
  FakeBrowserWindow.instances = [];
  delete process.env.ADS_ROUTE_STUDIO_DATA;
});

describe('app lifecycle', () => {
  it('quits at once, composing nothing, when another instance holds the lock', async () => {
    fake.current.app.gotLock = false;
    const { compose } = fakeServices();
    await expect(startApp({ paths, composeServices: compose, platform: 'linux' })).resolves.toBe(false);
    expect(fake.current.app.quit).toHaveBeenCalled();
    expect(compose).not.toHaveBeenCalled();
    expect(fake.current.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('once ready: composes services in the data folder the browser host and CLI use too, answers IPC, opens the window and sets the menu', async () => {
    const { compose, window } = await started();
    expect(compose).toHaveBeenCalledWith({ dataDir: defaultDataDir(), transport: 'electron', dataDirKind: 'default' });
    expect(fake.current.ipcMain.handlers.has(ELECTRON_INVOKE_CHANNEL)).toBe(true);
    expect(window.loadURL).toHaveBeenCalledWith('app://ads-route-studio/index.html');
    expect(fake.current.Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
  });

  it('registers app:// as a standard, secure scheme before ready, and serves the renderer folder on it once ready', async () => {
    const { compose } = fakeServices();
    const starting = startApp({ paths, composeServices: compose, platform: 'linux' });
    expect(fake.current.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(fake.current.protocol.handle).not.toHaveBeenCalled();
    fake.current.app.becomeReady();
    await starting;
    expect(fake.current.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    // The handler serves files of the renderer folder only; /app/dist/renderer does not exist here, so: not found.
    const answer = await fake.current.protocol.schemeHandlers.get('app')?.({ url: 'app://ads-route-studio/index.html' });
    expect(answer?.status).toBe(404);
  });

  it('uses the folder ADS_ROUTE_STUDIO_DATA names, and says so', async () => {
    process.env.ADS_ROUTE_STUDIO_DATA = '/portable/ars-data';
    const { compose } = await started();
    expect(compose).toHaveBeenCalledWith({ dataDir: '/portable/ars-data', transport: 'electron', dataDirKind: 'environment' });
  });

  it('answers IPC from its window once loaded', async () => {
    const { window } = await started();
    await window.loadURL.mock.results[0]?.value;
    const handler = fake.current.ipcMain.handlers.get(ELECTRON_INVOKE_CHANNEL);
    const result = await handler?.({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, 'no:such', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('brings the existing window back when a second instance starts', async () => {
    const { window } = await started();
    window.minimized = true;
    fake.current.app.emit('second-instance', fakeEvent(), ['ads-route-studio'], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('quits when the last window closes, except on macOS', async () => {
    await started('linux');
    fake.current.app.emit('window-all-closed');
    expect(fake.current.app.quit).toHaveBeenCalledTimes(1);

    fake.current = createFakeElectron();
    FakeBrowserWindow.instances = [];
    await started('darwin');
    fake.current.app.emit('window-all-closed');
    expect(fake.current.app.quit).not.toHaveBeenCalled();
  });

  it('reopens the window on macOS activate when none is open', async () => {
    const { window } = await started('darwin');
    window.close();
    fake.current.app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
  });

  it('holds the quit until services are disposed, then quits', async () => {
    const { dispose } = await started();
    const event = fakeEvent();
    fake.current.app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.current.app.quit).toHaveBeenCalled());
    expect(dispose).toHaveBeenCalledTimes(1);

    const second = fakeEvent();
    fake.current.app.emit('will-quit', second);
    expect(second.defaultPrevented).toBe(false);
    expect(dispose).toHaveBeenCalledTimes(1);
  });

  it('hardens any other web contents the app creates', async () => {
    await started();
    const contents = new FakeWebContents();
    fake.current.app.emit('web-contents-created', fakeEvent(), contents);
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const navigation = fakeEvent();
    contents.emit('will-navigate', navigation, 'https://example.com');
    expect(navigation.defaultPrevented).toBe(true);
  });

  it('shows the version in About', async () => {
    await started();
    const template = fake.current.Menu.buildFromTemplate.mock.calls[0]?.[0] as Array<{
      label?: string;
      submenu?: Array<{ label?: string; click?: () => void }>;
    }>;
    const about = template.flatMap((menu) => menu.submenu ?? []).find((item) => item.label === 'About ADS Route Studio');
    about?.click?.();
    expect(fake.current.dialog.showMessageBox).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ message: 'ADS Route Studio', detail: expect.stringMatching(/^Version \S+/) }),
    );
  });

  it('explains and exits when the services cannot start', async () => {
    const compose = vi.fn(() => {
      throw new Error('data folder is read-only');
    });
    const done = startApp({ paths, composeServices: compose, platform: 'linux' });
    fake.current.app.becomeReady();
    await expect(done).resolves.toBe(false);
    expect(fake.current.dialog.showErrorBox).toHaveBeenCalledWith('ADS Route Studio', expect.stringContaining('read-only'));
    expect(fake.current.app.exit).toHaveBeenCalledWith(1);
  });
});
