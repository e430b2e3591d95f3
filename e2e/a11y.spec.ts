import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startSim } from './lab';
import { AREAS, AppFrame } from './pages/app-frame';
import { AddRouteDialog, TargetsView } from './pages/add-route-dialog';
import { seriousAxeViolations } from './support/axe';

/** Presses Tab (or Shift+Tab) until `target` has focus; fails (instead of looping) if it never comes. */
async function tabTo(page: Page, target: Locator, options: { backwards?: boolean; maxPresses?: number } = {}): Promise<void> {
  const key = options.backwards ? 'Shift+Tab' : 'Tab';
  for (let i = 0; i < (options.maxPresses ?? 40); i++) {
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${String(target)}`);
}

const PSK = 'SERVICE:maintenance-key-7';

test.describe('accessibility', () => {
  test('every page of the app has no serious or critical axe violation', async ({ app }) => {
    const frame = new AppFrame(app.page);
    for (const area of AREAS) {
      await frame.goTo(area.label);
      await expect(app.page.getByRole('progressbar')).toHaveCount(0);
      expect(await seriousAxeViolations(app.page), area.label).toEqual([]);
    }
  });

  test.describe('Add Route dialog in the lab', () => {
    test.setTimeout(90_000);

    test('settings, the SSC, PSK and CA logins and the finished stepper have no serious or critical axe violation', async ({
      lab,
      labApp,
    }) => {
      const target = await lab.addTarget(1);
      const sim = await startSim(target, ['--name', 'CX-A11Y', '--user', 'Administrator', '--password', 'pw', '--psk', PSK]);
      try {
        const page = labApp.page;
        const targets = new TargetsView(page);
        await targets.searchHosts([target.address]);
        await targets.waitForRows(['CX-A11Y']);
        await targets.select(['CX-A11Y']);
        const dialog = await targets.openAddRoute();
        const back = dialog.root.getByRole('button', { name: 'Back' });
        expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'settings').toEqual([]);

        await dialog.openLogin();
        await dialog.liveFingerprint();
        await dialog.compareWith.fill('00'.repeat(32));
        await expect(dialog.root.getByText('Fingerprints differ: do not continue unless you know why')).toBeVisible();
        expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'SSC login, fingerprints differ').toEqual([]);

        await back.click();
        await dialog.setSecure(true, 'Pre-Shared Key (PSK)');
        await dialog.openLogin();
        await expect(dialog.field('Identity')).toBeVisible();
        await dialog.pskLogin('SERVICE', 'not-the-key');
        expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'PSK login').toEqual([]);

        await back.click();
        await dialog.setSecure(true, 'Shared CA');
        await dialog.openLogin();
        await expect(dialog.field('CA certificate')).toBeVisible();
        await dialog.caLogin({ ca: '/etc/ads/ca.pem', cert: '/etc/ads/client.pem', key: '/etc/ads/client.key' });
        expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'CA login').toEqual([]);

        // Done: every step green with its time.
        await back.click();
        await dialog.setSecure(true, 'Pre-Shared Key (PSK)');
        await dialog.openLogin();
        await dialog.pskLogin('SERVICE', 'maintenance-key-7');
        await dialog.add();
        expect(await dialog.summary()).toMatch(/^Route to CX-A11Y created and verified/);
        expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'stepper, route created').toEqual([]);
      } finally {
        await sim.stop();
      }
    });

    test('the stepper with a failed step has no serious or critical axe violation', async ({ lab, labApp }) => {
      // The failed step's alert can make the progress content taller than the dialog: the scrolling region must take
      // focus itself (axe scrollable-region-focusable), as it holds no control of its own.
      const target = await lab.addTarget(1);
      const sim = await startSim(target, ['--name', 'CX-FAIL', '--user', 'Administrator', '--password', 'pw', '--psk', PSK]);
      try {
        const targets = new TargetsView(labApp.page);
        await targets.searchHosts([target.address]);
        await targets.waitForRows(['CX-FAIL']);
        await targets.select(['CX-FAIL']);
        const dialog = await targets.openAddRoute();
        await dialog.setSecure(true, 'Pre-Shared Key (PSK)');
        await dialog.openLogin();
        await dialog.pskLogin('SERVICE', 'not-the-key');
        await dialog.add();
        expect(await dialog.summary()).toMatch(/^Route to CX-FAIL failed: /);
        await expect(dialog.progress.getByRole('alert')).toBeVisible();
        expect(await seriousAxeViolations(labApp.page, '[role="dialog"]')).toEqual([]);
      } finally {
        await sim.stop();
      }
    });

    test('the results table, running and finished with a failure, has no serious or critical axe violation', async ({ lab, labApp }) => {
      const live = await lab.addTarget(1);
      const gone = await lab.addTarget(1);
      const sims = [
        await startSim(live, ['--name', 'LINE-A11Y', '--user', 'Administrator', '--password', 'pw', '--no-tls']),
        await startSim(gone, ['--name', 'GONE-A11Y', '--user', 'Administrator', '--password', 'pw', '--no-tls']),
      ];
      try {
        const page = labApp.page;
        const targets = new TargetsView(page);
        await targets.searchHosts([live.address, gone.address]);
        await targets.waitForRows(['LINE-A11Y', 'GONE-A11Y']);
        await targets.select(['LINE-A11Y', 'GONE-A11Y']);
        const dialog = await targets.openAddRoute();
        // GONE-A11Y answered the search, then its cable is pulled: its route waits until the Connection Timeout.
        const unplug = await gone.exec('ip', ['link', 'set', 'eth0', 'down']);
        expect(unplug.code, unplug.stderr).toBe(0);
        await dialog.field('Connection Timeout (s)').fill('8');
        await dialog.openLogin();
        await dialog.osLogin('Administrator', 'pw');
        await dialog.add();

        // The live target is through every step, the unplugged one still waits for its answer.
        await expect(dialog.resultRow(live.address).getByRole('listitem', { name: /^Verify ADS connection: done/ })).toBeVisible();
        const waiting = dialog.resultRow(gone.address).getByRole('listitem', { name: 'Send credentials: running' });
        await expect(waiting).toBeVisible();
        expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'results table while a route still runs').toEqual([]);
        // The check above must have seen the running state, not the end.
        await expect(waiting).toBeVisible();

        expect(await dialog.batchSummary()).toBe('1 of 2 routes created, 1 failed');
        await expect(dialog.resultStatus(gone.address)).toHaveText('Failed');
        expect.soft(await seriousAxeViolations(page, '[role="dialog"]'), 'results table with a failure').toEqual([]);
      } finally {
        for (const one of sims) await one.stop();
      }
    });

    test('the whole SSC flow works from the keyboard alone', async ({ lab, labApp }) => {
      const target = await lab.addTarget(1);
      const otherTarget = await lab.addTarget(1);
      const sim = await startSim(target, ['--name', 'CX-KEYS', '--user', 'Administrator', '--password', 'pw']);
      const other = await startSim(otherTarget, ['--name', 'PLC-OTHER', '--user', 'Administrator', '--password', 'pw', '--no-tls']);
      try {
        const page = labApp.page;
        const targets = new TargetsView(page);
        await targets.searchHosts([target.address, otherTarget.address]);
        await targets.waitForRows(['CX-KEYS', 'PLC-OTHER']);

        // The Targets table: one Tab stop (a row), arrows and Home/End walk the rows, Space selects.
        const rows = targets.table.locator('tbody tr[data-key]');
        await expect(rows).toHaveCount(2);
        await tabTo(page, targets.table.locator('tbody'));
        await expect(rows.first()).toBeFocused();
        await page.keyboard.press('End');
        await expect(rows.last()).toBeFocused();
        await page.keyboard.press('Home');
        await expect(rows.first()).toBeFocused();
        const names = await rows.evaluateAll((trs) => trs.map((tr) => tr.textContent ?? ''));
        const index = names.findIndex((text) => text.includes('CX-KEYS'));
        for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
        await expect(targets.row('CX-KEYS')).toBeFocused();
        const keysBox = targets.table.getByRole('checkbox', { name: 'Select CX-KEYS' });
        const otherBox = targets.table.getByRole('checkbox', { name: 'Select PLC-OTHER' });
        await page.keyboard.press('Space');
        await expect(keysBox).toBeChecked();
        await page.keyboard.press('Space');
        await expect(keysBox).not.toBeChecked();
        await page.keyboard.press('Space');
        await expect(keysBox).toBeChecked();
        await expect(otherBox).not.toBeChecked();
        await expect(targets.row('CX-KEYS')).toHaveAttribute('aria-selected', 'true');
        await expect(page.getByRole('status').filter({ hasText: /, 1 selected$/ })).toBeVisible();

        // The page's Add Route button sits above the table: Shift+Tab reaches it.
        const open = page.getByRole('main').getByRole('button', { name: 'Add Route', exact: true });
        await expect(open).toBeEnabled();
        await tabTo(page, open, { backwards: true });
        await page.keyboard.press('Enter');
        const addRoute = new AddRouteDialog(page);
        await expect(addRoute.root).toBeVisible();
        // Settings first: focus starts in the form, Tab walks to the dialog's Add Route button.
        await expect(addRoute.field('Route Name (Target)')).toBeFocused();
        await tabTo(page, addRoute.addRouteButton);
        await page.keyboard.press('Enter');
        // Login: the user name has focus; Tab reaches the password, then Compare with, then Add.
        await expect(addRoute.field('User name')).toBeFocused();
        await page.keyboard.type('Administrator');
        await page.keyboard.press('Tab');
        await expect(addRoute.field('Password')).toBeFocused();
        await page.keyboard.type('pw');
        await addRoute.liveFingerprint();
        await tabTo(page, addRoute.compareWith);
        await page.keyboard.type(sim.ready.fingerprint ?? '');
        await expect(addRoute.root.getByText('Fingerprints match')).toBeVisible();
        await tabTo(page, addRoute.addButton);
        await page.keyboard.press('Enter');
        expect(await addRoute.summary()).toMatch(/^Route to CX-KEYS created and verified/);
        await page.keyboard.press('Escape');
        await expect(addRoute.root).toBeHidden();
      } finally {
        await sim.stop();
        await other.stop();
      }
    });
  });
});
