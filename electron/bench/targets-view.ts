/**
 * Targets view benchmark (`node dist/bench/targets-view.cjs`; `-- --write-docs` also writes its line into the
 * Discovery section of docs/benchmarks.md). The built renderer runs in headless Chromium against the real web host
 * and IPC, whose discovery handler answers a range search with a burst of 250 `discovery:result` events. Measured: from
 * the first event leaving the services to the 250th row being in the DOM. Baseline: the same page building a plain
 * 250-row HTML table with DOM calls, i.e. the floor any list view pays.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
// Renamed: functions run in the page refer to the browser's own `performance`, which the bundler must not rewrite.
import { performance as nodePerformance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import type { DiscoveredTarget } from '../../shared/domain/target';
import { startWebHost } from '../host/web-host';
import { createDispatcher } from '../ipc/dispatcher';
import { EventBus } from '../ipc/event-bus';
import type { PartialHandlers } from '../ipc/handlers';
import { LogBook } from '../services/log/logger';
import { machineLine, median, renderMarkdownTable, renderTextTable, type BenchRow } from './table';
import { printJsonIfAsked, say } from './report';

/** A /21 sweep of a big plant. */
const N = 2000;
const RUNS = 5;
const GOAL_MS = 300;
const FIRST_ROW_GOAL_MS = 50;
const DOCS_LINE_PREFIX = '- Targets view rendering';
const FINGERPRINT = '3f1c9a7e55d2b8a04c6e19f2d7b3a8e16c05f4d9a2b7e3c8f1a6d0b5e9c4f273';

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the page's timeOrigin + now(). */
const wallNow = (): number => nodePerformance.timeOrigin + nodePerformance.now();

function fakeTarget(i: number): DiscoveredTarget {
  const address = `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}`;
  return {
    hostname: `CX-${String(1000 + i)}`,
    netId: `${address}.1.1`,
    address,
    adapter: null,
    adapters: [],
    twincat: { major: 3, minor: 1, build: 4024 + (i % 3), text: `3.1.${4024 + (i % 3)}` },
    os: { platform: 'windows', major: 10, minor: 0, build: 19045, csd: '', text: 'Windows 10 22H2 (19045)' },
    fingerprint: i % 5 === 0 ? null : FINGERPRINT,
    secureAds: i % 5 !== 0,
    rttMs: 1,
    via: 'range',
  };
}

function loadChromium(): typeof import('playwright-core').chromium {
  // Loaded at run time so the bundle does not carry Playwright; it is a dev dependency, like the benchmark itself.
  const load = createRequire(__filename);
  return (load('playwright-core') as typeof import('playwright-core')).chromium;
}

interface RunTiming {
  firstRowMs: number;
  lastRowMs: number;
}

/** Installs a MutationObserver that stamps the wall-clock times of the first and the N-th row in the Targets table. */
async function watchRows(page: Page): Promise<void> {
  await page.evaluate((n) => {
    const w = window as unknown as { __rows: { first: number | null; last: number | null }; __observer?: MutationObserver };
    w.__observer?.disconnect();
    w.__rows = { first: null, last: null };
    const count = () => document.querySelectorAll('table[aria-label="Targets"] tbody tr[data-key]').length;
    const observer = new MutationObserver(() => {
      const rows = count();
      const at = performance.timeOrigin + performance.now();
      if (rows > 0 && w.__rows.first === null) w.__rows.first = at;
      if (rows >= n && w.__rows.last === null) {
        w.__rows.last = at;
        observer.disconnect();
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    w.__observer = observer;
  }, N);
}

async function plainTableMs(page: Page): Promise<number> {
  return page.evaluate((n) => {
    const started = performance.now();
    const table = document.createElement('table');
    const body = table.createTBody();
    document.body.append(table);
    for (let i = 0; i < n; i++) {
      const row = body.insertRow();
      for (const text of [
        `CX-${1000 + i}`,
        '',
        `10.20.0.${i + 1}`,
        `10.20.0.${i + 1}.1.1`,
        '3.1.4024',
        'Windows 10 22H2 (19045)',
        '',
        'yes',
        '3F1C 9A7E … 9C4F 273',
      ]) {
        row.insertCell().textContent = text;
      }
    }
    // Reading a layout property makes the browser lay the table out, as it must before anything is on screen.
    void table.offsetHeight;
    const ms = performance.now() - started;
    table.remove();
    return ms;
  }, N);
}

async function measure(browser: Browser, url: string, emitBurst: () => number): Promise<{ runs: RunTiming[]; baseline: number[] }> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Targets' }).waitFor();
  const runs: RunTiming[] = [];
  const baseline: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await page.getByRole('textbox', { name: 'Address range' }).fill('10.20.0.1-10.20.0.250');
    await page.getByRole('button', { name: 'Search range' }).click();
    // Cancel becomes usable once the view knows its search id: from then on it takes our events.
    await page.getByRole('button', { name: 'Cancel' }).and(page.locator(':enabled')).waitFor();
    await watchRows(page);
    const firstEventAt = emitBurst();
    await page.waitForFunction(() => (window as unknown as { __rows: { last: number | null } }).__rows.last !== null, undefined, {
      timeout: 60_000,
    });
    const rows = await page.evaluate(() => (window as unknown as { __rows: { first: number; last: number } }).__rows);
    runs.push({ firstRowMs: rows.first - firstEventAt, lastRowMs: rows.last - firstEventAt });
    await page.getByRole('button', { name: 'Search range' }).and(page.locator(':enabled')).waitFor();
    baseline.push(await plainTableMs(page));
  }
  await page.close();
  if (errors.length) throw new Error(`the page failed: ${errors.join('; ')}`);
  return { runs, baseline };
}

async function writeDocsLine(line: string): Promise<void> {
  const path = 'docs/benchmarks.md';
  const text = await readFile(path, 'utf8').catch(() => '# Benchmarks\n\n## Discovery\n');
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.startsWith(DOCS_LINE_PREFIX));
  if (index >= 0) lines[index] = line;
  else {
    const discovery = lines.findIndex((l) => l.startsWith('## Discovery'));
    const next = lines.findIndex((l, i) => i > discovery && l.startsWith('## '));
    lines.splice(next >= 0 ? next : lines.length, 0, line, '');
  }
  await writeFile(path, lines.join('\n'));
}

