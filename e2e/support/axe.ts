import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/** Serious and critical axe findings (WCAG 2.1 A/AA) as "rule: target (help)" lines, once transitions have settled. */
export async function seriousAxeViolations(page: Page, include?: string): Promise<string[]> {
  // A dialog still fading in has translucent text: measure contrast only once transitions have finished. A running
  // step's spinner turns for as long as the step runs; it is no transition, and waiting for it would skip the progress.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')} (${v.help})`));
}
