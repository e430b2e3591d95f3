import { test, expect } from './fixtures';
import { CLIENT_ADAPTERS, startSim, type SimHandle } from './lab';
import { AppFrame } from './pages/app-frame';
import { TARGET_COLUMNS, TargetsPage } from './pages/targets-page';
import { screenshotsOn, shoot } from './support/screenshots';

const ADAPTER_NAMES = CLIENT_ADAPTERS.map((adapter) => adapter.name);
/** Free on subnet 1: targets start at .10, the client is .2. */
const SILENT_ADDRESS = '10.77.1.99';

test('the Targets view finds the lab systems by broadcast per adapter, by host and by range, as they answer', async ({ lab, labApp }) => {
  test.setTimeout(120_000);
  const near1 = await lab.addTarget(1);
  const near2 = await lab.addTarget(1);
  const far = await lab.addTarget(2);
  const sims: SimHandle[] = [];
  try {
    // near2 runs without Secure ADS: the one system the list must show without a lock.
    for (const [target, args] of [
      [near1, ['--name', 'CX-5140-LINE1']],
      [near2, ['--name', 'PLC-PRESS-2', '--os', 'win7', '--no-tls']],
      [far, ['--name', 'CX-BSD-PACK', '--os', 'tcbsd']],
    ] as const)
      sims.push(await startSim(target, args));
    const subnet1 = [near1.address, near2.address];
    const all = [near1.address, near2.address, far.address];

    const page = labApp.page;
    // Wide enough for every column: narrower windows hide the least needed ones (targets-layout.spec.ts).
    await page.setViewportSize({ width: 1680, height: 900 });
    await new AppFrame(page).goTo('Targets');
    const targets = new TargetsPage(page);
    await expect(targets.table.getByRole('columnheader')).toHaveText(['', ...TARGET_COLUMNS]);
    for (const name of ADAPTER_NAMES) await expect(targets.adapter(name)).toBeChecked();

    await test.step('a broadcast on lab1 alone finds exactly the systems of subnet 1', async () => {
      await targets.chooseAdapters(['lab1'], ADAPTER_NAMES);
      await targets.broadcast();
      await targets.waitForSearchEnd();
      await expect.poll(() => targets.addresses()).toEqual(subnet1);
      await expect(targets.foundCount()).toHaveText('2 systems found');
    });

    await test.step('both adapters find all three, rows appear while the search still runs, and Cancel stops it', async () => {
      await targets.chooseAdapters(ADAPTER_NAMES, ADAPTER_NAMES);
      // A long timeout keeps the search running well after the replies, so "rows before the end" is observable.
      await targets.chooseTimeout('10 s');
      await targets.broadcast();
      await expect(targets.bodyRows).toHaveCount(3);
      await expect(targets.progress).toBeVisible();
      await expect.poll(() => targets.addresses()).toEqual(all);

      await expect(targets.row(near1.address).getByRole('img', { name: 'Secure ADS offered' })).toBeVisible();
      await expect(targets.row(far.address).getByRole('img', { name: 'Secure ADS offered' })).toBeVisible();
      await expect(targets.row(near2.address).getByRole('img', { name: 'No Secure ADS' })).toBeVisible();
      await expect(targets.row(near2.address).getByRole('img', { name: 'Secure ADS offered' })).toHaveCount(0);
      await expect(targets.row(far.address).getByRole('button', { name: /^Copy fingerprint of / })).toBeVisible();

      await targets.row(far.address).click();
      await expect(targets.addRouteButton).toBeEnabled();

      await targets.cancelButton.click();
      await targets.waitForSearchEnd(5_000);
      await expect(targets.bodyRows).toHaveCount(3);
      // For the README: ARS_SCREENSHOTS=1 [ARS_SCREENSHOT_LANGUAGES=en,de] npx playwright test e2e/discovery.spec.ts
      if (screenshotsOn) {
        await page.setViewportSize({ width: 1440, height: 720 });
        await page.mouse.move(0, 0);
        await shoot(page, 'docs/screenshots/targets.png');
      }
      await targets.chooseTimeout('3 s');
    });

    await test.step('a host name the services would refuse is explained under the field and cannot be searched', async () => {
      await targets.hostField.fill('cx-5140-line1-');
      await expect(page.getByText('cx-5140-line1- is not a host name or IPv4 address', { exact: true })).toBeVisible();
      await expect(targets.hostButton).toBeDisabled();
    });

    await test.step('a host search reaches the subnet-2 system by its address', async () => {
      await targets.searchHost(far.address);
      await targets.waitForSearchEnd();
      await expect.poll(() => targets.addresses()).toEqual([far.address]);
      expect(await targets.column('AMS NetId')).toEqual([sims[2]!.ready.netId]);
    });

    await test.step('a range sweep finds the systems of subnet 1 inside it', async () => {
      await targets.searchRange('10.77.1.5-10.77.1.20');
      await targets.waitForSearchEnd();
      await expect.poll(() => targets.addresses()).toEqual(subnet1);
    });

    await test.step('a host that does not answer gets its own message and the empty result is explained', async () => {
      await targets.searchHost(SILENT_ADDRESS);
      await targets.waitForSearchEnd();
      await expect(targets.bodyRows).toHaveCount(0);
      await expect(targets.problems).toContainText(SILENT_ADDRESS);
      await expect(targets.problems).toContainText(/no answer/i);
      await expect(targets.emptyHint).toBeVisible();
    });

    expect(labApp.consoleErrors).toEqual([]);
  } finally {
    await Promise.all(sims.map((sim) => sim.stop()));
  }
});
