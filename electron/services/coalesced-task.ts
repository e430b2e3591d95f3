/**
 * Wraps a task (e.g. "read the list and tell every window") so that calls made while it runs share one more run
 * after it, instead of each running it again: a burst of 100 changes costs two or three runs, and the last run
 * always starts after the last call, so it sees every change made before that call.
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const start = (): Promise<void> => {
    const run: Promise<void> = task().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  };
  return () => {
    if (queued) return queued;
    if (!running) return start();
    const next = running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return start();
      });
    queued = next;
    return next;
  };
}
