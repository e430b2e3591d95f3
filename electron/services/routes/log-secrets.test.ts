import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../shared/ipc/contract';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { composeServices, type AppServices } from '../compose';

// Loopback block 127.0.47.x belongs to this file.
const TARGET_PASSWORD = 'Zq-Target-Only-71';
let dataDir: string;
let services: AppServices;
let target: VirtualTarget;
const events: Array<{ channel: EventChannel; event: unknown }> = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'adsroute-log-'));
  services = composeServices({ dataDir, transport: 'web' });
  services.context.events.subscribe((channel, event) => events.push({ channel, event }));
  target = await startVirtualTarget({ name: 'CX-LOG', address: '127.0.47.1', password: TARGET_PASSWORD });
});
afterAll(async () => {
  await services.dispose();
  await target.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Adds a route with `password`; returns the log lines and events it produced, ids and timings made comparable. */
async function addRoute(password: string, security: 'ssc' | 'none'): Promise<{ log: string[]; events: string; ok: boolean }> {
  const logBefore = services.context.logBook.recent().length;
  const eventsBefore = events.length;
  const reply = await services.dispatcher.dispatch(
    'routes:add',
    {
      targets: [
        {
          settings: { routeName: 'CX-LOG', netId: target.netId, address: target.address, remoteRouteName: 'ENG-PC', security },
          expectedFingerprint: security === 'ssc' ? target.fingerprint : null,
        },
      ],
      credentials: { kind: 'os', user: 'Administrator', password },
    },
    { clientId: 'test' },
  );
  if (!reply.ok) throw new Error('routes:add refused');
  const { batchId } = reply.data as { batchId: string };
  const done = await new Promise<{ results: Array<{ ok: boolean }> }>((resolve) => {
    const find = () => events.find((e) => e.channel === 'routes:done' && (e.event as { batchId: string }).batchId === batchId);
    const hit = find();
    if (hit) return resolve(hit.event as never);
    const off = services.context.events.subscribe((channel, event) => {
      if (channel === 'routes:done' && (event as { batchId: string }).batchId === batchId) {
        off();
        resolve(event as never);
      }
    });
  });
  const comparable = (text: string) =>
    text
      .replaceAll(batchId, 'BATCH')
      .replace(/"ms":[\d.]+/g, '"ms":0')
      .replace(/"time":"[^"]*"/g, '"time":0')
      .replace(/[\d.]+ ms/g, 'N ms');
  return {
    log: services.context.logBook
      .recent()
      .slice(logBefore)
      .map((e) => comparable(`${e.level} ${e.source}: ${e.message}`)),
    events: comparable(JSON.stringify(events.slice(eventsBefore).map((e) => ({ channel: e.channel, event: e.event })))),
    ok: done.results[0]?.ok ?? false,
  };
}

describe('log and events with short or word-like passwords', () => {
  for (const security of ['ssc', 'none'] as const) {
    it(`${security}: a refused password leaves the same words in the log whatever it was ("wrong", "1", "a")`, async () => {
      const runs = [];
      for (const password of ['wrong', '1', 'a', 'Unusual-Secret-Text-93']) runs.push(await addRoute(password, security));
      expect(runs.every((r) => !r.ok)).toBe(true);
      // What the user reads does not depend on the password: nothing of it was put into a message.
      for (const run of runs.slice(1)) {
        expect(run.log).toEqual(runs[0]!.log);
        expect(run.events).toEqual(runs[0]!.events);
      }
      const text = runs[0]!.log.join('\n') + runs[0]!.events;
      expect(text).toMatch(/wrong.{0,40}user name or password|unknown user/);
      expect(text).not.toContain('***');
      expect(JSON.stringify(runs)).not.toContain('Unusual-Secret-Text-93');
    });
  }

  it('after a wrong password, later entries keep their ordinary words', async () => {
    await addRoute('wrong', 'ssc');
    const ok = await addRoute(TARGET_PASSWORD, 'ssc');
    expect(ok.ok).toBe(true);
    services.context.logBook.logger('test').info('the wrong cable was 1 of a pair');
    expect(services.context.logBook.recent().at(-1)?.message).toBe('the wrong cable was 1 of a pair');
    expect(JSON.stringify([ok.log, ok.events])).not.toContain(TARGET_PASSWORD);
  });
});
