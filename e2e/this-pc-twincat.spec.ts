import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { seriousAxeViolations } from './support/axe';
import { launchChromium } from './support/browser';
import { addPlainRoute, startLoopbackSim } from './support/loopback-cli';
import { openPage } from './support/navigate';
import { startWebHostProcess } from './support/web-host-process';

/**
 * This PC's own TwinCAT, end to end on loopback (127.0.132.1, used by no other spec): a data folder whose Settings
 * name a TwinCAT target folder, the CLI adds a plain route to a virtual target (and so to this PC's StaticRoutes.xml),
 * the Routes page lists it among the file's routes, and removing the route there with "Also remove from this PC's
 * TwinCAT" ticked takes the entry out of the file again, keeping the entry somebody else wrote.
 */
const PASSWORD = 'this-pc-twincat-e2e-1';
const TARGET = { name: 'CX-OWN-TC', address: '127.0.132.1' };
const OTHER_ENTRY = `<?xml version="1.0" encoding="UTF-8"?>
<TcConfig xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <RemoteConnections>
    <Route>
      <Name>WRITTEN-BY-XAE</Name>
      <Address>10.77.1.20</Address>
      <NetId>10.77.1.20.1.1</NetId>
      <Type>TCP_IP</Type>
      <Flags>32</Flags>
    </Route>
  </RemoteConnections>
</TcConfig>
`;

test("a route removed on the Routes page leaves this PC's StaticRoutes.xml too, and only that entry", async () => {
  test.setTimeout(90_000);
  const dataDir = await mkdtemp(join(tmpdir(), 'ars-e2e-own-twincat-data-'));
  const state = await mkdtemp(join(tmpdir(), 'ars-e2e-own-twincat-sim-'));
  const folder = join(dataDir, 'TwinCAT', '3.1', 'Target');
  const file = join(folder, 'StaticRoutes.xml');
  await mkdir(folder, { recursive: true });
  await writeFile(file, OTHER_ENTRY);
  await writeFile(join(dataDir, 'settings.json'), `${JSON.stringify({ twincatTargetFolder: folder }, null, 2)}\n`);
  const stops: Array<() => Promise<void>> = [];
  try {
    const sim = await startLoopbackSim(['--bind', TARGET.address, '--name', TARGET.name, '--password', PASSWORD, '--state', state]);
    stops.push(() => sim.stop());
    const added = await addPlainRoute(TARGET.address, PASSWORD, dataDir);
    expect(added.code, added.output).toBe(0);
    expect(await readFile(file, 'utf8')).toContain(`<Name>${TARGET.name}</Name>`);

    const host = await startWebHostProcess({ dataDir });
    stops.push(() => host.stop());
    const browser = await launchChromium();
    stops.push(() => browser.close());
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await openPage(page, `${host.url}#/routes`);
    const inFile = page.getByRole('table', { name: "Routes in this PC's StaticRoutes.xml" });
    await expect(inFile.getByRole('row')).toHaveCount(3);
    await expect(inFile.getByRole('cell', { name: TARGET.name, exact: true })).toBeVisible();

    await page.getByRole('button', { name: `Remove route ${TARGET.name}` }).click();
    const dialog = page.getByRole('dialog');
    const fromTwinCat = dialog.getByRole('checkbox', { name: "Also remove from this PC's TwinCAT (StaticRoutes.xml)" });
    await expect(fromTwinCat).toBeChecked();
    await expect(dialog).toContainText(file);
    expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'remove confirmation').toEqual([]);
    await dialog.getByRole('button', { name: 'Remove', exact: true }).click();

    await expect(page.getByText(`${TARGET.name} was also removed from ${file}`)).toBeVisible();
    await expect(inFile.getByRole('row')).toHaveCount(2);
    const after = await readFile(file, 'utf8');
    expect(after).not.toContain(`<Name>${TARGET.name}</Name>`);
    expect(after).toBe(OTHER_ENTRY);
    // The file as it was before the removal is kept next to it.
    expect((await readdir(folder)).filter((name) => name.startsWith('StaticRoutes.xml.bak')).length).toBeGreaterThan(0);
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    await rm(state, { recursive: true, force: true });
  }
});
