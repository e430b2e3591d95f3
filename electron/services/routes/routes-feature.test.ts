import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventChannel } from '../../../shared/ipc/contract';
import { composeServices, type AppServices } from '../compose';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';

// Loopback block 127.0.46.x belongs to this file.
let dataDir: string;
let services: AppServices;
let target: VirtualTarget;
const events: Array<{ channel: EventChannel; event: unknown }> = [];
const client = { clientId: 'test' };
const PASSWORD = 'Ipc-Secret-42';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'adsroute-ipc-'));
  services = composeServices({ dataDir, transport: 'web' });
  services.context.events.subscribe((channel, event) => events.push({ channel, event }));
  target = await startVirtualTarget({ name: 'CX-IPC', address: '127.0.46.1', password: PASSWORD });
});
afterAll(async () => {
  await services.dispose();
  await target.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function waitForDone(batchId: string): Promise<{ results: Array<{ ok: boolean; error: unknown }> }> {
  return new Promise((resolve) => {
    const found = () => events.find((e) => e.channel === 'routes:done' && (e.event as { batchId: string }).batchId === batchId);
    const hit = found();
    if (hit) return resolve(hit.event as never);
    const off = services.context.events.subscribe((channel, event) => {
      if (channel === 'routes:done' && (event as { batchId: string }).batchId === batchId) {
        off();
        resolve(event as never);
      }
    });
  });
}

describe('routes IPC feature', () => {
  it('secure:server-certificate shows the live certificate without creating anything', async () => {
    const reply = await services.dispatcher.dispatch('secure:server-certificate', { address: target.address }, client);
    expect(reply).toMatchObject({
      ok: true,
      data: { certificate: { fingerprint: target.fingerprint, selfSigned: true }, cipherSuite: expect.stringMatching(/^DHE-RSA-/) },
    });
    expect(target.routes()).toEqual([]);
  });

  it('routes:add streams steps and a done event, lists the route and never leaks the password', async () => {
    const reply = await services.dispatcher.dispatch(
      'routes:add',
      {
        targets: [
          {
            settings: { routeName: 'CX-IPC', netId: target.netId, address: target.address, remoteRouteName: 'ENG-PC', security: 'ssc' },
            expectedFingerprint: target.fingerprint,
          },
        ],
        credentials: { kind: 'os', user: 'Administrator', password: PASSWORD },
      },
      client,
    );
    expect(reply.ok).toBe(true);
    const batchId = (reply as { data: { batchId: string } }).data.batchId;
    const done = await waitForDone(batchId);
    expect(done.results).toEqual([expect.objectContaining({ ok: true, error: null })]);
    const steps = events.filter((e) => e.channel === 'routes:step').map((e) => e.event as { step: string; status: string });
    expect(steps.filter((s) => s.status === 'ok').map((s) => s.step)).toEqual([
      'resolve',
      'connect',
      'tls',
      'fingerprint',
      'credentials',
      'remote-route',
      'local-route',
      'verify',
    ]);
    expect(events.some((e) => e.channel === 'routes:changed')).toBe(true);
    const list = await services.dispatcher.dispatch('routes:list', {}, client);
    expect(list).toMatchObject({ ok: true, data: [expect.objectContaining({ name: 'CX-IPC', netId: target.netId })] });
    expect(JSON.stringify([events, services.context.logBook.recent()])).not.toContain(PASSWORD);
    expect(await services.dispatcher.dispatch('routes:remove', { name: 'CX-IPC' }, client)).toEqual({
      ok: true,
      data: { removed: true, twincat: null },
    });
  });

  it('a verified SSC route remembers the target fingerprint per NetId; it can be listed and forgotten, each change announced', async () => {
    const list = await services.dispatcher.dispatch('known-fingerprints:list', {}, client);
    expect(list).toMatchObject({
      ok: true,
      data: [
        {
          netId: target.netId,
          address: target.address,
          fingerprint: target.fingerprint,
          firstSeen: expect.any(String),
          lastSeen: expect.any(String),
        },
      ],
    });
    const announced = events.filter((e) => e.channel === 'known-fingerprints:changed');
    expect(announced.at(-1)?.event).toMatchObject({ entries: [{ netId: target.netId, fingerprint: target.fingerprint }] });
    expect(await services.dispatcher.dispatch('known-fingerprints:forget', { netId: target.netId }, client)).toEqual({
      ok: true,
      data: { removed: true },
    });
    expect(events.filter((e) => e.channel === 'known-fingerprints:changed').at(-1)?.event).toEqual({ entries: [] });
    expect(await services.dispatcher.dispatch('known-fingerprints:forget', { netId: target.netId }, client)).toEqual({
      ok: true,
      data: { removed: false },
    });
  });

  it('reports each target as soon as it is done, with the route list before it, while a slower one still runs', async () => {
    // A second "target" that accepts TCP 8016 and never answers: it sits in the TLS step until its timeout.
    const { createServer } = await import('node:net');
    const held = new Set<import('node:net').Socket>();
    let clientClosed = 0;
    const silent = createServer((socket) => {
      held.add(socket);
      // Read (and drop) what arrives, so the client's hang-up is seen.
      socket.resume();
      socket.on('close', () => clientClosed++);
    });
    await new Promise<void>((resolve) => silent.listen(8016, '127.0.46.2', resolve));
    const before = events.length;
    try {
      const reply = await services.dispatcher.dispatch(
        'routes:add',
        {
          targets: [
            {
              settings: { routeName: 'CX-FAST', netId: target.netId, address: target.address, remoteRouteName: 'ENG-PC', security: 'ssc' },
              expectedFingerprint: target.fingerprint,
            },
            {
              settings: {
                routeName: 'CX-SLOW',
                netId: '127.0.46.2.1.1',
                address: '127.0.46.2',
                remoteRouteName: 'ENG-PC',
                security: 'ssc',
                connectionTimeoutMs: 2000,
              },
              expectedFingerprint: target.fingerprint,
            },
          ],
          credentials: { kind: 'os', user: 'Administrator', password: PASSWORD },
        },
        client,
      );
      const batchId = (reply as { data: { batchId: string } }).data.batchId;
      await waitForDone(batchId);
      // The client gave up on the silent target and hung up, rather than leaving the socket open.
      expect(held.size).toBe(1);
      await vi.waitFor(() => expect(clientClosed).toBe(1));
      const order = events
        .slice(before)
        .map(({ channel, event }) => {
          const e = event as { batchId?: string; target?: string; status?: string; result?: { target: string; ok: boolean } };
          if (channel === 'routes:changed') return 'list';
          if (e.batchId !== batchId) return null;
          if (channel === 'routes:result') return `result ${e.result?.target} ${e.result?.ok ? 'ok' : 'failed'}`;
          if (channel === 'routes:step' && e.target === '127.0.46.2' && e.status === 'failed') return 'slow target failed';
          return channel === 'routes:done' ? 'done' : null;
        })
        .filter((entry) => entry !== null);
      expect(order).toEqual(['list', 'result 127.0.46.1 ok', 'slow target failed', 'list', 'result 127.0.46.2 failed', 'done']);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
      await services.dispatcher.dispatch('routes:remove', { name: 'CX-FAST' }, client);
    }
  });

  it('identity:get and identity:set', async () => {
    const got = await services.dispatcher.dispatch('identity:get', {}, client);
    expect(got).toMatchObject({
      ok: true,
      data: { fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/), subject: expect.stringContaining('ADS Route Studio') },
    });
    expect(await services.dispatcher.dispatch('identity:set', { localNetId: '10.0.0.5.1.1' }, client)).toMatchObject({
      ok: true,
      data: { localNetId: '10.0.0.5.1.1' },
    });
    expect(await services.dispatcher.dispatch('identity:set', { localNetId: 'nope' }, client)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('routes:cancel of an unknown batch says so', async () => {
    expect(await services.dispatcher.dispatch('routes:cancel', { batchId: 'nope' }, client)).toEqual({
      ok: true,
      data: { cancelled: false },
    });
  });
});
