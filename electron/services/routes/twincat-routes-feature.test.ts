import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { EventChannel } from '../../../shared/ipc/contract';
import { composeServices, type AppServices } from '../compose';
import { createOwnTwinCat, type OwnTwinCat } from '../server-config/testing/own-twincat';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';

// Loopback block 127.0.141.x belongs to this file.
let own: OwnTwinCat;
let folder: string;
let services: AppServices;
let target: VirtualTarget;
const events: Array<{ channel: EventChannel; event: unknown }> = [];
const client = { clientId: 'test' };
const PASSWORD = 'Twin-Secret-41';

beforeAll(async () => {
  own = await createOwnTwinCat({ prefix: 'adsroute-twincat-' });
  folder = own.folder;
  services = composeServices({ dataDir: own.dataDir, transport: 'web' });
  services.context.events.subscribe((channel, event) => events.push({ channel, event }));
  target = await startVirtualTarget({ name: 'CX-TWIN', address: '127.0.141.1', password: PASSWORD });
});
afterAll(async () => {
  await services.dispose();
  await target.stop();
  await own.remove();
});

function done(batchId: string): Promise<unknown> {
  return new Promise((resolve) => {
    const off = services.context.events.subscribe((channel, event) => {
      if (channel === 'routes:done' && (event as { batchId: string }).batchId === batchId) {
        off();
        resolve(event);
      }
    });
  });
}

describe("routes and this PC's TwinCAT", () => {
  it('a route created with Add Route is also written to StaticRoutes.xml, says so in its step, and is listed', async () => {
    const reply = await services.dispatcher.dispatch(
      'routes:add',
      {
        batchId: 'twincat-batch-1',
        targets: [
          { settings: { routeName: 'CX-TWIN', netId: target.netId, address: target.address, remoteRouteName: 'ENG-PC', security: 'none' } },
        ],
        credentials: { kind: 'os', user: 'Administrator', password: PASSWORD },
      },
      client,
    );
    expect(reply.ok).toBe(true);
    await done('twincat-batch-1');
    const step = events
      .map((e) => e.event as { step?: string; status?: string; detail?: string })
      .find((e) => e.step === 'local-route' && e.status === 'ok');
    expect(step?.detail).toMatch(/added to .*StaticRoutes\.xml; TwinCAT uses it after its router restarts/);
    expect(await own.readStaticRoutes()).toMatch(
      /<Route>\s*<Name>CX-TWIN<\/Name>\s*<Address>127\.0\.141\.1<\/Address>\s*<NetId>127\.0\.141\.1\.1\.1<\/NetId>\s*<Type>TCP_IP<\/Type>\s*<Flags>32<\/Flags>\s*<\/Route>/,
    );
    expect(events.some((e) => e.channel === 'twincat-routes:changed')).toBe(true);
    expect(await services.dispatcher.dispatch('twincat-routes:list', {}, client)).toMatchObject({
      ok: true,
      data: { found: true, path: join(folder, 'StaticRoutes.xml'), routes: [expect.objectContaining({ name: 'CX-TWIN', flags: '32' })] },
    });
  });

  it('exports a route as a StaticRoutes.xml entry and adstool / pyads lines without any password', async () => {
    const reply = await services.dispatcher.dispatch('twincat-routes:export', { name: 'CX-TWIN' }, client);
    expect(reply.ok).toBe(true);
    const data = (reply as { data: { fragment: string; adstool: string; pyads: string; thisPc: { netId: string } } }).data;
    expect(data.fragment).toMatch(/^<Route>\n {2}<Name>CX-TWIN<\/Name>/);
    expect(data.adstool).toContain(`adstool 127.0.141.1 addroute --addr=`);
    expect(data.adstool).toContain(`--netid=${data.thisPc.netId}`);
    expect(data.pyads).toContain(`pyads.add_route("${target.netId}", "127.0.141.1")`);
    expect(JSON.stringify(data)).not.toContain(PASSWORD);
    expect(await services.dispatcher.dispatch('twincat-routes:export', { name: 'NOPE' }, client)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('routes:remove takes the route out of StaticRoutes.xml only when asked, and says what happened there', async () => {
    const reply = await services.dispatcher.dispatch(
      'routes:add',
      {
        batchId: 'twincat-batch-2',
        targets: [
          {
            settings: { routeName: 'CX-TWIN-2', netId: target.netId, address: target.address, remoteRouteName: 'ENG-PC', security: 'none' },
          },
        ],
        credentials: { kind: 'os', user: 'Administrator', password: PASSWORD },
      },
      client,
    );
    expect(reply.ok).toBe(true);
    await done('twincat-batch-2');
    const file = () => own.readStaticRoutes();
    expect(await file()).toContain('<Name>CX-TWIN-2</Name>');

    // Old callers: the app's list only, the file keeps the entry.
    expect(await services.dispatcher.dispatch('routes:remove', { name: 'CX-TWIN-2' }, client)).toEqual({
      ok: true,
      data: { removed: true, twincat: null },
    });
    expect(await file()).toContain('<Name>CX-TWIN-2</Name>');

    const changedBefore = events.filter((e) => e.channel === 'twincat-routes:changed').length;
    const removed = await services.dispatcher.dispatch('routes:remove', { name: 'CX-TWIN', fromTwinCat: true }, client);
    expect(removed).toMatchObject({
      ok: true,
      data: {
        removed: true,
        twincat: { outcome: 'removed', path: join(folder, 'StaticRoutes.xml'), detail: expect.stringMatching(/router restarts/) },
      },
    });
    expect(await file()).not.toContain('<Name>CX-TWIN</Name>');
    expect(await file()).toContain('<Name>CX-TWIN-2</Name>');
    const changed = events.filter((e) => e.channel === 'twincat-routes:changed');
    expect(changed).toHaveLength(changedBefore + 1);
    expect(changed.at(-1)?.event).toMatchObject({ routes: [expect.objectContaining({ name: 'CX-TWIN-2' })] });
    expect((await services.dispatcher.dispatch('routes:list', {}, client)) as unknown).toEqual({ ok: true, data: [] });

    // A name this PC has no route of: nothing to compare the file's entry with, so the file is not touched.
    expect(await services.dispatcher.dispatch('routes:remove', { name: 'CX-TWIN-2', fromTwinCat: true }, client)).toEqual({
      ok: true,
      data: { removed: false, twincat: null },
    });
    expect(await file()).toContain('<Name>CX-TWIN-2</Name>');
  });
});
