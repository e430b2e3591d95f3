import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, fakeEvent, FakeBrowserWindow, type FakeElectron } from './testing/fake-electron';

const fake = vi.hoisted(() => ({ current: undefined as unknown as FakeElectron }));
vi.mock('electron', () => ({
  get BrowserWindow() {
    return fake.current.BrowserWindow;
  },
  get session() {
    return fake.current.session;
  },
}));

const { createMainWindow } = await import('./window');
const { createAppUrlCheck } = await import('./app-url');
const { CONTENT_SECURITY_POLICY } = await import('./security');

const paths = {
  preload: '/opt/ars/resources/app.asar/dist/electron/preload.cjs',
  indexHtml: '/opt/ars/resources/app.asar/dist/renderer/index.html',
};
const { appUrl, isAppUrl } = createAppUrlCheck();

function openWindow() {
  const log = { warn: vi.fn() };
  const window = createMainWindow({ paths, appUrl, isAppUrl, log }) as unknown as FakeBrowserWindow;
  return { window, log, ses: fake.current.session.defaultSession };
}

beforeEach(() => {
  fake.current = createFakeElectron();
  FakeBrowserWindow.instances = [];
});

describe('main window', () => {
  it('runs the renderer isolated and sandboxed, without Node, with our preload', () => {
    const { window } = openWindow();
    expect(window.options.webPreferences).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: paths.preload,
      spellcheck: false,
    });
  });

  it('loads only the bundled renderer, from the app:// scheme', () => {
    const { window } = openWindow();
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith('app://ads-route-studio/index.html');
  });

  it('appears once painted', () => {
    const { window } = openWindow();
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('still appears, and logs, when the renderer cannot be loaded', async () => {
    const log = { warn: vi.fn() };
    const failing = class extends FakeBrowserWindow {
      override readonly loadURL = vi.fn(async () => {
        throw new Error('ERR_FILE_NOT_FOUND');
      });
    };
    fake.current = { ...fake.current, BrowserWindow: failing };
    const window = createMainWindow({ paths, appUrl, isAppUrl, log }) as unknown as FakeBrowserWindow;
    await vi.waitFor(() => expect(window.show).toHaveBeenCalled());
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('ERR_FILE_NOT_FOUND'));
  });

  it('denies every window.open', () => {
    const { window, log } = openWindow();
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(window.webContents.windowOpenHandler?.({ url: appUrl })).toEqual({ action: 'deny' });
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('window.open'));
  });

  it('prevents navigation and redirects away from our page but lets our own page reload', () => {
    const { window, log } = openWindow();
    for (const url of [
      'https://evil.example/steal?pw=secret',
      'file:///etc/passwd',
      'data:text/html,hi',
      'javascript:alert(1)',
      'not a url',
    ]) {
      const event = fakeEvent();
      window.webContents.emit('will-navigate', event, url);
      expect(event.defaultPrevented, url).toBe(true);
      const redirect = fakeEvent();
      window.webContents.emit('will-redirect', redirect, url);
      expect(redirect.defaultPrevented, url).toBe(true);
    }
    // The path and query of a refused URL never reach the log.
    expect(log.warn.mock.calls.flat().join('\n')).not.toContain('secret');

    const own = fakeEvent();
    window.webContents.emit('will-navigate', own, `${appUrl}#/routes`);
    expect(own.defaultPrevented).toBe(false);
  });

  it('prevents any frame, subframes included, from navigating away from our page (will-frame-navigate)', () => {
    const { window, log } = openWindow();
    for (const [url, isMainFrame] of [
      ['https://evil.example/login?pw=secret', false],
      ['file:///etc/passwd', true],
      ['app://ads-route-studio/other.html', false],
    ] as const) {
      const event = Object.assign(fakeEvent(), { url, isMainFrame });
      window.webContents.emit('will-frame-navigate', event);
      expect(event.defaultPrevented, url).toBe(true);
    }
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('frame navigation to https://evil.example'));
    expect(log.warn.mock.calls.flat().join('\n')).not.toContain('secret');
    const own = Object.assign(fakeEvent(), { url: `${appUrl}#/log`, isMainFrame: true });
    window.webContents.emit('will-frame-navigate', own);
    expect(own.defaultPrevented).toBe(false);
  });

  it('refuses to attach a <webview>', () => {
    const { window } = openWindow();
    const event = fakeEvent();
    window.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies permission requests and checks (camera, location, notifications, clipboard read)', () => {
    const { window, ses } = openWindow();
    window.webContents.mainFrame.url = appUrl;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'serial']) {
      const callback = vi.fn();
      ses.permissionRequestHandler?.(window.webContents, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
      expect(ses.permissionCheckHandler?.(window.webContents, permission, 'file://', { requestingUrl: appUrl }), permission).toBe(false);
    }
  });

  it('lets only our own page write (not read) the clipboard, for its copy buttons', () => {
    const { window, ses } = openWindow();
    window.webContents.mainFrame.url = appUrl;
    const ours = vi.fn();
    ses.permissionRequestHandler?.(window.webContents, 'clipboard-sanitized-write', ours, {});
    expect(ours).toHaveBeenCalledWith(true);

    window.webContents.mainFrame.url = 'https://evil.example/';
    const foreign = vi.fn();
    ses.permissionRequestHandler?.(window.webContents, 'clipboard-sanitized-write', foreign, {});
    expect(foreign).toHaveBeenCalledWith(false);
  });

  it('puts the strict CSP on responses, replacing any the response brought', () => {
    const { ses } = openWindow();
    const callback = vi.fn();
    ses.headersListener?.({ url: appUrl, responseHeaders: { 'content-security-policy': ['default-src *'], 'X-Other': ['1'] } }, callback);
    const headers = callback.mock.calls[0]?.[0].responseHeaders as Record<string, string[]>;
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(headers['content-security-policy']).toBeUndefined();
    expect(headers['X-Other']).toEqual(['1']);
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "connect-src 'none'",
      "object-src 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
      "base-uri 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('adds the CSP to a file response that has no headers at all', () => {
    const { ses } = openWindow();
    const callback = vi.fn();
    ses.headersListener?.({ url: appUrl }, callback);
    expect(callback.mock.calls[0]?.[0].responseHeaders).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
