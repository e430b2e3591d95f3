import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import { isEventBatch, WS_PATH, type BridgeApi, type RendererApi, type WsServerFrame } from '../../shared/ipc/transport';

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

/** Error code of every result that failed because the services could not be reached (not because they refused). */
export const TRANSPORT_ERROR = 'transport';

/** A WebSocket that neither opens nor errors (a stalled proxy, a sleeping host) must not leave the UI waiting forever. */
const CONNECT_TIMEOUT_MS = 10_000;

/** Inside Electron the preload's bridge; in a browser the host's WebSocket. Everything above this is the same. */
export function createApi(win: Window = window): RendererApi {
  if (win.api) return fromBridge(win.api);
  return fromWebSocket(win.location, WebSocket, CONNECT_TIMEOUT_MS, takeToken(win));
}

const TOKEN_KEY = 'ads-route-studio-token';

/**
 * The browser host's token, read once from the link and then kept in this tab's sessionStorage only: it leaves the
 * address bar (and so the history, bookmarks and screen shares), and a reload of the same tab still connects.
 */
export function takeToken(win: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string {
  const url = new URL(win.location.href);
  const fromLink = url.searchParams.get('token');
  if (fromLink === null) return win.sessionStorage.getItem(TOKEN_KEY) ?? '';
  win.sessionStorage.setItem(TOKEN_KEY, fromLink);
  url.searchParams.delete('token');
  win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return fromLink;
}

function transportFailure(message: string): IpcResult<never> {
  return { ok: false, error: { code: TRANSPORT_ERROR, message } };
}

export function fromBridge(bridge: BridgeApi): RendererApi {
  return {
    // ipcRenderer.invoke rejects when the main process is gone or the handler threw: turn that into a result too.
    invoke: async (channel, request) => {
      try {
        return (await bridge.invoke(channel, request)) as never;
      } catch {
        return transportFailure('The ADS Route Studio services did not answer');
      }
    },
    on: (channel, listener) => bridge.on(channel, listener as (event: unknown) => void),
    pathForFile: (file) => bridge.pathForFile(file),
  };
}

type Pending = (result: IpcResult<unknown>) => void;

function parseFrame(data: unknown): WsServerFrame | undefined {
  try {
    const frame = JSON.parse(String(data)) as WsServerFrame | null;
    return frame && typeof frame === 'object' ? frame : undefined;
  } catch {
    return undefined;
  }
}

export function fromWebSocket(
  location: Pick<Location, 'host' | 'protocol' | 'search'>,
  WebSocketImpl: typeof WebSocket = WebSocket,
  connectTimeoutMs = CONNECT_TIMEOUT_MS,
  token = new URLSearchParams(location.search).get('token') ?? '',
): RendererApi {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(event: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;

  const deliver = (channel: unknown, event: unknown) => {
    if (typeof channel !== 'string') return;
    for (const listener of listeners.get(channel) ?? []) {
      try {
        listener(event);
      } catch (error) {
        console.error(`listener for ${channel} failed`, error);
      }
    }
  };

  const settleAll = (message: string) => {
    for (const [, settle] of pending) settle(transportFailure(message));
    pending.clear();
  };

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    const attempt = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocketImpl(url);
      const timer = setTimeout(() => {
        reject(new Error('The ADS Route Studio host did not answer in time'));
        ws.close();
      }, connectTimeoutMs);
      ws.onopen = () => {
        clearTimeout(timer);
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => {
        clearTimeout(timer);
        reject(new Error('Cannot reach the ADS Route Studio host (wrong or expired link?)'));
      };
      ws.onclose = () => {
        clearTimeout(timer);
        reject(new Error('Cannot reach the ADS Route Studio host (wrong or expired link?)'));
        if (socket === ws) socket = undefined;
        // Forget this attempt so that the next request dials again instead of failing forever.
        if (opened === attempt) opened = undefined;
        settleAll('Connection to the host closed');
      };
      ws.onmessage = (message) => {
        // A frame we cannot read is dropped: one bad frame must not take the whole window down.
        const frame = parseFrame(message.data);
        if (frame?.type === 'result' && typeof frame.id === 'number') {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else if (frame?.type === 'events' && isEventBatch(frame.events)) {
          for (const { channel, event } of frame.events) deliver(channel, event);
        }
      };
    });
    opened = attempt;
    // A failed attempt is retried by the next call, never kept as the connection.
    attempt.catch(() => {
      if (opened === attempt) opened = undefined;
    });
    return attempt;
  };

  return {
    async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch (error) {
        return transportFailure((error as Error).message);
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        try {
          ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
        } catch {
          pending.delete(id);
          resolve(transportFailure('Connection to the host closed'));
        }
      });
    },
    on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
      // Failure is reported by the next invoke; an event subscription alone has no one to tell.
      connect().catch(() => undefined);
      const set = listeners.get(channel) ?? new Set();
      set.add(listener as (event: unknown) => void);
      listeners.set(channel, set);
      return () => {
        set.delete(listener as (event: unknown) => void);
      };
    },
    // A browser never reveals where a picked file lives; the user types the path the services should open.
    pathForFile: () => '',
  };
}
