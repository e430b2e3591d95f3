/**
 * What the Targets view benchmark measures inside the page. Functions handed to page.evaluate run in the browser:
 * they use the page's own `performance` and DOM. A view step counts as done once React has committed it (the first
 * DOM mutation after the input) and the browser has laid the page out (a layout read forces that), the same end
 * point as the plain-table baselines.
 */
import type { CDPSession, Page } from 'playwright-core';

export const TABLE = 'table[aria-label="Targets"]';

/** Stamps the wall-clock times of the first drawn row and of the table holding all `n` rows (aria-rowcount). */
export async function watchRows(page: Page, n: number): Promise<void> {
  await page.evaluate(
    ({ n, table }) => {
      const w = window as unknown as { __rows: { first: number | null; last: number | null }; __observer?: MutationObserver };
      w.__observer?.disconnect();
      w.__rows = { first: null, last: null };
      const observer = new MutationObserver(() => {
        const element = document.querySelector(table);
        const at = performance.timeOrigin + performance.now();
        if (w.__rows.first === null && element?.querySelector('tbody tr[data-key]')) w.__rows.first = at;
        if (w.__rows.last === null && element?.getAttribute('aria-rowcount') === String(n + 1)) {
          w.__rows.last = at;
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-rowcount'] });
      w.__observer = observer;
    },
    { n, table: TABLE },
  );
}

/** Clicks a column header's sort label and returns the milliseconds until the re-sorted table is laid out. */
export async function sortClickMs(page: Page, column: string): Promise<number> {
  return page.evaluate(
    ({ column, table }) =>
      new Promise<number>((resolve, reject) => {
        const element = document.querySelector<HTMLElement>(table);
        const header = Array.from(element?.querySelectorAll('thead th') ?? []).find((th) => th.textContent?.trim() === column);
        const label = header?.querySelector<HTMLElement>('.MuiTableSortLabel-root');
        if (!element || !label) return reject(new Error(`no sortable "${column}" header`));
        const observer = new MutationObserver(() => {
          observer.disconnect();
          void element.offsetHeight;
          resolve(performance.now() - started);
        });
        observer.observe(element, { childList: true, subtree: true, attributes: true, characterData: true });
        const started = performance.now();
        label.click();
      }),
    { column, table: TABLE },
  );
}

/** Types `text` into the filter as one input event and returns the milliseconds until the filtered table is laid out. */
export async function filterMs(page: Page, text: string): Promise<number> {
  return page.evaluate(
    ({ text, table }) =>
      new Promise<number>((resolve, reject) => {
        const element = document.querySelector<HTMLElement>(table);
        const input = Array.from(document.querySelectorAll('label')).find((label) => label.textContent === 'Filter targets')?.control;
        if (!element || !(input instanceof HTMLInputElement)) return reject(new Error('no filter field'));
        const observer = new MutationObserver(() => {
          observer.disconnect();
          void element.offsetHeight;
          resolve(performance.now() - started);
        });
        observer.observe(element, { childList: true, subtree: true, attributes: true, characterData: true });
        // React tracks the value it last rendered: set it through the prototype's setter so the input event counts.
        const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
        const started = performance.now();
        setValue?.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }),
    { text, table: TABLE },
  );
}

/** The floor of any list view: the same page building a plain n-row table with DOM calls, laid out. */
export async function plainTableMs(page: Page, n: number): Promise<{ build: number; sort: number; filter: number }> {
  return page.evaluate((n) => {
    const table = document.createElement('table');
    const body = table.createTBody();
    document.body.append(table);
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const row = body.insertRow();
      const address = `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      for (const text of [
        `CX-${1000 + i}`,
        '',
        address,
        `${address}.1.1`,
        '3.1.4024',
        'Windows 10 22H2 (19045)',
        '',
        'yes',
        '3F1C9A7E…E9C4F273',
      ]) {
        row.insertCell().textContent = text;
      }
    }
    // Reading a layout property makes the browser lay the table out, as it must before anything is on screen.
    void table.offsetHeight;
    const build = performance.now() - started;

    const sortStarted = performance.now();
    const rows = Array.from(body.rows);
    const name = (row: HTMLTableRowElement) => row.cells[0]?.textContent ?? '';
    rows.sort((a, b) => name(b).localeCompare(name(a), 'en', { numeric: true }));
    body.append(...rows);
    void table.offsetHeight;
    const sort = performance.now() - sortStarted;

    const filterStarted = performance.now();
    for (const row of rows) row.style.display = name(row).toLowerCase().includes('cx-12') ? '' : 'none';
    void table.offsetHeight;
    const filter = performance.now() - filterStarted;
    table.remove();
    return { build, sort, filter };
  }, n);
}

/** The page's JavaScript heap in use after a full garbage collection, and its DOM node count (CDP Performance). */
export async function pageMemory(cdp: CDPSession): Promise<{ heapMb: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { heapMb: metric('JSHeapUsedSize') / (1024 * 1024), nodes: metric('Nodes') };
}
