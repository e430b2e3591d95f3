import { test, expect } from './fixtures';
import { CLIENT_ADAPTERS, LabSims, staticRoutes, type LabSim } from './lab';
import { AppFrame } from './pages/app-frame';
import { openAddRouteFor } from './pages/add-route-dialog';
import { ServerPage } from './pages/server-page';

/**
 * The server side and Add Route together, as on a plant network: three TwinCAT systems (virtual targets in lab
 * namespaces) that start with no PSK identity at all, reached over plain routes. In the UI they get one new PSK identity
 * in one batch, are restarted to Config and back to Run (the router re-reads StaticRoutes.xml), and then each gets a
 * Secure ADS route with that identity, created and verified.
 */

const PASSWORD = 'lab-pass-13';
const IDENTITY = 'LAB-SERVICE';
const CLIENT_ADDRESS = CLIENT_ADAPTERS[0].address;
const labSims = new LabSims({ user: 'Administrator', password: PASSWORD });

test.afterEach(() => labSims.stopAll());

test('three targets get a new PSK identity in one batch, restart to Config and Run, then a verified PSK route each', async ({
  lab,
  labApp,
}) => {
  test.setTimeout(60_000);
  const { page } = labApp;
  const sims: LabSim[] = [];
  for (const name of ['CX-PSK-1', 'CX-PSK-2', 'CX-PSK-3']) sims.push(await labSims.add(lab, name));
  const names = sims.map((one) => one.name);

  // Plain routes first: the way this PC reaches the systems' file and restart services.
  const plain = await openAddRouteFor(page, sims);
  await plain.dialog.setSecure(false);
  await plain.dialog.openLogin();
  await plain.dialog.osLogin('Administrator', PASSWORD);
  await plain.dialog.add();
  expect(await plain.dialog.batchSummary()).toBe('All 3 routes created and verified');
  await plain.dialog.close();

  const server = new ServerPage(page);
  await server.open();
  await server.waitForRead(names);
  await server.select(names);
  const { secret, dialog } = await server.addPskIdentity(IDENTITY);
  // Listed in the order the routes were created, which a batch does not fix.
  expect((await dialog.confirmedSystems()).sort()).toEqual(sims.map((one) => `${one.name} (${one.handle.ready.netId}), now Run`));
  expect((await dialog.apply()).map((row) => [row.system, row.change]).sort()).toEqual(names.map((name) => [name, 'ok']));
  for (const one of sims) expect(await staticRoutes(one)).toContain(`<Identity>${IDENTITY}</Identity>`);
  // The restart to Config proves the new identity with a PSK handshake to each system.
  const toConfig = await dialog.restart('config');
  expect(toConfig.rows.map((row) => [row.system, row.restart, row.verify]).sort()).toEqual(names.map((name) => [name, 'ok', 'ok']));
  expect((await dialog.restart('run')).rows.map((row) => row.restart)).toEqual(['ok', 'ok', 'ok']);
  await dialog.close();

  await new AppFrame(page).goTo('Targets');
  const secure = await openAddRouteFor(page, sims);
  await secure.dialog.setSecure(true, 'Pre-Shared Key (PSK)');
  await secure.dialog.openLogin();
  await secure.dialog.pskLogin(IDENTITY, secret);
  await secure.dialog.add();
  expect(await secure.dialog.batchSummary()).toBe('All 3 routes created and verified');
  for (const one of sims) await expect(secure.dialog.resultStatus(one.target.address)).toHaveText('Created');
  await secure.dialog.close();
  for (const one of sims) {
    const routes = await staticRoutes(one);
    expect(routes).toMatch(new RegExp(`<Address>${CLIENT_ADDRESS.replace(/\./g, '\\.')}</Address>[\\s\\S]*Mode="psk"`));
  }

  // This PC's list: each route now Secure ADS with PSK, and verified (a date, not "never").
  await new AppFrame(page).goTo('Routes');
  for (const name of names) {
    const row = page.getByRole('table', { name: 'Routes' }).getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('PSK');
    await expect(row.getByRole('cell').nth(5)).not.toHaveText('never');
  }
  await expect(page.locator('body')).not.toContainText(secret);
  expect(labApp.consoleErrors).toEqual([]);
});
