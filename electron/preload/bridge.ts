import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL, isEventBatch, type BridgeApi } from '../../shared/ipc/transport';

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
  /**
   * Subscriptions by channel, one entry per subscription (the same function subscribed twice hears everything twice,
   * as with ipcRenderer).
   */
  const subscriptions = new Map<string, Set<{ listener: (event: unknown) => void }>>();
  // The main process sends the events of one tick as one ordered batch. One IPC listener hands them out one by one,
  // each to all of its channel's subscribers before the next, so the page sees the order the services emitted.
  // Anything that is not a well-formed batch is dropped before page code sees it.
  const receive = (_event: unknown, batch: unknown) => {
    if (!isEventBatch(batch)) return;
    for (const { channel, event } of batch) {
      const entries = subscriptions.get(channel);
      if (!entries) continue;
      for (const entry of [...entries]) {
        // Skipped: a subscription ended by a listener that ran before it.
        if (!entries.has(entry)) continue;
        try {
          entry.listener(event);
        } catch (error) {
          // One failing listener must not cost the others, or the rest of the batch, their events.
          console.error(`listener for ${channel} failed`, error);
        }
      }
    }
  };
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
      const entry = { listener };
      if (subscriptions.size === 0) ipc.on(ELECTRON_EVENT_CHANNEL, receive);
      const entries = subscriptions.get(channel) ?? new Set();
      subscriptions.set(channel, entries.add(entry));
      return () => {
        if (!entries.delete(entry)) return;
        if (entries.size === 0) subscriptions.delete(channel);
        if (subscriptions.size === 0) ipc.removeListener(ELECTRON_EVENT_CHANNEL, receive);
      };
    },
  };
}
