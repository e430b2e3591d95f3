import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { startSim } from './lab';
import { AREAS, AppFrame } from './pages/app-frame';
import { AddRouteDialog, TargetsView } from './pages/add-route-dialog';

/** Serious and critical axe findings, as "rule: target" lines so a failure names what to fix. */
async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  // A dialog still fading in has translucent text: measure contrast only once transitions have finished.
  await page.waitForFunction(() => document.getAnimations().every((animation) => animation.playState !== 'running'));
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} (${violation.help})`));
}

/** Presses Tab until `target` has focus; fails (instead of looping) if it never comes. */
async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((element) => element === document.activeElement || element.contains(document.activeElement))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

test.describe('accessibility', () => {
  test('every page of the app has no serious or critical axe violation', async ({ app }) => {
    const frame = new AppFrame(app.page);
    for (const area of AREAS) {
      await frame.goTo(area.label);
      await expect(app.page.getByRole('progressbar')).toHaveCount(0);
      expect(await seriousViolations(app.page), area.label).toEqual([]);
    }
  });

  test.describe('Add Route dialog in the lab', () => {
    test.setTimeout(90_000);

    test('settings and login steps have no serious or critical axe violation', async ({ lab, labApp }) => {
      const target = await lab.addTarget(1);
      const sim = await startSim(target, ['--name', 'CX-A11Y', '--user', 'Administrator', '--password', 'pw']);
      try {
        const targets = new TargetsView(labApp.page);
        await targets.searchHosts([target.address]);
        await targets.waitForRows(['CX-A11Y']);
        await targets.select(['CX-A11Y']);
        const dialog = await targets.openAddRoute();
        expect(await seriousViolations(labApp.page, '[role="dialog"]')).toEqual([]);
        await dialog.openLogin();
        await dialog.liveFingerprint();
        await dialog.compareWith.fill('00'.repeat(32));
        expect(await seriousViolations(labApp.page, '[role="dialog"]')).toEqual([]);
      } finally {
        await sim.stop();
      }
    });

    test('the whole SSC flow works from the keyboard alone', async ({ lab, labApp }) => {
      const target = await lab.addTarget(1);
      const sim = await startSim(target, ['--name', 'CX-KEYS', '--user', 'Administrator', '--password', 'pw']);
      try {
        const page = labApp.page;
        const targets = new TargetsView(page);
        await targets.searchHosts([target.address]);
        await targets.waitForRows(['CX-KEYS']);
        await targets.select(['CX-KEYS']);
        const open = page.getByRole('main').getByRole('button', { name: 'Add Route', exact: true });
        await open.focus();
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
      }
    });
  });
});
