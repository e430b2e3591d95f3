import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOWNLOAD_FAILED, ensureElectronBinary } from './electron-binary.mjs';

// A stand-in for Electron's package folder: its install.js fails the way the real one does without a network.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ars-electron-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const lines: string[] = [];
  return { lines, output: { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) } };
}

describe('npm start without the Electron binary', () => {
  it('says in one line that the download failed and what to use instead, with no stack trace', async () => {
    await writeFile(
      join(dir, 'install.js'),
      "console.error(new TypeError('fetch failed').stack); console.error('    at node:internal/deps/undici'); process.exit(1);\n",
    );
    // In a process of its own, as npm start runs it: whatever the installer prints would reach this stderr.
    const module = pathToFileURL(join(import.meta.dirname, 'electron-binary.mjs')).href;
    const run = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { ensureElectronBinary } from ${JSON.stringify(module)}; process.exit(ensureElectronBinary(${JSON.stringify(dir)}) ? 0 : 1);`,
      ],
      { encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stdout.trim()).toBe('ADS Route Studio: downloading the Electron binary (first start only)…');
    expect(run.stderr.trim()).toBe(DOWNLOAD_FAILED);
    expect(DOWNLOAD_FAILED).toContain('npm run web');
  });

  it('does nothing when the binary is already there', async () => {
    await writeFile(join(dir, 'path.txt'), 'electron');
    const { lines, output } = capture();
    expect(ensureElectronBinary(dir, output)).toBe(true);
    expect(lines).toEqual([]);
  });
});
