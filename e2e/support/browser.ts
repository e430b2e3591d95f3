import { chromium, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LabNamespace } from '../lab';

/** Quiet, offline Chromium: nothing but the page under test may cause traffic. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The system Chromium when there is one; otherwise undefined and Playwright uses its own download. */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A Chromium with a new, empty profile. With a namespace, Chromium itself runs inside it (through a wrapper script),
 * so its network is the lab's; Playwright still drives it over a pipe, which no namespace affects.
 */
export async function launchChromium(options: { namespace?: LabNamespace; locale?: string } = {}): Promise<BrowserSession> {
  const scratch = await mkdtemp(join(tmpdir(), 'ars-e2e-browser-'));
  let executablePath = chromiumExecutable();
  if (options.namespace) {
    if (!executablePath)
      throw new Error('running Chromium inside the lab needs a system Chromium (/usr/bin/chromium or PLAYWRIGHT_CHROMIUM_EXECUTABLE)');
    const wrapper = join(scratch, 'chromium-in-lab.sh');
    await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${options.namespace.name} ${executablePath} "$@"\n`);
    await chmod(wrapper, 0o755);
    executablePath = wrapper;
  }
  const userDataDir = join(scratch, 'profile');
  try {
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      args: CHROMIUM_ARGS,
      headless: true,
      // The app honours reduced motion, so checks (axe contrast, screenshots) see settled dialogs, not fades.
      reducedMotion: 'reduce',
      // The UI follows the browser language: tests and screenshots say which one they read, not the machine's.
      locale: options.locale ?? 'en-US',
    });
    return {
      context,
      async close() {
        await context.close().catch(() => undefined);
        await rm(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(scratch, { recursive: true, force: true });
    throw error;
  }
}
