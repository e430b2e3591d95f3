import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { seriousAxeViolations } from './support/axe';
import { launchChromium } from './support/browser';
import { startWebHostProcess } from './support/web-host-process';
import { CertificatesPage } from './pages/certificates-page';
import { ServerPage } from './pages/server-page';
import { addPlainRoute, startLoopbackSim, type LoopbackSim } from './support/loopback-cli';
import { openPage } from './support/navigate';
import { AppFrame } from './pages/app-frame';
import { shoot } from './support/screenshots';

/**
 * The Secure ADS server page against three virtual targets on loopback (127.0.131.1–4, used by no other spec), each
 * reached over a plain route the CLI created in the web host's data folder: one PSK identity with a generated
 * secret for all three in one batch, a restart into Config mode that proves the identity with a PSK handshake, and
 * back to Run. ARS_SCREENSHOTS=1 also writes the README's screenshots (ARS_SCREENSHOT_LANGUAGES=en,de in German too).
 */
const PASSWORD = 'server-page-e2e-1';
const TARGETS = [
  { name: 'CX-LINE-1', address: '127.0.131.1' },
  { name: 'CX-LINE-2', address: '127.0.131.2' },
  { name: 'CX-LINE-3', address: '127.0.131.3' },
];

/** README screenshots of the page (or one dialog), in every screenshot language (e2e/support/screenshots.ts). */
function shot(page: Page, name: string, target = page.locator('main')): Promise<void> {
  return shoot(page, `docs/screenshots/${name}.png`, target);
}

/** The web host on `dataDir` (it reads the folder once, so routes go in first) and a browser on it; `stops` ends both. */
async function openApp(dataDir: string, stops: Array<() => Promise<void>>): Promise<Page> {
  const host = await startWebHostProcess({ dataDir });
  stops.push(() => host.stop());
  const browser = await launchChromium();
  stops.push(() => browser.close());
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  await openPage(page, host.url);
  return page;
}

test('one PSK identity for three targets in one batch, restarted to Config (proved by a PSK handshake) and back to Run', async () => {
  test.setTimeout(120_000);
  // The routes are made with the CLI before the host starts, which reads its data folder once.
  const dataDir = await mkdtemp(join(tmpdir(), 'ars-e2e-server-data-'));
  const states = await Promise.all(TARGETS.map(() => mkdtemp(join(tmpdir(), 'ars-e2e-server-'))));
  const sims: LoopbackSim[] = [];
  const stops: Array<() => Promise<void>> = [];
  try {
    for (const [index, target] of TARGETS.entries())
      sims.push(
        await startLoopbackSim(['--bind', target.address, '--name', target.name, '--password', PASSWORD, '--state', states[index]!]),
      );
    for (const target of TARGETS) {
      const added = await addPlainRoute(target.address, PASSWORD, dataDir);
      expect(added.code, added.output).toBe(0);
    }
    const page = await openApp(dataDir, stops);
    const server = new ServerPage(page);
    await server.open();
    const names = TARGETS.map((target) => target.name);
    await server.waitForRead(names);
    // This PC has no TwinCAT here: the page says so.
    await expect(page.getByText('There is no TwinCAT on this PC')).toBeVisible();

    expect.soft(await seriousAxeViolations(page), 'page with three systems').toEqual([]);

    await server.select(names);
    const { secret, dialog } = await server.addPskIdentity('SERVICE-E2E');
    expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'one confirmation for three systems').toEqual([]);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(await dialog.confirmedSystems()).toEqual(TARGETS.map((t) => `${t.name} (${t.address}.1.1), now Run`));
    const applied = await dialog.apply();
    expect(applied.map((row) => [row.system, row.change])).toEqual(names.map((name) => [name, 'ok']));

    const toConfig = await dialog.restart('config');
    expect(toConfig.confirmed).toEqual(TARGETS.map((t) => `${t.name} (${t.address}.1.1): now Run`));
    expect(toConfig.rows.map((row) => [row.system, row.restart, row.verify])).toEqual(names.map((name) => [name, 'ok', 'ok']));
    await shot(page, 'server-batch-results', dialog.root);
    expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'result table').toEqual([]);
    const toRun = await dialog.restart('run');
    expect(toRun.rows.map((row) => row.restart)).toEqual(['ok', 'ok', 'ok']);
    await dialog.close();

    expect(await server.identities('CX-LINE-2')).toContain('SERVICE-E2E');
    // The secret was shown in the dialog only: nowhere on the page once it closed.
    await expect(page.locator('body')).not.toContainText(secret);
    await shot(page, 'server-page');
    expect.soft(await seriousAxeViolations(page), 'page with identities').toEqual([]);

    const generated = await server.addPskIdentity('ANNA');
    await generated.dialog.root.getByRole('button', { name: 'Back' }).click();
    await shot(page, 'server-generated-secret', generated.dialog.root);
    expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'generated secret').toEqual([]);
    await generated.dialog.root.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('body')).not.toContainText(generated.secret);

    // A contractor's identity on two of the three goes in one batch; the third is reported as not there, unwritten.
    // The PSK proof made each target store a route for this PC, so their files changed: the page read them again
    // after the proof, and this change is not refused as a concurrent one.
    await server.waitForRead(names);
    await server.deselect([names[2]!]);
    const contractor = await server.addPskIdentity('CONTRACTOR', { secret: 'Contractor-Secret-For-Two-Lines-77' });
    expect((await contractor.dialog.apply()).map((row) => row.change)).toEqual(['ok', 'ok']);
    await contractor.dialog.close();
    await server.select([names[2]!]);
    const removal = await server.removePskIdentity('CONTRACTOR');
    expect(await removal.confirmedSystems()).toEqual([
      ...TARGETS.slice(0, 2).map((t) => `${t.name} (${t.address}.1.1), now Run · holds “CONTRACTOR”`),
      `${names[2]} (${TARGETS[2]!.address}.1.1), now Run · “CONTRACTOR” not there: left alone`,
    ]);
    const removed = await removal.apply();
    expect(removed.map((row) => [row.system, row.change])).toEqual([
      [names[0], 'ok'],
      [names[1], 'ok'],
      [names[2], 'absent'],
    ]);
    await removal.close();
    expect(await server.identities(names[0]!)).not.toContain('CONTRACTOR');
    expect(await server.identities(names[1]!)).toContain('SERVICE-E2E');
  } finally {
    for (const stop of stops.reverse()) await stop();
    await rm(dataDir, { recursive: true, force: true });
    await Promise.all(sims.map((sim) => sim.stop()));
    await Promise.all(states.map((dir) => rm(dir, { recursive: true, force: true })));
  }
});

