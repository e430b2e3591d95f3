import { describe, expect, it, vi } from 'vitest';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/transport';
import { createDispatcher, type Dispatcher } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { createAppUrlCheck } from './app-url';
import { createSenderCheck, registerIpc, type InvokeEventLike } from './ipc';
import { createFakeElectron, fakeFrame, FakeBrowserWindow } from './testing/fake-electron';

const { appUrl, isAppUrl } = createAppUrlCheck();

function setup(dispatcher?: Dispatcher) {
  const electron = createFakeElectron();
  const window = new FakeBrowserWindow({});
  window.webContents.mainFrame.url = appUrl;
  const handler = vi.fn(() => [] as never[]);
  const realDispatcher = createDispatcher({ 'network:adapters': handler }, { warn: vi.fn(), error: vi.fn() });
  const events = new EventBus();
  const log = { warn: vi.fn(), error: vi.fn() };
  const dispose = registerIpc(
    electron.ipcMain,
    dispatcher ?? realDispatcher,
    events,
    createSenderCheck(() => (window.isDestroyed() ? undefined : window), isAppUrl),
    { eventTargets: () => [window.webContents], log },
  );
  const invoke = (event: InvokeEventLike, channel: unknown, request: unknown) => {
    const registered = electron.ipcMain.handlers.get(ELECTRON_INVOKE_CHANNEL);
    if (!registered) throw new Error('no invoke handler registered');
    return registered(event, channel, request) as Promise<unknown>;
  };
  const fromWindow = { sender: window.webContents, senderFrame: window.webContents.mainFrame } as unknown as InvokeEventLike;
  return { electron, window, handler, events, log, dispose, invoke, fromWindow };
}

describe('Electron IPC', () => {
  it('dispatches a request from our window and returns the dispatcher result', async () => {
    const { invoke, fromWindow, handler, window } = setup();
    await expect(invoke(fromWindow, 'network:adapters', {})).resolves.toEqual({ ok: true, data: [] });
    expect(handler).toHaveBeenCalledWith({}, { clientId: `electron-${window.webContents.id}` });
  });

  it('answers an unknown channel with a typed error, through the real dispatcher', async () => {
    const { invoke, fromWindow } = setup();
    await expect(invoke(fromWindow, 'shell:exec', { cmd: 'rm -rf /' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'unknown-channel' },
    });
    await expect(invoke(fromWindow, 42, null)).resolves.toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
  });

  it('answers a malformed request with a typed error', async () => {
    const { invoke, fromWindow, handler } = setup();
    await expect(invoke(fromWindow, 'network:adapters', { includeLoopback: 'yes' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses, without dispatching, requests from a subframe, another window, a foreign page or no frame', async () => {
    const { invoke, window, handler, log } = setup();
    const other = new FakeBrowserWindow({});
    other.webContents.mainFrame.url = appUrl;
    const subframe = fakeFrame(window.webContents, appUrl, window.webContents.mainFrame);
    const sameProcessOtherTop = fakeFrame(window.webContents, appUrl, null);
    const untrusted: Array<[string, unknown]> = [
      ['subframe', { sender: window.webContents, senderFrame: subframe }],
      ['other window', { sender: other.webContents, senderFrame: other.webContents.mainFrame }],
      ['no frame', { sender: window.webContents, senderFrame: null }],
      ['another top-level frame', { sender: window.webContents, senderFrame: sameProcessOtherTop }],
    ];
    for (const [label, event] of untrusted) {
      await expect(invoke(event as InvokeEventLike, 'network:adapters', { password: 'hunter2' }), label).resolves.toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    window.webContents.mainFrame.url = 'https://evil.example/page?token=abc';
    await expect(
      invoke({ sender: window.webContents, senderFrame: window.webContents.mainFrame } as never, 'network:adapters', {}),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(handler).not.toHaveBeenCalled();
    expect(log.warn).toHaveBeenCalledTimes(5);
    const logged = log.warn.mock.calls.flat().join('\n');
    expect(logged).toContain('network:adapters');
    expect(logged).not.toContain('hunter2');
    expect(logged).not.toContain('token=abc');
  });

  it('accepts a fresh frame object that stands for our main frame', async () => {
    const { invoke, window } = setup();
    const sameFrame = { ...window.webContents.mainFrame };
    await expect(invoke({ sender: window.webContents, senderFrame: sameFrame } as never, 'network:adapters', {})).resolves.toMatchObject({
      ok: true,
    });
  });

  it('refuses everything once our window is gone', async () => {
    const { invoke, fromWindow, window, handler } = setup();
    window.close();
    await expect(invoke(fromWindow, 'network:adapters', {})).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handler).not.toHaveBeenCalled();
  });

  it('turns a dispatcher that throws into a typed internal error', async () => {
    const broken: Dispatcher = { dispatch: () => Promise.reject(new Error('boom')) };
    const { invoke, fromWindow, log } = setup(broken);
    await expect(invoke(fromWindow, 'network:adapters', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.error).toHaveBeenCalled();
  });

  it('forwards bus events to the live window and stops after dispose', () => {
    const { events, window, dispose, electron } = setup();
    const entry = { time: '2026-11-26T00:00:00.000Z', level: 'info' as const, source: 'test', target: null, message: 'hello' };
    events.emit('log:entry', entry);
    expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith(ELECTRON_EVENT_CHANNEL, 'log:entry', entry);

    dispose();
    events.emit('log:entry', entry);
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
    expect(electron.ipcMain.handlers.has(ELECTRON_INVOKE_CHANNEL)).toBe(false);
  });

  it('skips a destroyed window and survives a send that throws', () => {
    const { events, window } = setup();
    window.webContents.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    const entry = { time: '2026-11-26T00:00:00.000Z', level: 'warn' as const, source: 'test', target: null, message: 'x' };
    expect(() => events.emit('log:entry', entry)).not.toThrow();
    window.close();
    window.webContents.send.mockClear();
    events.emit('log:entry', entry);
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});
