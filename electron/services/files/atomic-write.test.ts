import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTextIfExists, writeFileAtomic } from './atomic-write';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('creates a new file and leaves no temp file behind', async () => {
    const path = join(dir, 'routes.xml');
    await writeFileAtomic(path, '<a/>');
    expect(await readFile(path, 'utf8')).toBe('<a/>');
    expect(await readdir(dir)).toEqual(['routes.xml']);
  });

  it('replaces content and keeps the previous version as .bak when asked', async () => {
    const path = join(dir, 'routes.xml');
    await writeFile(path, 'old');
    await writeFileAtomic(path, new TextEncoder().encode('new'), { backup: true });
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('old');
  });

  it('writes no .bak for a file that did not exist', async () => {
    const path = join(dir, 'first.xml');
    await writeFileAtomic(path, 'x', { backup: true });
    expect((await readdir(dir)).sort()).toEqual(['first.xml']);
  });

  it.skipIf(process.platform === 'win32')('applies the requested mode', async () => {
    const path = join(dir, 'key.pem');
    await writeFileAtomic(path, 'secret', { mode: 0o600 });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('fails without touching anything when the folder does not exist', async () => {
    await expect(writeFileAtomic(join(dir, 'missing', 'x.xml'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('readTextIfExists', () => {
  it('returns null for a missing file and the text for an existing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'atomic-'));
    try {
      expect(await readTextIfExists(join(dir, 'none'))).toBeNull();
      await writeFile(join(dir, 'a'), 'hello');
      expect(await readTextIfExists(join(dir, 'a'))).toBe('hello');
      await expect(readTextIfExists(dir)).rejects.toThrow();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
