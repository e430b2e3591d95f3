import type { Page } from '@playwright/test';
import { test, expect, type AppUnderTest } from './fixtures';
import { LabSims, type Lab } from './lab';
import { AppFrame } from './pages/app-frame';
import { TargetsPage } from './pages/targets-page';

/** How far the Targets table (or the page) reaches past its visible width, in px; 0 or less: nothing is cut off. */
async function overflow(page: Page): Promise<{ table: number; page: number }> {
  return page.evaluate(() => {
    const container = document.querySelector('table[aria-label="Targets"]')?.parentElement;
    const root = document.documentElement;
    return {
      table: container ? container.scrollWidth - container.clientWidth : Number.NaN,
      page: root.scrollWidth - root.clientWidth,
    };
  });
}

/** The sim's own default login: these tests only find the systems, they never log in. */
const labSims = new LabSims({ user: 'Administrator', password: '1' });

test.afterEach(() => labSims.stopAll());

/** A sim named `name` in a namespace of its own, searched for by host on the Targets page until it is the one row. */
async function findOneSim(lab: Lab, app: AppUnderTest, name: string) {
  const sim = await labSims.add(lab, name);
  const page = app.page;
  await new AppFrame(page).goTo('Targets');
  const targets = new TargetsPage(page);
  await targets.searchHost(sim.target.address);
  await targets.waitForSearchEnd();
  await expect(targets.bodyRows).toHaveCount(1);
  return { sim, target: sim.target, page, targets };
}

test.describe('Targets view on a laptop screen', () => {
  test.setTimeout(90_000);

  test('at 1280 and 1024 px no column is cut off: the least needed ones hide, the column chooser lists them', async ({ lab, labApp }) => {
    const { target, page, targets } = await findOneSim(lab, labApp, 'CX-5140-PACK-L2');

    for (const width of [1440, 1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await expect.poll(() => overflow(page), { message: `at ${width} px` }).toEqual({ table: 0, page: 0 });
      const headers = (await targets.table.getByRole('columnheader').allTextContents()).map((text) => text.trim());
      // What a commissioning engineer decides on stays: which system, where, Secure ADS and its fingerprint.
      expect(headers, `at ${width} px`).toEqual(expect.arrayContaining(['Host Name', 'Address', 'Secure ADS', 'Fingerprint']));
      await expect(targets.row(target.address).getByRole('button', { name: /^Copy fingerprint of / })).toBeInViewport();
    }

    // At 1024 px the chooser says which wanted columns had no room.
    await page.getByRole('button', { name: 'Columns', exact: true }).click();
    const os = page.getByRole('menuitemcheckbox', { name: /^OS Version/ });
    await expect(os).toHaveAttribute('aria-checked', 'true');
    await expect(os).toContainText('no room at this window width');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu')).toHaveCount(0);
  });

  test('Ctrl+F reaches the filter and F5 repeats the search without reloading the page', async ({ lab, labApp }) => {
    const { sim, target, page, targets } = await findOneSim(lab, labApp, 'CX-KEYS-F5');
    // A reload would lose this mark (and the results).
    await page.evaluate(() => ((window as unknown as { __mark: boolean }).__mark = true));

    await page.keyboard.press('Control+f');
    await expect(targets.filter).toBeFocused();
    await page.keyboard.type('nothing-matches-this');
    await expect(targets.bodyRows).toHaveCount(0);
    await targets.filter.fill('');

    // The system goes away and the field is emptied: F5 asks the same host again, and now nobody answers.
    await labSims.stop(sim);
    await targets.hostField.fill('');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('F5');
    await expect(targets.progress).toBeVisible();
    await targets.waitForSearchEnd();
    await expect(targets.foundCount()).toHaveText('0 systems found');
    await expect(targets.problems).toContainText(target.address);
    expect(await page.evaluate(() => (window as unknown as { __mark?: boolean }).__mark)).toBe(true);
  });
});
