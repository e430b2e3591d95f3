import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, type BridgeApi } from '../../shared/ipc/transport';

/** The slice of ipcRenderer the bridge needs; the real one never crosses into the page. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** The slice of Electron's webUtils the bridge needs. */
export interface RendererWebUtils {
  getPathForFile(file: never): string;
}

/**
 * Builds `window.api`. The page only gets plain functions: the IPC event object (which carries `sender`) is dropped
 * before a listener sees anything, so no Electron handle ever reaches renderer code.
 */
export function createBridge(ipc: RendererIpc, webUtils: RendererWebUtils): BridgeApi {
  return {
    pathForFile(file) {
      try {
        return webUtils.getPathForFile(file as never);
      } catch {
        // Not a File (webUtils throws): no path rather than an exception in the page.
        return '';
      }
    },
    invoke: (channel, request) => ipc.invoke(ELECTRON_INVOKE_CHANNEL, channel, request),
    on(channel, listener) {
      const forward = (_event: unknown, eventChannel: unknown, payload: unknown) => {
        if (eventChannel === channel) listener(payload);
      };
      ipc.on(ELECTRON_EVENT_CHANNEL, forward);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(ELECTRON_EVENT_CHANNEL, forward);
      };
    },
  };
}
