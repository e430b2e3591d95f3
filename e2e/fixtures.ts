import { test as base, expect, _electron, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Lab, type LabNamespace } from './lab';
import { launchChromium } from './support/browser';
import { ELECTRON_MAIN_BUNDLE, findElectronBinary } from './support/electron-binary';
import { startWebHostProcess, type WebHostProcess } from './support/web-host-process';
import { openPage } from './support/navigate';

export type AppKind = 'web' | 'electron';

export type AppHost =
  | { kind: 'web'; url: string; origin: string; token: string; port: number; dataDir: string; output(): string }
  | { kind: 'electron'; electronApp: ElectronApplication; dataDir: string };

export interface AppUnderTest {
  page: Page;
  host: AppHost;
  /** Console errors and uncaught page errors seen so far. */
  consoleErrors: string[];
}

export interface AppOptions {
  /** Which shell the `app` fixture starts; each Playwright project sets it. */
  appKind: AppKind;
}

interface Fixtures {
  webHost: WebHostProcess;
  app: AppUnderTest;
  lab: Lab;
  labApp: AppUnderTest;
}

const reasonsPrinted = new Set<string>();

/** Skips the test and says why once per worker, so a skipped project is visible in the run's output. */
function skipWithReason(testInfo: TestInfo, reason: string): never {
  if (!reasonsPrinted.has(reason)) {
    reasonsPrinted.add(reason);
    console.log(`[${testInfo.project.name}] skipped: ${reason}`);
  }
  testInfo.skip(true, reason);
  throw new Error('unreachable: testInfo.skip throws');
}

/**
 * What a spec does when the network lab cannot be built here. A CI run as root is where the lab tests must run, so
 * there a missing lab FAILS the test with the reason (a green CI without the lab would prove nothing); elsewhere
 * (a developer without root, another OS) the test skips and the reason is printed.
 */
function labUnavailable(testInfo: TestInfo, reason: string): never {
  if (labRequired()) throw new Error(`the network lab is required (CI as root) but cannot be built: ${reason}`);
  return skipWithReason(testInfo, reason);
}

/** True when a missing lab is an error: running as root with CI set. */
function labRequired(): boolean {
  return process.getuid?.() === 0 && Boolean(process.env.CI);
}

/** Resolves when this process can build labs; otherwise fails (CI as root) or skips (anywhere else) with the reason. */
export async function requireLab(testInfo: TestInfo = base.info()): Promise<void> {
  const available = await Lab.available();
  if (!available.ok) labUnavailable(testInfo, available.reason);
}

function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Resource failures name no URL in their text; the location says which request failed.
    const url = message.location().url;
    // Chromium asks for /favicon.ico on its own; that miss says nothing about the app's behaviour.
    if (url.endsWith('/favicon.ico')) return;
    errors.push(`${message.text()}${url ? ` (${url})` : ''}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

async function openWebApp(host: WebHostProcess, page: Page): Promise<AppUnderTest> {
  const consoleErrors = watchConsole(page);
  await openPage(page, host.url);
  return {
    page,
    consoleErrors,
    host: {
      kind: 'web',
      url: host.url,
      origin: host.origin,
      token: host.token,
      port: host.port,
      dataDir: host.dataDir,
      output: host.output,
    },
  };
}

/**
 * Starts the web host and a fresh Chromium (both inside `namespace` when given), hands the open app to the test and
 * stops both afterwards, also when the browser fails to start, so no host process outlives its test.
 */
async function useWebApp(use: (app: AppUnderTest) => Promise<void>, options: { namespace?: LabNamespace } = {}): Promise<void> {
  const host = await startWebHostProcess(options);
  const browser = await launchChromium(options).catch(async (error: unknown) => {
    await host.stop();
    throw error;
  });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await use(await openWebApp(host, page));
  } finally {
    await browser.close();
    await host.stop();
  }
}

export const test = base.extend<Fixtures & AppOptions>({
  appKind: ['web', { option: true }],

  // Playwright reads fixture dependencies from the destructuring pattern, so an empty one is how to say "none".
  // eslint-disable-next-line no-empty-pattern
  webHost: async ({}, use) => {
    const host = await startWebHostProcess();
    await use(host);
    await host.stop();
  },

  app: async ({ appKind }, use, testInfo) => {
    if (appKind === 'electron') {
      const binary = findElectronBinary();
      if (!binary.ok) skipWithReason(testInfo, binary.reason);
      const dataDir = await mkdtemp(join(tmpdir(), 'ars-e2e-data-'));
      // Electron refuses to run as root unless its sandbox is off.
      const electronApp = await _electron.launch({
        executablePath: binary.path,
        args: ['--no-sandbox', ELECTRON_MAIN_BUNDLE],
        env: { ...process.env, ADS_ROUTE_STUDIO_DATA: dataDir },
      });
      try {
        const page = await electronApp.firstWindow();
        const consoleErrors = watchConsole(page);
        await page.waitForLoadState('domcontentloaded');
        await use({ page, consoleErrors, host: { kind: 'electron', electronApp, dataDir } });
      } finally {
        await electronApp.close().catch(() => undefined);
        await rm(dataDir, { recursive: true, force: true });
      }
      return;
    }
    await useWebApp(use);
  },

  // eslint-disable-next-line no-empty-pattern
  lab: async ({}, use, testInfo) => {
    await requireLab(testInfo);
    const lab = await Lab.create();
    try {
      await use(lab);
    } finally {
      await lab.destroy();
    }
  },

  /** The web app with host AND browser inside the lab's client namespace: it sees exactly lab1 and lab2. */
  labApp: async ({ lab, appKind }, use, testInfo) => {
    if (appKind !== 'web') skipWithReason(testInfo, 'the lab runs the browser host; the electron project does not use it');
    await useWebApp(use, { namespace: lab.client });
  },
});

export { expect };
