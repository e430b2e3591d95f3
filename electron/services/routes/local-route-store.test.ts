import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalRoute } from '../../../shared/domain/route';
import { LogBook } from '../log/logger';
import { LocalRouteStore, ROUTES_FILE } from './local-route-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsroute-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function route(name: string, extra: Partial<LocalRoute> = {}): LocalRoute {
  return {
    name,
    address: '192.168.1.20',
    netId: '5.36.69.176.1.1',
    virtualNetId: null,
    type: 'TCP_IP',
    flags: null,
    temporary: false,
    unidirectional: false,
    tls: { mode: 'ssc', fingerprint: 'ab'.repeat(32), pskIdentity: null, ignoreCn: false, caFile: null, certFile: null, keyFile: null },
    createdAt: '2026-01-01T00:00:00.000Z',
    verifiedAt: null,
    ...extra,
  };
}

describe('LocalRouteStore', () => {
  it('saves static routes to routes.json, keeps a .bak of the previous version, and reads them back', async () => {
    const store = new LocalRouteStore(dir);
    await store.upsert(route('CX-1'));
    await store.upsert(route('CX-2'));
    await store.upsert(route('CX-1', { address: '192.168.1.21' }));
    const reopened = new LocalRouteStore(dir);
    expect((await reopened.list()).map((r) => [r.name, r.address])).toEqual([
      ['CX-2', '192.168.1.20'],
      ['CX-1', '192.168.1.21'],
    ]);
    const backup = JSON.parse(await readFile(join(dir, `${ROUTES_FILE}.bak`), 'utf8')) as { routes: LocalRoute[] };
    expect(backup.routes.map((r) => r.name)).toEqual(['CX-1', 'CX-2']);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads a routes.json written before the CA file fields existed', async () => {
    const older = route('CX-OLD') as unknown as { tls: Record<string, unknown> };
    for (const field of ['caFile', 'certFile', 'keyFile']) delete older.tls[field];
    await writeFile(join(dir, ROUTES_FILE), JSON.stringify({ version: 1, routes: [older] }));
    const [loaded] = await new LocalRouteStore(dir).list();
    expect(loaded?.name).toBe('CX-OLD');
    expect(loaded?.tls).toMatchObject({ mode: 'ssc', caFile: null, certFile: null, keyFile: null });
  });

  it('keeps temporary routes in memory only', async () => {
    const store = new LocalRouteStore(dir);
    await store.upsert(route('TEMP', { temporary: true }));
    expect((await store.list()).map((r) => r.name)).toEqual(['TEMP']);
    expect(await new LocalRouteStore(dir).list()).toEqual([]);
    expect(await store.remove('TEMP')).toMatchObject({ name: 'TEMP', temporary: true });
    expect(await store.list()).toEqual([]);
  });

  it('refuses to overwrite a file another program changed since it was read', async () => {
    const store = new LocalRouteStore(dir);
    await store.upsert(route('CX-1'));
    await new LocalRouteStore(dir).upsert(route('FROM-ELSEWHERE'));
    await expect(store.upsert(route('CX-3'))).rejects.toMatchObject({ code: 'conflict' });
    const onDisk = JSON.parse(await readFile(join(dir, ROUTES_FILE), 'utf8')) as { routes: LocalRoute[] };
    expect(onDisk.routes.map((r) => r.name)).toEqual(['CX-1', 'FROM-ELSEWHERE']);
    await store.reload();
    await store.upsert(route('CX-3'));
    expect((await store.list()).map((r) => r.name)).toEqual(['CX-1', 'FROM-ELSEWHERE', 'CX-3']);
  });

  it('moves a corrupt file aside with a warning instead of losing it', async () => {
    await writeFile(join(dir, ROUTES_FILE), '{"version":1,"routes":[{"name":');
    const logBook = new LogBook();
    const store = new LocalRouteStore(dir, logBook.logger('routes'));
    expect(await store.list()).toEqual([]);
    const aside = (await readdir(dir)).find((f) => f.startsWith(`${ROUTES_FILE}.corrupt-`));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{"version":1,"routes":[{"name":');
    expect(logBook.recent().some((e) => e.level === 'warn' && e.message.includes('moved'))).toBe(true);
    await store.upsert(route('NEW'));
    expect((await new LocalRouteStore(dir).list()).map((r) => r.name)).toEqual(['NEW']);
  });

  it('removes a static route and answers with the route it removed, null when there was none', async () => {
    const store = new LocalRouteStore(dir);
    await store.upsert(route('CX-1'));
    expect(await store.remove('CX-1')).toMatchObject({ name: 'CX-1' });
    expect(await store.remove('CX-1')).toBeNull();
    expect(await new LocalRouteStore(dir).list()).toEqual([]);
  });

  it('removes every entry of the name from a hand-edited file that holds it twice', async () => {
    const twice = [route('CX-1'), route('CX-2'), route('CX-1', { address: '192.168.1.21' })];
    await writeFile(join(dir, ROUTES_FILE), JSON.stringify({ version: 1, routes: twice }));
    const store = new LocalRouteStore(dir);
    expect(await store.remove('CX-1')).toMatchObject({ name: 'CX-1', address: '192.168.1.20' });
    expect((await new LocalRouteStore(dir).list()).map((r) => r.name)).toEqual(['CX-2']);
  });

  it('removes a temporary route whose add was asked for just before, in the order asked', async () => {
    const store = new LocalRouteStore(dir);
    const added = store.upsert(route('TEMP', { temporary: true }));
    const removed = store.remove('TEMP');
    await added;
    expect(await removed).toMatchObject({ name: 'TEMP', temporary: true });
    expect(await store.list()).toEqual([]);
  });
});
