import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { settled } from './settled';

/** Serious and critical axe findings (WCAG 2.1 A/AA) as "rule: target (help)" lines, once transitions have settled. */
export async function seriousAxeViolations(page: Page, include?: string): Promise<string[]> {
  // A dialog still fading in has translucent text: measure contrast only once transitions have finished.
  await settled(page);
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  if (include) builder = builder.include(include);
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((node) => `${v.id}: ${node.target.join(' ')} (${v.help})`));
}
