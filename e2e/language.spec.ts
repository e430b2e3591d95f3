import { test, expect } from './fixtures';
import { AppFrame } from './pages/app-frame';
import { launchChromium } from './support/browser';
import { shoot } from './support/screenshots';
import { startWebHostProcess } from './support/web-host-process';
import { openPage } from './support/navigate';

/**
 * The UI language in the built app: it follows the OS (Chromium's locale stands in for it, as Electron reports the
 * OS locale the same way), Settings switches it at once, and the choice outlives a reload. With ARS_SCREENSHOTS=1
 * the Settings and Log pages are photographed for the README (ARS_SCREENSHOT_LANGUAGES=en,de for German too).
 */

test('a German OS gets the German UI; Settings switches it to English at once and the choice survives a reload', async () => {
  const host = await startWebHostProcess();
  // A browser that fails to start must not leave the host running.
  const browser = await launchChromium({ locale: 'de-DE' }).catch(async (error: unknown) => {
    await host.stop();
    throw error;
  });
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await openPage(page, host.url);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zielsysteme');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page).toHaveTitle('Zielsysteme – ADS Route Studio');

    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Einstellungen' }).click();
    await page.getByRole('combobox', { name: 'Sprache' }).click();
    await page.getByRole('option', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
      'Targets',
      'Routes',
      'Secure ADS server',
      'Certificates',
      'Log',
      'Settings',
    ]);

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  } finally {
    await browser.close();
    await host.stop();
  }
});

test('a search is recorded on the Log page with its source; Settings and Log as the README shows them', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 860 });
  const frame = new AppFrame(page);

  // Nothing listens on 127.0.0.9: the search ends without an answer, and the log records it.
  await page.getByRole('textbox', { name: 'Host name / IP' }).fill('127.0.0.9');
  await page.getByRole('button', { name: 'Search host' }).click();
  await expect(page.getByText('No system answered.')).toBeVisible();

  await frame.goTo('Settings');
  await expect(page.getByRole('table', { name: 'Network adapters' })).toBeVisible();
  await shoot(page, 'docs/screenshots/settings.png', page.locator('main'));

  await frame.goTo('Log');
  const searchLine = page
    .getByRole('table', { name: 'Log' })
    .getByRole('row')
    .filter({ hasText: /started: 1 host/ });
  await expect(searchLine).toContainText('discovery');
  await shoot(page, 'docs/screenshots/log.png', page.locator('main'));
  expect(app.consoleErrors).toEqual([]);
});
