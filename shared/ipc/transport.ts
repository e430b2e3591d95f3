import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from './contract';
import type { IpcResult } from './result';

/** What the renderer sees, from the Electron preload (`window.api`) or the browser host's WebSocket. */
export interface RendererApi {
  invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>>;
  on<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): () => void;
  /** A picked file's path on the machine running the services; '' where the platform does not reveal it. */
  pathForFile(file: object): string;
}

/** The untyped shape that crosses the Electron context bridge; the renderer wraps it in RendererApi. */
export interface BridgeApi {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(channel: string, listener: (event: unknown) => void): () => void;
  /**
   * The file-system path of a file the user picked or dropped (Electron's webUtils.getPathForFile; File.path is gone
   * since Electron 32). '' when the file has none. A browser has no bridge, so no path: the user types it.
   */
  pathForFile(file: object): string;
}

/** Electron ipcMain channel names used by the preload: one for requests, one for events. */
export const ELECTRON_INVOKE_CHANNEL = 'ars:invoke';
/** Carries one argument: an ordered batch of the events of one tick (`EventMessage[]`). */
export const ELECTRON_EVENT_CHANNEL = 'ars:event';

/** One service event on its way to the renderer. */
export interface EventMessage {
  channel: string;
  event: unknown;
}

/**
 * Whether a received value is an ordered batch of events. Checked before any of it reaches page code, so a
 * malformed batch is dropped whole rather than delivered in part or thrown into a listener.
 */
export function isEventBatch(value: unknown): value is EventMessage[] {
  return (
    Array.isArray(value) &&
    value.every((item: unknown) => typeof item === 'object' && item !== null && typeof (item as EventMessage).channel === 'string')
  );
}

/** Browser host WebSocket frames. */
export type WsClientFrame = { type: 'invoke'; id: number; channel: string; request: unknown };
/**
 * Events emitted in one tick of the services travel together, in order: a burst is one message, not thousands. A
 * lone event is a batch of one, so events have one frame kind, as over the Electron bridge.
 */
export type WsEventsFrame = { type: 'events'; events: EventMessage[] };
export type WsServerFrame = { type: 'result'; id: number; result: IpcResult<unknown> } | WsEventsFrame;

export const WS_PATH = '/ipc';
