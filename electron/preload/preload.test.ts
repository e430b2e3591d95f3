import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, type BridgeApi } from '../../shared/ipc/transport';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** Stands in for a DOM File the user picked; Electron knows its path on disk. */
class PickedFile {
  constructor(
    readonly name: string,
    readonly diskPath: string,
  ) {}
}

/** Runs the preload the way a sandboxed renderer does: CommonJS, and `require` knows nothing but 'electron'. */
function runPreload(code: string) {
  const listeners = new Map<string, Set<IpcListener>>();
  const ipcRenderer = {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, data: 'pong' })),
    on: vi.fn((channel: string, listener: IpcListener) => {
      listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener));
    }),
    removeListener: vi.fn((channel: string, listener: IpcListener) => {
      listeners.get(channel)?.delete(listener);
    }),
  };
  const webUtils = {
    getPathForFile: vi.fn((file: unknown) => {
      if (!(file instanceof PickedFile)) throw new TypeError('not a File');
      return file.diskPath;
    }),
  };
  const exposed: Record<string, unknown> = {};
  const contextBridge = { exposeInMainWorld: vi.fn((key: string, value: unknown) => (exposed[key] = value)) };
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name === 'electron') return { contextBridge, ipcRenderer, webUtils };
    throw new Error(`module not found: ${name}`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(sandboxRequire, module, module.exports);
  /** What the main process's webContents.send(ELECTRON_EVENT_CHANNEL, ...args) delivers. */
  const emitRaw = (...args: unknown[]) => {
    for (const listener of [...(listeners.get(ELECTRON_EVENT_CHANNEL) ?? [])]) listener({ sender: 'ipc-event' }, ...args);
  };
  const emitBatch = (...events: [channel: string, payload: unknown][]) => emitRaw(events.map(([channel, event]) => ({ channel, event })));
  const emit = (channel: string, payload: unknown) => emitBatch([channel, payload]);
  return {
    exposed,
    required,
    ipcRenderer,
    emit,
    emitBatch,
    emitRaw,
    listenerCount: () => listeners.get(ELECTRON_EVENT_CHANNEL)?.size ?? 0,
  };
}

let bundle = '';

beforeAll(async () => {
  // Same options as scripts/build.mjs uses for dist/electron/preload.cjs.
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./preload.cts', import.meta.url))],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  bundle = result.outputFiles[0]?.text ?? '';
});

describe('preload', () => {
  it('needs nothing but electron at runtime, as a sandboxed preload must', () => {
    const { required } = runPreload(bundle);
    expect(required).toEqual(['electron']);
  });

  it('exposes exactly window.api with invoke, on and pathForFile, and no Electron handle', () => {
    const { exposed } = runPreload(bundle);
    expect(Object.keys(exposed)).toEqual(['api']);
    const api = exposed.api as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'pathForFile']);
    expect(typeof api.invoke).toBe('function');
    expect(typeof api.on).toBe('function');
  });

  it("gives a picked file's path on disk (what CA mode needs), and '' for anything that is not a file", () => {
    const api = runPreload(bundle).exposed.api as BridgeApi;
    expect(api.pathForFile(new PickedFile('ca.pem', '/home/eng/certs/ca.pem'))).toBe('/home/eng/certs/ca.pem');
    expect(api.pathForFile({ name: 'ca.pem' })).toBe('');
  });

  it('sends invoke(channel, request) over the one invoke channel and returns the answer', async () => {
    const { exposed, ipcRenderer } = runPreload(bundle);
    const api = exposed.api as BridgeApi;
    await expect(api.invoke('app:info', {})).resolves.toEqual({ ok: true, data: 'pong' });
    expect(ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(ELECTRON_INVOKE_CHANNEL, 'app:info', {});
  });

  it('delivers only the subscribed channel, without the IPC event, until unsubscribed', () => {
    const { exposed, emit, listenerCount } = runPreload(bundle);
    const api = exposed.api as BridgeApi;
    const logs = vi.fn();
    const progress = vi.fn();
    const stopLogs = api.on('log:entry', logs);
    const stopProgress = api.on('search:progress', progress);

    emit('log:entry', { message: 'a' });
    emit('search:progress', { found: 1 });
    expect(logs).toHaveBeenCalledExactlyOnceWith({ message: 'a' });
    expect(progress).toHaveBeenCalledExactlyOnceWith({ found: 1 });

    stopLogs();
    stopLogs();
    emit('log:entry', { message: 'b' });
    expect(logs).toHaveBeenCalledTimes(1);
    expect(listenerCount()).toBe(1);
    stopProgress();
    expect(listenerCount()).toBe(0);
  });

  it("delivers a batch's events one by one, in order, each to its channel's subscribers", () => {
    const { exposed, emitBatch } = runPreload(bundle);
    const api = exposed.api as BridgeApi;
    const seen: string[] = [];
    api.on('log:entry', (event) => seen.push(`log ${(event as { message: string }).message}`));
    api.on('search:progress', (event) => seen.push(`progress ${(event as { found: number }).found}`));

    emitBatch(['log:entry', { message: 'a' }], ['search:progress', { found: 1 }], ['log:entry', { message: 'b' }], ['other', {}]);
    expect(seen).toEqual(['log a', 'progress 1', 'log b']);
  });

  it('drops a malformed batch whole, without throwing into the page', () => {
    const { exposed, emitRaw, emitBatch } = runPreload(bundle);
    const api = exposed.api as BridgeApi;
    const logs = vi.fn();
    api.on('log:entry', logs);
    const good = { channel: 'log:entry', event: { message: 'lost' } };
    const malformed: unknown[][] = [
      [],
      [undefined],
      ['log:entry', { message: 'one event the old way' }],
      [{ channel: 'log:entry', event: {} }],
      [[good, null]],
      [[good, { channel: 7, event: {} }]],
      [[good, 'log:entry']],
    ];
    for (const args of malformed) expect(() => emitRaw(...args), JSON.stringify(args)).not.toThrow();
    expect(logs).not.toHaveBeenCalled();

    emitBatch(['log:entry', { message: 'kept' }]);
    expect(logs).toHaveBeenCalledExactlyOnceWith({ message: 'kept' });
  });

  it('keeps delivering the batch when a listener throws, and stops at once when one unsubscribes mid-batch', () => {
    const { exposed, emitBatch } = runPreload(bundle);
    const api = exposed.api as BridgeApi;
    const failures = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const buggy = vi.fn((event: unknown) => {
      if ((event as { message: string }).message === 'a') throw new Error('buggy view');
    });
    const healthy = vi.fn();
    api.on('log:entry', buggy);
    api.on('log:entry', healthy);
    const seenBeforeLeaving: unknown[] = [];
    const stop = api.on('log:entry', (event) => {
      seenBeforeLeaving.push(event);
      stop();
    });

    try {
      emitBatch(['log:entry', { message: 'a' }], ['log:entry', { message: 'b' }]);
      expect(failures).toHaveBeenCalledTimes(1);
    } finally {
      failures.mockRestore();
    }
    expect(buggy).toHaveBeenCalledTimes(2);
    expect(healthy.mock.calls).toEqual([[{ message: 'a' }], [{ message: 'b' }]]);
    expect(seenBeforeLeaving).toEqual([{ message: 'a' }]);
  });
});
