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
  const emit = (channel: string, payload: unknown) => {
    for (const listener of listeners.get(ELECTRON_EVENT_CHANNEL) ?? []) listener({ sender: 'ipc-event' }, channel, payload);
  };
  return { exposed, required, ipcRenderer, emit, listenerCount: () => listeners.get(ELECTRON_EVENT_CHANNEL)?.size ?? 0 };
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
    api.on('search:progress', progress);

    emit('log:entry', { message: 'a' });
    emit('search:progress', { found: 1 });
    expect(logs).toHaveBeenCalledExactlyOnceWith({ message: 'a' });
    expect(progress).toHaveBeenCalledExactlyOnceWith({ found: 1 });

    stopLogs();
    stopLogs();
    emit('log:entry', { message: 'b' });
    expect(logs).toHaveBeenCalledTimes(1);
    expect(listenerCount()).toBe(1);
  });
});
