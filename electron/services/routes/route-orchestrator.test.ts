import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFile } from 'node:fs/promises';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { createRoutes } from './route-orchestrator';
import { addRequest, makeKit, stepStatuses, type Kit } from './route-test-kit';

// Loopback block 127.0.41.x belongs to this file.
let kit: Kit;
const sims: VirtualTarget[] = [];

async function sim(address: string, extra: Record<string, unknown> = {}): Promise<VirtualTarget> {
  const target = await startVirtualTarget({
    name: `SIM-${address.split('.').pop()}`,
    address,
    psk: [{ identity: 'MY_IDENTITY', secret: 'MySecret' }],
    ...extra,
  });
  sims.push(target);
  return target;
}

beforeAll(async () => {
  kit = await makeKit();
});
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
  kit.events.length = 0;
});
afterAll(async () => {
  await kit.cleanup();
});

describe('createRoutes against the virtual target', () => {
  it('SSC: pins the fingerprint, adds the route with credentials and verifies with ReadState', async () => {
    const target = await sim('127.0.41.1');
    const request = addRequest(
      [
        {
          settings: { address: target.address, netId: target.netId, security: 'ssc', routeName: 'SIM-1' },
          expectedFingerprint: target.fingerprint,
        },
      ],
      { kind: 'os', user: 'Administrator', password: '1' },
    );
    const [result] = await createRoutes(request, kit.deps, kit.onStep);
    expect(result?.error).toBeNull();
    expect(result?.ok).toBe(true);
    expect(result?.fingerprint).toBe(target.fingerprint);
    expect(result?.verified?.adsStateName).toBe('Run');
    expect(stepStatuses(kit.events)).toEqual({
      resolve: 'ok',
      connect: 'ok',
      tls: 'ok',
      fingerprint: 'ok',
      credentials: 'ok',
      'remote-route': 'ok',
      'local-route': 'ok',
      verify: 'ok',
    });
    const stored = target.routes();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tls?.mode).toBe('ssc');
    expect(stored[0]?.name).toBe('ENG-PC');
    expect(await readFile(target.staticRoutesPath, 'utf8')).toContain('ENG-PC');
    const local = (await kit.store.list()).find((r) => r.name === 'SIM-1');
    expect(local?.tls?.fingerprint).toBe(target.fingerprint);
    expect(local?.verifiedAt).not.toBeNull();
  });

  it('PSK: connects with the derived key and verifies without touching credentials', async () => {
    const target = await sim('127.0.41.2');
    const request = addRequest([{ settings: { address: target.address, netId: target.netId, security: 'psk', routeName: 'PSK-ROUTE' } }], {
      kind: 'psk',
      identity: 'my_identity',
      password: 'MySecret',
    });
    const [result] = await createRoutes(request, kit.deps, kit.onStep);
    expect(result?.error).toBeNull();
    expect(result?.cipherSuite).toMatch(/^PSK-/);
    expect(stepStatuses(kit.events)).toMatchObject({ tls: 'ok', fingerprint: 'skipped', credentials: 'ok', verify: 'ok' });
    expect((await kit.store.list()).find((r) => r.name === 'PSK-ROUTE')?.tls).toMatchObject({ mode: 'psk', pskIdentity: 'my_identity' });
  });

  it('plain: adds the route over UDP 48899 and verifies over TCP 48898', async () => {
    const target = await sim('127.0.41.3');
    const request = addRequest(
      [{ settings: { address: target.address, netId: target.netId, security: 'none', routeName: 'PLAIN', remoteRoute: 'temporary' } }],
      { kind: 'os', user: 'Administrator', password: '1' },
    );
    const [result] = await createRoutes(request, kit.deps, kit.onStep);
    expect(result?.error).toBeNull();
    expect(stepStatuses(kit.events)).toMatchObject({
      connect: 'skipped',
      tls: 'skipped',
      fingerprint: 'skipped',
      credentials: 'ok',
      'remote-route': 'ok',
      verify: 'ok',
    });
    expect(target.routes()).toEqual([expect.objectContaining({ name: 'ENG-PC', temporary: true })]);
  });

  it('runs many targets at once and reports each', async () => {
    const targets = await Promise.all(['127.0.41.10', '127.0.41.11', '127.0.41.12'].map((a) => sim(a)));
    const request = addRequest(
      targets.map((t) => ({
        settings: { address: t.address, netId: t.netId, security: 'ssc' as const, targetRoute: 'none' as const },
        expectedFingerprint: t.fingerprint,
      })),
      { kind: 'os', user: 'Administrator', password: '1' },
      { concurrency: 2 },
    );
    const results = await createRoutes(request, kit.deps, kit.onStep);
    expect(results.map((r) => [r.target, r.ok])).toEqual(targets.map((t) => [t.address, true]));
    for (const t of targets) expect(t.routes()).toHaveLength(1);
  });

  it('never works on more targets at once than the batch allows, and starts the next as soon as one ends', async () => {
    // Hosts that resolve only when the test says so: each waiting lookup is one target in flight.
    const waiting: Array<() => void> = [];
    let inFlight = 0;
    let most = 0;
    const deps = {
      ...kit.deps,
      resolveHost: async (host: string) => {
        most = Math.max(most, ++inFlight);
        await new Promise<void>((release) => waiting.push(release));
        inFlight--;
        throw new Error(`${host} stays unresolved`);
      },
    };
    const hosts = Array.from({ length: 10 }, (_, i) => `plc-${i}`);
    const request = addRequest(
      hosts.map((address) => ({ settings: { address, netId: '10.0.0.1.1.1', security: 'none' as const } })),
      { kind: 'os', user: 'Administrator', password: '1' },
      { concurrency: 3 },
    );
    const done = createRoutes(request, deps, () => undefined);
    for (let released = 0; released < hosts.length; released++) {
      await vi.waitFor(() => expect(waiting.length).toBe(Math.min(3, hosts.length - released)));
      waiting.shift()?.();
    }
    const results = await done;
    expect(most).toBe(3);
    expect(results.map((r) => [r.target, r.ok])).toEqual(hosts.map((h) => [h, false]));
  });
});
