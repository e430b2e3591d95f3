import type { Page } from '@playwright/test';

/**
 * Opens `url`, again when Chromium aborted the navigation with ERR_NETWORK_CHANGED: it does that whenever the
 * machine's network changes under it, which other workers' labs (namespaces made and removed) can cause. The app is
 * on loopback and never saw the aborted request, so a second navigation is the same first visit.
 */
export async function openPage(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url);
      return;
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('ERR_NETWORK_CHANGED')) throw error;
    }
  }
}