test('Install on target: a device certificate issued on the Certificates page becomes the CA files of its virtual target', async () => {
  test.setTimeout(90_000);
  const target = { name: 'CX-LINE-4', address: '127.0.131.4' };
  const dataDir = await mkdtemp(join(tmpdir(), 'ars-e2e-install-data-'));
  const state = await mkdtemp(join(tmpdir(), 'ars-e2e-install-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    const sim = await startLoopbackSim(['--bind', target.address, '--name', target.name, '--password', PASSWORD, '--state', state]);
    stops.push(() => sim.stop());
    const added = await addPlainRoute(target.address, PASSWORD, dataDir);
    expect(added.code, added.output).toBe(0);
    const page = await openApp(dataDir, stops);

    await new AppFrame(page).goTo('Certificates');
    const certs = new CertificatesPage(page);
    await certs.createCa({ organization: 'Line 4', password: 'plant-ca-pass-4' });
    await certs.issue([target.name], { days: 360, caPassword: 'plant-ca-pass-4' });
    await certs.installOnTarget(target.name);

    // The server page: the certificate's system chosen, the three files waiting in Set CA files.
    const server = new ServerPage(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Secure ADS server' })).toBeVisible();
    await expect(page.getByTestId('server-hand-over')).toContainText(`${target.name} is selected.`);
    await server.waitForRead([target.name]);
    await expect(server.places.getByRole('checkbox', { name: `Select ${target.name}` })).toBeChecked();
    expect.soft(await seriousAxeViolations(page), 'page with a handed-over certificate').toEqual([]);
    const folder = join(dataDir, 'certificates', 'devices', target.name);
    const { files, dialog } = await server.setCaFiles();
    expect(files).toEqual([join(folder, 'rootCA.pem'), join(folder, `${target.name}.crt`), join(folder, `${target.name}.key`)]);
    expect(await dialog.confirmedSystems()).toEqual([`${target.name} (${target.address}.1.1), now Run`]);
    expect((await dialog.apply()).map((row) => [row.system, row.change])).toEqual([[target.name, 'ok']]);
    await dialog.close();
    await expect(page.getByTestId('server-hand-over')).toBeHidden();

    // The target's file names the uploaded copies.
    const details = await server.show(target.name);
    const tls = details.getByRole('table', { name: 'CA files' });
    await expect(tls).toContainText('rootCA.pem');
    await expect(tls).toContainText(`${target.name}.crt`);
    await expect(tls).toContainText(`${target.name}.key`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
});
