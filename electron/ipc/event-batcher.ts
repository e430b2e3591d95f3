import type { EventMessage } from '../../shared/ipc/transport';

/** Enough to spread a 2,000-result burst over a few messages, few enough that parsing one stays short. */
export const EVENTS_PER_MESSAGE = 200;

export interface EventBatcher {
  /** Queues one bus event. The first after a quiet period leaves at once, the rest of its tick together. */
  push(channel: string, event: unknown): void;
  /** Sends what is queued now, so that an answer sent next does not overtake the events emitted before it. */
  flush(): void;
  /** Drops what is queued and cancels the pending flush; later pushes are ignored. */
  dispose(): void;
}

/**
 * Coalesces the bus events of one event-loop tick into ordered messages of at most `maxPerMessage` events. A sweep
 * of a big plant answers thousands of times within milliseconds; one message per event would cost the page a task
 * each. The first event of a tick is not held back, so a lone event (or a burst's first result) is never delayed.
 * `send` must not throw: each transport knows how to survive its own closed connection.
 */
export function createEventBatcher(send: (events: EventMessage[]) => void, maxPerMessage = EVENTS_PER_MESSAGE): EventBatcher {
  const queued: EventMessage[] = [];
  let pending: ReturnType<typeof setImmediate> | undefined;
  let disposed = false;

  const flush = () => {
    while (queued.length) send(queued.splice(0, maxPerMessage));
  };

  return {
    push(channel, event) {
      if (disposed) return;
      if (pending) {
        queued.push({ channel, event });
        return;
      }
      pending = setImmediate(() => {
        pending = undefined;
        flush();
      });
      send([{ channel, event }]);
    },
    flush,
    dispose() {
      disposed = true;
      if (pending) clearImmediate(pending);
      pending = undefined;
      queued.length = 0;
    },
  };
}
