import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { test, expect } from './fixtures';
import { AppFrame } from './pages/app-frame';
import { TargetsPage } from './pages/targets-page';
import { launchChromium, type BrowserSession } from './support/browser';
import { waitForAppLink } from './support/ready-line';
import { openPage } from './support/navigate';

/**
 * `npm run demo` as a newcomer meets it: three virtual TwinCAT systems on 127.0.0.2–4 (electron/demo/demo-main.ts)
 * and the browser host, which searches them on start. This is the only spec that binds 127.0.0.2–4 (the lab specs
 * use 10.77.x inside their own namespaces), so it cannot collide with another spec running at the same time.
 */
const DEMO_BUNDLE = fileURLToPath(new URL('../dist/electron/demo.cjs', import.meta.url));

/** What the demo defines: name, address, OS text, TwinCAT version, whether it offers Secure ADS. */
const DEMO_SYSTEMS = [
  { name: 'CX-4024-WIN10', address: '127.0.0.2', os: /^Windows 10\b/, twincat: '3.1.4024', secure: true },
  { name: 'TCBSD-PSK', address: '127.0.0.3', os: /^TwinCAT\/BSD\b/, twincat: '3.1.4026', secure: true },
  { name: 'CX-CE-TC2', address: '127.0.0.4', os: /^Windows CE\b/, twincat: '2.11.2228', secure: false },
] as const;

interface DemoProcess {
  url: string;
  output(): string;
  /** SIGTERM, as Ctrl+C would; resolves with how the demo ended (SIGKILL only if it hangs). */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startDemo(timeoutMs = 30_000): Promise<DemoProcess> {
  // CI and --no-open: the demo must not try to open a desktop browser of its own.
  const child: ChildProcess = spawn(process.execPath, [DEMO_BUNDLE, '--no-open'], {
    env: { ...process.env, CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const chunks: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => chunks.push(chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const guard = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(guard);
    }
    return exited;
  };
  try {
    const url = await waitForAppLink(child, chunks, 'the demo', timeoutMs);
    return { url, output: () => chunks.join(''), stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${chunks.join('')}`);
  }
}

test('the demo serves the app, whose Targets view lists its three systems with the lock on the two Secure ADS ones', async () => {
  const demo = await startDemo();
  let browser: BrowserSession | undefined;
  try {
    expect(new URL(demo.url).hostname).toBe('127.0.0.1');
    browser = await launchChromium();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // Wide enough for every column of the Targets table; narrower windows hide the least needed ones.
    await page.setViewportSize({ width: 1680, height: 900 });
    await openPage(page, demo.url);

    // The demo searches 127.0.0.2–127.0.0.4 on start; the app opens on Targets and shows what it found.
    await expect(new AppFrame(page).heading).toHaveText('Targets');
    const targets = new TargetsPage(page);
    await expect(targets.bodyRows).toHaveCount(DEMO_SYSTEMS.length, { timeout: 20_000 });
    await targets.waitForSearchEnd();
    expect(await targets.addresses()).toEqual(DEMO_SYSTEMS.map((system) => system.address));

    for (const system of DEMO_SYSTEMS) {
      const row = targets.row(system.address);
      await expect(row, system.name).toHaveCount(1);
      await expect(row.getByRole('cell', { name: system.name, exact: true }), system.name).toBeVisible();
      await expect(row.getByRole('cell', { name: system.os }), `${system.name} OS`).toBeVisible();
      await expect(row.getByRole('cell', { name: system.twincat }), `${system.name} TwinCAT`).toHaveCount(1);
      await expect(row.getByRole('img', { name: 'Secure ADS offered' }), `${system.name} lock`).toHaveCount(system.secure ? 1 : 0);
      await expect(row.getByRole('img', { name: 'No Secure ADS' }), `${system.name} no lock`).toHaveCount(system.secure ? 0 : 1);
    }
    expect(await targets.column('Host Name')).toEqual(expect.arrayContaining(DEMO_SYSTEMS.map((system) => system.name)));
    expect(errors).toEqual([]);

    // Ctrl+C (SIGTERM here) stops the targets and the host and exits 0: nothing stays bound to 127.0.0.2–4.
    await browser.close();
    expect(await demo.stop(), demo.output()).toEqual({ code: 0, signal: null });
  } finally {
    // Teardown also when a check failed; both are no-ops once done.
    await browser?.close();
    await demo.stop();
  }
});
