import { afterEach, describe, expect, it } from 'vitest';
import type { EventChannel } from '../../../shared/ipc/contract';
import { EventBus } from '../../ipc/event-bus';
import { createDispatcher } from '../../ipc/dispatcher';
import type { ServiceContext } from '../context';
import { LogBook } from '../log/logger';
import { createDiscoveryFeature } from './ipc-feature';
import { startFakeTargets } from './testing/fake-targets';

// Addresses 127.0.20.100-127.0.20.119 belong to this file.
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

function setup() {
  const events = new EventBus((channel, message) => {
    throw new Error(`invalid ${channel} event: ${message}`);
  });
  const seen: Array<{ channel: EventChannel; event: Record<string, unknown> }> = [];
  events.subscribe((channel, event) => {
    if (channel.startsWith('discovery:')) seen.push({ channel, event: event as Record<string, unknown> });
  });
  const context: ServiceContext = { logBook: new LogBook(), events, dataDir: '', transport: 'web', startupSearch: null };
  const feature = createDiscoveryFeature({ listAdapters: () => [] })(context);
  cleanups.push(async () => feature.dispose());
  const dispatcher = createDispatcher(feature.handlers, { warn() {}, error() {} });
  const doneOf = (searchId: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const check = (): boolean => {
        const hit = seen.find((s) => s.channel === 'discovery:done' && s.event.searchId === searchId);
        if (hit) resolve(hit.event);
        return !!hit;
      };
      if (!check()) {
        const off = events.subscribe(() => {
          if (check()) off();
        });
      }
    });
  return { dispatcher, seen, doneOf, feature };
}

describe('discovery IPC feature', () => {
  it('streams results and a done event tagged with the search id', async () => {
    const lab = await startFakeTargets([{ address: '127.0.20.100', hostname: 'PLC-IPC' }]);
    cleanups.push(lab.close);
    const { dispatcher, seen, doneOf } = setup();
    const started = await dispatcher.dispatch('discovery:start', { hosts: ['127.0.20.100'], udpPort: lab.port }, { clientId: 'w1' });
    expect(started.ok).toBe(true);
    const searchId = started.ok ? (started.data as { searchId: string }).searchId : '';
    const done = await doneOf(searchId);
    expect(done).toMatchObject({ searchId, found: 1, cancelled: false, hint: null });
    const result = seen.find((s) => s.channel === 'discovery:result');
    expect(result?.event).toMatchObject({ searchId, target: { hostname: 'PLC-IPC', address: '127.0.20.100', via: 'host' } });
  });

  it('tags every event with the id the caller picked, and refuses that id while its search runs', async () => {
    const lab = await startFakeTargets([
      { address: '127.0.20.102', hostname: 'PLC-OWN-ID' },
      { address: '127.0.20.103', silent: true },
    ]);
    cleanups.push(lab.close);
    const { dispatcher, seen, doneOf } = setup();
    const started = await dispatcher.dispatch(
      'discovery:start',
      { searchId: 'view-0001', hosts: ['127.0.20.102', '127.0.20.103'], udpPort: lab.port, perHostTimeoutMs: 2000 },
      { clientId: 'w1' },
    );
    expect(started).toEqual({ ok: true, data: { searchId: 'view-0001' } });
    const again = await dispatcher.dispatch(
      'discovery:start',
      { searchId: 'view-0001', hosts: ['127.0.20.102'], udpPort: lab.port },
      { clientId: 'w2' },
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'duplicate-id' } });
    await doneOf('view-0001');
    expect(seen.filter((s) => s.channel === 'discovery:result').map((s) => s.event.searchId)).toEqual(['view-0001']);
  });

  it('cancels the previous search of the same window when it starts a new one', async () => {
    const lab = await startFakeTargets([{ address: '127.0.20.101', silent: true }]);
    cleanups.push(lab.close);
    const { dispatcher, doneOf } = setup();
    const request = { ranges: ['127.0.20.102-127.0.20.119'], udpPort: lab.port, timeoutMs: 20_000, perHostTimeoutMs: 10_000 };
    const first = await dispatcher.dispatch('discovery:start', request, { clientId: 'w1' });
    const other = await dispatcher.dispatch('discovery:start', request, { clientId: 'w2' });
    const second = await dispatcher.dispatch('discovery:start', request, { clientId: 'w1' });
    const id = (r: typeof first): string => (r.ok ? (r.data as { searchId: string }).searchId : '');
    expect(await doneOf(id(first))).toMatchObject({ cancelled: true });
    const cancel = await dispatcher.dispatch('discovery:cancel', { searchId: id(second) }, { clientId: 'w1' });
    expect(cancel).toEqual({ ok: true, data: { cancelled: true } });
    expect(await doneOf(id(second))).toMatchObject({ cancelled: true });
    expect(await dispatcher.dispatch('discovery:cancel', { searchId: 'no-such-search' }, { clientId: 'w1' })).toEqual({
      ok: true,
      data: { cancelled: false },
    });
    // The other window's search is untouched until the app shuts down.
    const w2Done = doneOf(id(other));
    await cleanups.pop()?.();
    expect(await w2Done).toMatchObject({ cancelled: true });
  });

  it('answers an oversized range with a typed error and starts nothing', async () => {
    const { dispatcher, seen } = setup();
    const result = await dispatcher.dispatch('discovery:start', { ranges: ['10.0.0.0/8'] }, { clientId: 'w1' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid-range', message: '10.0.0.0/8 has 16,777,216 addresses; the limit is 65,536' },
    });
    expect(seen).toEqual([]);
  });

  it('reports the hint when a search finds nothing', async () => {
    const { dispatcher, doneOf } = setup();
    const started = await dispatcher.dispatch('discovery:start', {}, { clientId: 'w1' });
    const searchId = started.ok ? (started.data as { searchId: string }).searchId : '';
    const done = await doneOf(searchId);
    expect(done.found).toBe(0);
    expect(done.hint).toMatch(/No network adapter was chosen/);
  });
});
