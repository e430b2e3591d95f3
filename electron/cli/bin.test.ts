import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, type TestContext } from 'vitest';

/**
 * The package's `bin` entry as a user runs it (`npx adsroute …` after `npm ci && npm run build`): a separate Node
 * process running the stub named in package.json, which loads the bundled CLI from dist/.
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };
const BIN = join(repo, pkg.bin.adsroute ?? 'bin/adsroute.cjs');
const CLI_BUNDLE = join(repo, 'dist/electron/cli.cjs');
const NOT_BUILT = 'dist/electron/cli.cjs is missing: run `npm run build` first (`npm test` builds before the unit tests)';

function adsroute(args: string[], bin = BIN) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `npm test` builds before it runs these; run alone without a build they skip and say why, except in CI. */
function needsBuild(context: TestContext): void {
  if (existsSync(CLI_BUNDLE)) return;
  if (process.env.CI) throw new Error(NOT_BUILT);
  console.log(`bin/adsroute.cjs test skipped: ${NOT_BUILT}`);
  context.skip(NOT_BUILT);
}

describe('bin/adsroute.cjs (the `adsroute` bin entry)', () => {
  it('is the bin package.json declares, an executable Node script', () => {
    expect(pkg.bin).toEqual({ adsroute: 'bin/adsroute.cjs' });
    expect(readFileSync(BIN, 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    if (process.platform !== 'win32') expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('--help exits 0 and prints the usage with the commands', (context) => {
    needsBuild(context);
    const { code, stdout, stderr } = adsroute(['--help']);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^Usage: adsroute <command> \[options\]/);
    for (const command of ['decode', 'discover', 'probe', 'add-route', 'sim'])
      expect(stdout).toMatch(new RegExp(`^\\s+${command}\\s`, 'm'));
    expect(stdout).toContain('--version');
    expect(stderr).toBe('');
  });

  it("--version prints package.json's version and exits 0", (context) => {
    needsBuild(context);
    const { code, stdout, stderr } = adsroute(['--version']);
    expect(code, stderr).toBe(0);
    expect(stdout.trim()).toBe(`adsroute ${pkg.version}`);
  });

  it('an unknown command exits 2 and names it, with the usage on stderr', (context) => {
    needsBuild(context);
    const { code, stdout, stderr } = adsroute(['no-such-command']);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown command 'no-such-command'");
    expect(stderr).toContain('Usage: adsroute <command>');
    expect(stdout).toBe('');
  });

  it('says to build first, and exits 2, when dist/ holds no CLI bundle', async () => {
    // A copy of the stub in a tree without dist/: what a user sees after `npm ci` alone.
    const tree = await mkdtemp(join(tmpdir(), 'ars-bin-'));
    try {
      await mkdir(join(tree, 'bin'));
      await copyFile(BIN, join(tree, 'bin/adsroute.cjs'));
      const { code, stdout, stderr } = adsroute(['--help'], join(tree, 'bin/adsroute.cjs'));
      expect(code).toBe(2);
      expect(stderr).toContain('Run `npm run build` first');
      expect(stdout).toBe('');
    } finally {
      await rm(tree, { recursive: true, force: true });
    }
  });
});
