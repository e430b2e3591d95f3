import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { ELECTRON_EVENT_CHANNEL, ELECTRON_INVOKE_CHANNEL } from '../../shared/ipc/transport';
import { fail, type IpcResult } from '../../shared/ipc/result';
import type { Dispatcher } from '../ipc/dispatcher';
import type { EventBus } from '../ipc/event-bus';
import { createEventBatcher } from '../ipc/event-batcher';
import type { Logger } from '../services/log/logger';
import { describeUrl } from './security';

export type InvokeEventLike = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
export type SenderCheck = (event: InvokeEventLike) => boolean;

/** Where events go: the live windows' webContents. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface IpcOptions {
  eventTargets(): readonly EventTarget[];
  log: Pick<Logger, 'warn' | 'error'>;
}

interface FrameLike {
  processId: number;
  routingId: number;
}

interface WindowLike {
  isDestroyed(): boolean;
  webContents: { id: number; mainFrame: FrameLike };
}

function isSameFrame(a: FrameLike, b: FrameLike): boolean {
  // Electron may hand out a fresh WebFrameMain object for the same frame, so identity alone is not enough.
  return a === b || (a.processId === b.processId && a.routingId === b.routingId);
}

/**
 * Trusted means: sent by the main frame of our own window while it shows our own page. Subframes, other windows and
 * a page that somehow navigated away are refused even though they share the preload.
 */
export function createSenderCheck(getWindow: () => WindowLike | undefined, isAppUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const window = getWindow();
    const frame = event.senderFrame;
    if (!window || window.isDestroyed() || !frame) return false;
    return (
      event.sender.id === window.webContents.id &&
      frame.parent === null &&
      isSameFrame(frame, window.webContents.mainFrame) &&
      isAppUrl(frame.url)
    );
  };
}

/** Connects the preload's two channels to the dispatcher and the event bus. Returns the undo. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatcher: Dispatcher,
  events: Pick<EventBus, 'subscribe'>,
  isTrustedSender: SenderCheck,
  options: IpcOptions,
): () => void {
  // Events of one tick travel as one ordered batch (the first at once): a sweep's thousands of replies cost the page
  // a few IPC tasks, not thousands. The preload hands each event to its listeners as before.
  const batcher = createEventBatcher((batch) => {
    for (const target of options.eventTargets()) {
      if (target.isDestroyed()) continue;
      try {
        target.send(ELECTRON_EVENT_CHANNEL, batch);
      } catch {
        // A window closing mid-send must not break the emitting service. Not logged: a log line is itself an event
        // sent here, so a window that keeps failing would loop.
      }
    }
  });
  const unsubscribe = events.subscribe((channel, event) => batcher.push(channel, event));

  ipcMain.handle(ELECTRON_INVOKE_CHANNEL, async (event, channel: unknown, request: unknown): Promise<IpcResult<unknown>> => {
    const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
    if (!isTrustedSender(event)) {
      // The request itself is never logged: it may hold a password.
      options.log.warn(`IPC: refused ${JSON.stringify(name)} from an untrusted sender (${describeFrame(event)})`);
      return fail('forbidden', 'This request did not come from the ADS Route Studio window');
    }
    try {
      const result = await dispatcher.dispatch(channel, request, { clientId: `electron-${event.sender.id}` });
      // The events a request emitted reach the page before its answer, as they did when each left on its own.
      batcher.flush();
      return result;
    } catch (error) {
      // The dispatcher turns handler errors into results; this only guards against a bug in it.
      options.log.error(`IPC: ${JSON.stringify(name)} failed: ${error instanceof Error ? error.message : String(error)}`);
      return fail('internal', `${name} failed unexpectedly`);
    }
  });

  return () => {
    ipcMain.removeHandler(ELECTRON_INVOKE_CHANNEL);
    unsubscribe();
    batcher.dispose();
  };
}

function describeFrame(event: InvokeEventLike): string {
  const frame = event.senderFrame;
  if (!frame) return 'no frame';
  return `${frame.parent ? 'subframe' : 'main frame'} of contents ${event.sender.id}, ${describeUrl(frame.url)}`;
}
