import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FULL_SAMPLE } from '../../../shared/static-routes/testing/samples';
import { localStaticRoutesStore } from './local-store';
import { changeStaticRoutes, readSnapshot } from './static-routes-change';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-static-routes-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const at = new Date('2026-11-29T15:45:00.123Z');

describe("this PC's StaticRoutes.xml", () => {
  it('adds a PSK identity with a timestamped backup of the old file', async () => {
    const path = join(dir, 'StaticRoutes.xml');
    await writeFile(path, FULL_SAMPLE, { mode: 0o640 });
    const store = localStaticRoutesStore(dir, () => at);
    const result = await changeStaticRoutes(store, [{ kind: 'add-psk', identity: 'NEW_ID', secret: 'n3w' }]);
    expect(result.changed).toBe(true);
    expect(result.after.psk.map((p) => p.identity)).toEqual(['MY_IDENTITY', 'MAINT_ANNA', 'NEW_ID']);
    expect(result.backup).toBe(join(dir, 'StaticRoutes.xml.bak-20261129T154500Z'));
    expect(await readFile(result.backup!, 'utf8')).toBe(FULL_SAMPLE);
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('creates the file with owner-only access when there is none', async () => {
    const store = localStaticRoutesStore(dir, () => at);
    const result = await changeStaticRoutes(store, [{ kind: 'set-secure-only', on: true }]);
    expect(result.backup).toBeNull();
    expect((await readSnapshot(store)).model.secureOnly).toBe(true);
    if (process.platform !== 'win32') expect((await stat(join(dir, 'StaticRoutes.xml'))).mode & 0o777).toBe(0o600);
  });

  it('refuses a change when the file changed since it was read, shows the diff without secrets, and writes nothing', async () => {
    const path = join(dir, 'StaticRoutes.xml');
    await writeFile(path, FULL_SAMPLE);
    const store = localStaticRoutesStore(dir, () => at);
    const seen = await readSnapshot(store);
    const someoneElse = FULL_SAMPLE.replace('<Pwd>MySecret</Pwd>', '<Pwd>Changed!</Pwd>').replace(
      '<Name>ENG-LAPTOP</Name>',
      '<Name>ENG-LAPTOP-2</Name>',
    );
    await writeFile(path, someoneElse);
    const error = await changeStaticRoutes(store, [{ kind: 'remove-psk', identity: 'MY_IDENTITY' }], {
      expectedRevision: seen.revision,
      seen: seen.bytes,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'concurrent-change' });
    const message = (error as Error).message;
    expect(message).toContain('-       <Name>ENG-LAPTOP</Name>');
    expect(message).toContain('+       <Name>ENG-LAPTOP-2</Name>');
    expect(message).not.toMatch(/MySecret|Changed!|k3y-pa55/);
    expect(await readFile(path, 'utf8')).toBe(someoneElse);
    expect((await readdir(dir)).sort()).toEqual(['StaticRoutes.xml']);
  });

  it('refuses a change that races with a write between our read and our replace', async () => {
    const path = join(dir, 'StaticRoutes.xml');
    await writeFile(path, FULL_SAMPLE);
    const inner = localStaticRoutesStore(dir, () => at);
    const racing = {
      ...inner,
      replace: async (original: Uint8Array | null, next: Uint8Array) => {
        await writeFile(path, FULL_SAMPLE.replace('MAINT_ANNA', 'MAINT_OTTO'));
        return inner.replace(original, next);
      },
    };
    await expect(changeStaticRoutes(racing, [{ kind: 'set-secure-only', on: true }])).rejects.toMatchObject({ code: 'concurrent-change' });
    expect(await readFile(path, 'utf8')).toContain('MAINT_OTTO');
  });

  it('leaves a file that is not well-formed alone and says why', async () => {
    const path = join(dir, 'StaticRoutes.xml');
    await writeFile(path, '<TcConfig><RemoteConnections>');
    await expect(changeStaticRoutes(localStaticRoutesStore(dir), [{ kind: 'set-secure-only', on: true }])).rejects.toMatchObject({
      code: 'static-routes-xml',
    });
    expect(await readFile(path, 'utf8')).toBe('<TcConfig><RemoteConnections>');
  });

  it('writes nothing (and keeps no backup) when the change is already in place', async () => {
    await writeFile(join(dir, 'StaticRoutes.xml'), FULL_SAMPLE);
    const result = await changeStaticRoutes(localStaticRoutesStore(dir), [{ kind: 'set-secure-only', on: false }]);
    expect(result.changed).toBe(false);
    expect(await readdir(dir)).toEqual(['StaticRoutes.xml']);
  });
});
