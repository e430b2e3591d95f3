import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import { WS_PATH, type BridgeApi, type RendererApi, type WsServerFrame } from '../../shared/ipc/transport';

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

/** Inside Electron the preload's bridge; in a browser the host's WebSocket. Everything above this is the same. */
export function createApi(win: Window = window): RendererApi {
  if (win.api) return fromBridge(win.api);
  return fromWebSocket(win.location);
}

function fromBridge(bridge: BridgeApi): RendererApi {
  return {
    invoke: (channel, request) => bridge.invoke(channel, request) as never,
    on: (channel, listener) => bridge.on(channel, listener as (event: unknown) => void),
  };
}

type Pending = (result: IpcResult<unknown>) => void;

export function fromWebSocket(location: Pick<Location, 'host' | 'protocol' | 'search'>, WebSocketImpl: typeof WebSocket = WebSocket): RendererApi {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}${WS_PATH}?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(event: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocketImpl(url);
      ws.onopen = () => {
        socket = ws;
        resolve(ws);
      };
      ws.onerror = () => reject(new Error('Cannot reach the ADS Route Studio host (wrong or expired link?)'));
      ws.onclose = () => {
        socket = undefined;
        opened = undefined;
        for (const [, settle] of pending) settle({ ok: false, error: { code: 'transport', message: 'Connection to the host closed' } });
        pending.clear();
      };
      ws.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as WsServerFrame;
        if (frame.type === 'result') {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else if (frame.type === 'event') {
          for (const listener of listeners.get(frame.channel) ?? []) listener(frame.event);
        }
      };
    });
    return opened;
  };

  return {
    async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch (error) {
        return { ok: false, error: { code: 'transport', message: (error as Error).message } };
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as Pending);
        ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      });
    },
    on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void {
      void connect().catch(() => undefined);
      const set = listeners.get(channel) ?? new Set();
      set.add(listener as (event: unknown) => void);
      listeners.set(channel, set);
      return () => set.delete(listener as (event: unknown) => void);
    },
  };
}