async function main(): Promise<void> {
  const staticDir = join(__dirname, '..', 'renderer');
  if (!existsSync(join(staticDir, 'index.html'))) throw new Error(`no built renderer in ${staticDir}: run npm run build first`);
  const logBook = new LogBook();
  const events = new EventBus((channel, message) => console.error(`invalid ${channel} event: ${message}`));
  const targets = Array.from({ length: N }, (_, i) => fakeTarget(i));
  let searchId = '';
  let serial = 0;
  const handlers: PartialHandlers = {
    'app:info': () => ({
      name: 'ADS Route Studio',
      version: 'bench',
      transport: 'web',
      platform: process.platform,
      hostname: 'bench',
      startupSearch: null,
      dataDir: { path: '/data', kind: 'default' },
    }),
    'network:adapters': () => [],
    'routes:list': () => [],
    'discovery:start': () => {
      searchId = `bench-${++serial}`;
      return { searchId };
    },
    'discovery:cancel': () => ({ cancelled: false }),
  };
  const emitBurst = (): number => {
    const id = searchId;
    const firstEventAt = wallNow();
    for (const target of targets) events.emit('discovery:result', { searchId: id, target });
    events.emit('discovery:progress', { searchId: id, sent: N, total: N, answered: N });
    events.emit('discovery:done', { searchId: id, found: N, durationMs: 1, cancelled: false, hint: null });
    return firstEventAt;
  };
  const host = await startWebHost({
    dispatcher: createDispatcher(handlers, logBook.logger('ipc')),
    events,
    log: logBook.logger('web-host'),
    staticDir,
  });
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await loadChromium().launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    headless: true,
  });
  let result: { runs: RunTiming[]; baseline: number[] };
  try {
    result = await measure(browser, host.url, emitBurst);
  } finally {
    await browser.close();
    await host.close();
  }

  const last = median(result.runs.map((r) => r.lastRowMs));
  const first = median(result.runs.map((r) => r.firstRowMs));
  const plain = median(result.baseline);
  const rows: BenchRow[] = [
    {
      name: `${N} results: first event → ${N}th row in the DOM (median of ${RUNS})`,
      value: last,
      unit: 'ms',
      baseline: plain,
      baselineLabel: `plain ${N}-row table`,
      goal: `< ${GOAL_MS} ms`,
      pass: last < GOAL_MS,
    },
    {
      name: `${N} results: first event → first row in the DOM (median of ${RUNS})`,
      value: first,
      unit: 'ms',
      goal: `≤ ${FIRST_ROW_GOAL_MS} ms`,
      pass: first <= FIRST_ROW_GOAL_MS,
    },
  ];
  printJsonIfAsked(rows);
  say(renderTextTable(`Targets view: ${N} discovery results through the web host into headless Chromium`, rows));
  if (process.argv.includes('--write-docs')) {
    const table = renderMarkdownTable(rows);
    const line =
      `${DOCS_LINE_PREFIX} (${machineLine()}, \`node dist/bench/targets-view.cjs\`; a burst of ${N} \`discovery:result\` ` +
      `events through the web host into the built renderer in headless Chromium; baseline: the same page building a plain ` +
      `${N}-row table): first row after ${first.toFixed(0)} ms, all ${N} rows after ${last.toFixed(0)} ms vs ${plain.toFixed(1)} ms ` +
      `for the plain table (goals: first row ≤ ${FIRST_ROW_GOAL_MS} ms: ${first <= FIRST_ROW_GOAL_MS ? 'ok' : 'MISSED'}, all rows < ${GOAL_MS} ms: ${last < GOAL_MS ? 'ok' : 'MISSED'}).`;
    await writeDocsLine(line);
    say(`\n${table}\n\ndocs/benchmarks.md updated (Targets view line).`);
  }
}

void main().catch((error: unknown) => {
  console.error(`targets-view benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
