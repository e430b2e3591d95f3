import type { Locator, Page } from '@playwright/test';
import { settled } from './settled';

/**
 * README screenshots: `ARS_SCREENSHOTS=1` writes docs/screenshots/NAME.png; `ARS_SCREENSHOT_LANGUAGES=en,de` also
 * docs/screenshots/de/NAME.png of the very same state. The spec drives the app in English; for each German picture
 * the language is switched the way a second window of the app switches it (localStorage plus its storage event),
 * and switched back before the spec goes on.
 */
export const screenshotsOn = process.env.ARS_SCREENSHOTS === '1';

const LANGUAGE_KEY = 'ads-route-studio.language';

function languages(): string[] {
  const listed = (process.env.ARS_SCREENSHOT_LANGUAGES ?? 'en').split(',').map((one) => one.trim());
  return listed.filter((one) => one === 'en' || one === 'de');
}

export async function switchLanguage(page: Page, language: string): Promise<void> {
  await page.evaluate(
    ([key, value]) => {
      localStorage.setItem(key, value);
      window.dispatchEvent(new StorageEvent('storage', { key, newValue: value }));
    },
    [LANGUAGE_KEY, language] as const,
  );
  await page.waitForFunction((value) => document.documentElement.lang === value, language);
}

/**
 * Photographs `target` (else the whole page) once per screenshot language. The element is held across the switch,
 * since a locator by its English name would not find it in German; `path` is the English one (docs/screenshots/…).
 */
export async function shoot(page: Page, path: string, target?: Locator, options: { fullPage?: boolean } = {}): Promise<void> {
  if (!screenshotsOn) return;
  const element = target ? await target.elementHandle() : null;
  for (const language of languages()) {
    if (language !== 'en') await switchLanguage(page, language);
    await settled(page);
    const file = language === 'en' ? path : path.replace(/(^|\/)screenshots\//, `$1screenshots/${language}/`);
    if (element) await element.screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: options.fullPage ?? false, animations: 'disabled' });
    if (language !== 'en') await switchLanguage(page, 'en');
  }
}
