import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/transport';
import { createDispatcher, type Dispatcher } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import { createAppUrlCheck } from './app-url';
import { createSenderCheck, registerIpc, type InvokeEventLike } from './ipc';
import { createFakeElectron, fakeFrame, FakeBrowserWindow } from './testing/fake-electron';

const { appUrl, isAppUrl } = createAppUrlCheck();

function setup(makeDispatcher?: (events: EventBus) => Dispatcher) {
  const electron = createFakeElectron();
  const window = new FakeBrowserWindow({});
  window.webContents.mainFrame.url = appUrl;
  const handler = vi.fn(() => [] as never[]);
  const realDispatcher = createDispatcher({ 'network:adapters': handler }, { warn: vi.fn(), error: vi.fn() });
  const events = new EventBus();
  const log = { warn: vi.fn(), error: vi.fn() };
  const dispose = registerIpc(
    electron.ipcMain,
    makeDispatcher?.(events) ?? realDispatcher,
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
    const { invoke, fromWindow, log } = setup(() => broken);
    await expect(invoke(fromWindow, 'network:adapters', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log.error).toHaveBeenCalled();
  });
});

const entry = (message: string) => ({
  time: '2026-11-26T00:00:00.000Z',
  level: 'info' as const,
  source: 'discovery',
  target: null,
  message,
});

/** Every batch the window got, in order, as the messages of its events. */
function sentBatches(send: ReturnType<typeof vi.fn>): string[][] {
  return send.mock.calls.map(([channel, batch]) => {
    expect(channel).toBe(ELECTRON_EVENT_CHANNEL);
    return (batch as { channel: string; event: { message: string } }[]).map((e) => e.event.message);
  });
}

describe('Electron IPC events', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first event after a quiet period at once, and the rest of its tick as one ordered batch', () => {
    const { events, window } = setup();
    events.emit('log:entry', entry('reply 0'));
    expect(window.webContents.send).toHaveBeenCalledExactlyOnceWith(ELECTRON_EVENT_CHANNEL, [
      { channel: 'log:entry', event: entry('reply 0') },
    ]);
    events.emit('log:entry', entry('reply 1'));
    events.emit('log:entry', entry('reply 2'));
    events.emit('log:entry', entry('reply 3'));
    expect(window.webContents.send).toHaveBeenCalledTimes(1);

    vi.runAllTimers();
    expect(sentBatches(window.webContents.send)).toEqual([['reply 0'], ['reply 1', 'reply 2', 'reply 3']]);

    // The tick is over: the next event is the first of a quiet period again and is not held back.
    events.emit('log:entry', entry('later'));
    expect(sentBatches(window.webContents.send).at(-1)).toEqual(['later']);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('splits a burst of more than 200 events of one tick into messages of at most 200, in order', () => {
    const { events, window } = setup();
    for (let i = 0; i < 451; i++) events.emit('log:entry', entry(`reply ${i}`));
    vi.runAllTimers();
    const batches = sentBatches(window.webContents.send);
    expect(batches.map((batch) => batch.length)).toEqual([1, 200, 200, 50]);
    expect(batches.flat()).toEqual(Array.from({ length: 451 }, (_, i) => `reply ${i}`));
  });

  it("sends the events a request emitted before the request's answer", async () => {
    const { invoke, fromWindow, window } = setup((events) => ({
      dispatch: async () => {
        for (const message of ['found 1', 'found 2', 'found 3']) events.emit('log:entry', entry(message));
        return { ok: true, data: 'done' };
      },
    }));
    await expect(invoke(fromWindow, 'network:adapters', {})).resolves.toEqual({ ok: true, data: 'done' });
    expect(sentBatches(window.webContents.send).flat()).toEqual(['found 1', 'found 2', 'found 3']);
  });

  it('stops after dispose: nothing queued is sent, no timer is left, later events go nowhere', () => {
    const { events, window, dispose, electron } = setup();
    events.emit('log:entry', entry('reply 0'));
    events.emit('log:entry', entry('reply 1'));
    dispose();
    expect(vi.getTimerCount()).toBe(0);
    events.emit('log:entry', entry('reply 2'));
    vi.runAllTimers();
    expect(sentBatches(window.webContents.send)).toEqual([['reply 0']]);
    expect(electron.ipcMain.handlers.has(ELECTRON_INVOKE_CHANNEL)).toBe(false);
  });

  it('skips a destroyed window and survives a send that throws, at once and at the end of the tick', () => {
    const { events, window } = setup();
    window.webContents.send.mockImplementation(() => {
      throw new Error('Object has been destroyed');
    });
    expect(() => {
      events.emit('log:entry', entry('a'));
      events.emit('log:entry', entry('b'));
    }).not.toThrow();
    expect(() => vi.runAllTimers()).not.toThrow();
    expect(window.webContents.send).toHaveBeenCalledTimes(2);

    window.close();
    window.webContents.send.mockClear();
    events.emit('log:entry', entry('c'));
    events.emit('log:entry', entry('d'));
    vi.runAllTimers();
    expect(window.webContents.send).not.toHaveBeenCalled();
  });
});
