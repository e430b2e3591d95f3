import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';

/** Rows drawn beyond each edge of the screen, so a fast scroll or a keyboard step rarely meets an empty strip. */
export const OVERSCAN_ROWS = 5;
/** A dense row with a checkbox, until the first drawn row says otherwise. */
export const DEFAULT_ROW_HEIGHT = 37;

export interface RowWindow {
  /** First row drawn (0-based). */
  start: number;
  /** One past the last row drawn. */
  end: number;
}

/**
 * The rows of a list `bodyTop` px below the top of a `viewport` px tall screen that are on screen, plus the overscan.
 * The page itself scrolls: the table is as tall as all its rows, only the drawn ones are in the DOM.
 */
export function rowWindow(options: { bodyTop: number; viewport: number; rowHeight: number; count: number; overscan?: number }): RowWindow {
  const { bodyTop, viewport, rowHeight, count, overscan = OVERSCAN_ROWS } = options;
  const height = Math.max(1, rowHeight);
  const firstOnScreen = Math.floor(Math.max(0, -bodyTop) / height);
  const lastOnScreen = Math.ceil(Math.max(0, viewport - bodyTop) / height);
  const start = Math.min(count, Math.max(0, firstOnScreen - overscan));
  const end = Math.min(count, Math.max(start, lastOnScreen + overscan));
  return { start, end };
}

function subscribeToPage(notify: () => void): () => void {
  // Capture: the scroll may belong to any scrolling ancestor, not only the document.
  window.addEventListener('scroll', notify, { passive: true, capture: true });
  window.addEventListener('resize', notify);
  return () => {
    window.removeEventListener('scroll', notify, { capture: true });
    window.removeEventListener('resize', notify);
  };
}

/** Follows the page's scrolling and size and tells which rows of `body` must be drawn. */
export function useRowWindow(body: RefObject<HTMLElement | null>, count: number, rowHeight: number): RowWindow {
  // A string snapshot: equal windows compare equal, so scrolling within the overscan renders nothing.
  const snapshot = () => {
    const bodyTop = body.current?.getBoundingClientRect().top ?? 0;
    const range = rowWindow({ bodyTop, viewport: window.innerHeight || 800, rowHeight, count });
    return `${range.start}:${range.end}`;
  };
  const key = useSyncExternalStore(subscribeToPage, snapshot, snapshot);
  const [start = 0, end = 0] = key.split(':').map(Number);
  return { start, end };
}

/** More than there are columns to hide: the squeeze stops growing once only the name is left. */
const MAX_SQUEEZE = 9;

export interface TableGeometry {
  /** The container's inner width; null until measured (jsdom measures nothing). */
  width: number | null;
  /** Columns to hide beyond the width model's guess: the drawn table overflowed this many times at this width. */
  squeeze: number;
  /** Height of a drawn body row. */
  rowHeight: number;
}

/**
 * Watches the container and the table inside it: their size gives the width for the column model, a table wider than
 * its container asks for one more hidden column, and the first drawn row gives the row height for the window.
 */
export function useTableGeometry(
  container: RefObject<HTMLElement | null>,
  table: RefObject<HTMLElement | null>,
  resetKey: unknown,
): TableGeometry {
  const [state, setState] = useState({ width: null as number | null, squeeze: 0, rowHeight: DEFAULT_ROW_HEIGHT, resetKey });
  useEffect(() => {
    const box = container.current;
    const inner = table.current;
    if (!box || !inner || typeof ResizeObserver === 'undefined') return;
    let frame = 0;
    const measure = () =>
      setState((current) => {
        const width = box.clientWidth || null;
        const rowHeight = inner.querySelector<HTMLElement>('tbody tr[data-key]')?.offsetHeight || current.rowHeight;
        // A new width or choice starts again from the model's guess; what overflows now was laid out for the old one.
        const fresh = current.width !== width || current.resetKey !== resetKey;
        const overflows = box.scrollWidth > box.clientWidth + 1;
        const squeeze = fresh ? 0 : overflows ? Math.min(MAX_SQUEEZE, current.squeeze + 1) : current.squeeze;
        if (!fresh && squeeze === current.squeeze && rowHeight === current.rowHeight) return current;
        // Look again once the new columns are drawn: hiding one may not change the table's size, which is all we observe.
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(measure);
        return { width, squeeze, rowHeight, resetKey };
      });
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    observer.observe(inner);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [container, table, resetKey]);
  return state.resetKey === resetKey ? state : { ...state, squeeze: 0 };
}
