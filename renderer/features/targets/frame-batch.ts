/**
 * Collects items and hands them over once per animation frame: a burst of 2,000 discovery replies then costs a
 * render per frame instead of one per reply. `flush()` hands over at once, for events that must come after them.
 */
export interface FrameBatch<T> {
  push(item: T): void;
  flush(): void;
  cancel(): void;
}

type Schedule = (run: () => void) => () => void;

const nextFrame: Schedule = (run) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(run);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(run, 16);
  return () => clearTimeout(id);
};

export function frameBatch<T>(deliver: (items: T[]) => void, schedule: Schedule = nextFrame): FrameBatch<T> {
  let items: T[] = [];
  let unschedule: (() => void) | null = null;
  const flush = () => {
    unschedule?.();
    unschedule = null;
    if (items.length === 0) return;
    const batch = items;
    items = [];
    deliver(batch);
  };
  return {
    push(item) {
      items.push(item);
      unschedule ??= schedule(flush);
    },
    flush,
    cancel() {
      unschedule?.();
      unschedule = null;
      items = [];
    },
  };
}
