import { extractFile, listPackage } from '@electron/asar';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const repo = dirname(dirname(fileURLToPath(import.meta.url)));
const ELECTRON_VERSION = JSON.parse(await readFile(join(repo, 'node_modules/electron/package.json'), 'utf8')).version as string;

// @electron/fuses finds the fuse wire after this marker: version byte, length byte, then one byte per fuse.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];
const FUSE_ENABLED = 49;
const FUSE_DISABLED = 48;

let work = '';
let appOut = '';
let asarPath = '';
let entries: string[] = [];

/** What electronDist needs for linux --dir: an unpacked Electron; the stand-in executable carries a fuse wire. */
async function createStandInElectron(dir: string): Promise<void> {
  await mkdir(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.from([1, FUSES.length, ...FUSES.map((name) => (name === 'enableCookieEncryption' ? FUSE_DISABLED : FUSE_ENABLED))]);
  const script = Buffer.from('#!/bin/sh\necho "stand-in Electron: not runnable"\nexit 1\n# ');
  await writeFile(join(dir, 'electron'), Buffer.concat([script, Buffer.from(FUSE_SENTINEL), wire, Buffer.from('\n')]));
  await chmod(join(dir, 'electron'), 0o755);
  await writeFile(join(dir, 'version'), ELECTRON_VERSION);
  await writeFile(join(dir, 'LICENSE'), 'MIT (stand-in)\n');
  await writeFile(join(dir, 'LICENSES.chromium.html'), '<html></html>\n');
}

/**
 * A private copy of the project: another build recreating dist/ mid-packaging cannot disturb it, and the real
 * node_modules (linked in) still lets electron-builder see every dependency it could be tempted to copy.
 */
async function stageProject(dir: string): Promise<void> {
  const needed = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
  if (needed.some((file) => !existsSync(join(repo, file)))) await run(process.execPath, ['scripts/build.mjs'], { cwd: repo });
  for (const file of ['package.json', 'package-lock.json', 'build/electron-builder.yml']) await cp(join(repo, file), join(dir, file));
  await cp(join(repo, 'dist'), join(dir, 'dist'), { recursive: true });
  await symlink(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // Files a build could leave next to the bundles: source maps, tests, sources. None may ship.
  await writeFile(join(dir, 'dist/electron/main.cjs.map'), '{}');
  await writeFile(join(dir, 'dist/renderer/app.test.js'), '');
  await writeFile(join(dir, 'dist/renderer/leftover.ts'), '');
  await mkdir(join(dir, 'e2e'), { recursive: true });
  await writeFile(join(dir, 'e2e/app.spec.ts'), '');
}

async function electronBuilder(projectDir: string, electronDist: string, output: string): Promise<void> {
  const cli = join(repo, 'node_modules/electron-builder/cli.js');
  const args = [
    cli,
    '--dir',
    '--linux',
    '--x64',
    '--projectDir',
    projectDir,
    '--config',
    join(projectDir, 'build/electron-builder.yml'),
    `-c.electronDist=${electronDist}`,
    `-c.directories.output=${output}`,
  ];
  // As root, run it in an empty network namespace: any attempt to download (Electron, tools) fails the test.
  const isolated = process.getuid?.() === 0 && existsSync('/usr/bin/unshare');
  const [file, argv] = isolated ? ['/usr/bin/unshare', ['--net', process.execPath, ...args]] : [process.execPath, args];
  await run(file, argv, {
    cwd: projectDir,
    env: { ...process.env, CI: 'true', ELECTRON_CACHE: join(work, 'cache'), electron_config_cache: join(work, 'cache') },
    timeout: 90_000,
  });
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'ars-packaging-'));
  const project = join(work, 'project');
  const electronDist = join(work, 'electron-dist');
  await mkdir(join(project, 'build'), { recursive: true });
  await createStandInElectron(electronDist);
  await stageProject(project);
  await electronBuilder(project, electronDist, join(work, 'out'));
  appOut = join(work, 'out', 'linux-unpacked');
  asarPath = join(appOut, 'resources', 'app.asar');
  entries = listPackage(asarPath, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'));
}, 120_000);

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('packaged app (linux --dir)', () => {
  it('is named after the product and ships one app.asar, nothing unpacked beside it', async () => {
    expect(existsSync(join(appOut, 'ads-route-studio'))).toBe(true);
    expect(await readdir(join(appOut, 'resources'))).toEqual(['app.asar']);
  });

  it('holds the main bundle, the preload and the renderer', () => {
    expect(entries).toEqual(
      expect.arrayContaining(['/dist/electron/main.cjs', '/dist/electron/preload.cjs', '/dist/renderer/index.html', '/package.json']),
    );
    expect(entries.some((entry) => /^\/dist\/renderer\/assets\/.+\.js$/.test(entry))).toBe(true);
  });

  it('holds no source maps, tests, TypeScript sources, e2e specs or node_modules', () => {
    expect(entries.filter((entry) => entry.endsWith('.map'))).toEqual([]);
    expect(entries.filter((entry) => /\.(test|spec)\./.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /\.(ts|tsx|cts|mts)$/.test(entry))).toEqual([]);
    expect(entries.filter((entry) => /^\/(e2e|electron|shared|renderer|scripts|build)(\/|$)/.test(entry))).toEqual([]);
    // Everything is bundled: not even the runtime dependencies (zod, ws, node-forge) may be copied, let alone react,
    // @mui, vitest, typescript or electron.
    expect(entries.filter((entry) => entry.split('/').includes('node_modules'))).toEqual([]);
  });

  it('starts from the bundled main and carries no build-only metadata', () => {
    const pkg = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.productName).toBe('ADS Route Studio');
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
  });

  it('flips the Electron fuses so env vars and flags cannot repurpose the binary', async () => {
    const binary = await readFile(join(appOut, 'ads-route-studio'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const state = (name: string) => binary[at + 2 + FUSES.indexOf(name)];
    expect(state('runAsNode')).toBe(FUSE_DISABLED);
    expect(state('enableNodeOptionsEnvironmentVariable')).toBe(FUSE_DISABLED);
    expect(state('enableNodeCliInspectArguments')).toBe(FUSE_DISABLED);
    expect(state('onlyLoadAppFromAsar')).toBe(FUSE_ENABLED);
    expect(state('enableEmbeddedAsarIntegrityValidation')).toBe(FUSE_ENABLED);
    expect(state('enableCookieEncryption')).toBe(FUSE_ENABLED);
    // file:// keeps its privileges: the renderer's ES modules load from it.
    expect(state('grantFileProtocolExtraPrivileges')).toBe(FUSE_ENABLED);
  });
});
