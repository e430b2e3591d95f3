import type { Page } from '@playwright/test';

/**
 * Waits until nothing moves but endless spinners (a running step's spinner turns for as long as the step runs):
 * colours mid-transition would neither show what the user sees nor measure the contrast they get.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
}
