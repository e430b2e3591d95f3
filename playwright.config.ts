import { defineConfig } from '@playwright/test';
import type { AppOptions } from './e2e/fixtures';

/**
 * End-to-end tests against the BUILT app (`npm run build` first; `npm test` does). Artifacts go to a subfolder so
 * Playwright's cleaning of its output folder leaves test-results/vitest.json alone.
 */
export default defineConfig<AppOptions>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright-artifacts',
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  // Two cores: a browser and a host per worker already keep both busy.
  workers: 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  projects: [
    { name: 'web', use: { appKind: 'web' } },
    {
      name: 'electron',
      use: { appKind: 'electron' },
      // The host, the lab and the app in the lab are shell-independent; they run once, in the web project.
      testMatch: ['**/frame.spec.ts'],
    },
  ],
});
