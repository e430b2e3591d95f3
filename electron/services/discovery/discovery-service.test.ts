import dgram, { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NetworkAdapter } from '../../../shared/domain/network';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import { TypedError } from '../../../shared/typed-error';
import { encodeDiscoveryReply, encodeDiscoveryRequest, encodeAddRouteReply } from '../../../shared/protocol/udp48899';
import { encodeOsBlob } from '../../../shared/protocol/os-version';
import { DiscoveryService } from './discovery-service';
import type { DiscoveryDone, DiscoverySearch, HostError } from './search';
import { startFakeTargets, type FakeTargetOptions } from './testing/fake-targets';

// Every address here is in 127.0.20.0/24, reserved for this file; nothing leaves loopback.
const WIN10 = encodeOsBlob({ platformId: 2, major: 10, minor: 0, build: 19045, csd: '', wide: true });
const FINGERPRINT = '3c0972a48fdb76f12a81289a35d4a371e18fc30766082897018a8bf88d992dc8';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  vi.restoreAllMocks();
  while (cleanups.length) await cleanups.pop()?.();
});

async function targets(list: FakeTargetOptions[]) {
  const started = await startFakeTargets(list);
  cleanups.push(started.close);
  return started;
}

function trackedSockets(): { createSocket: () => Socket; sockets: Socket[]; closed: Set<Socket> } {
  const sockets: Socket[] = [];
  const closed = new Set<Socket>();
  return {
    sockets,
    closed,
    createSocket: () => {
      const socket = createSocket({ type: 'udp4' });
      sockets.push(socket);
      socket.on('close', () => closed.add(socket));
      return socket;
    },
  };
}

const noAdapters = (): NetworkAdapter[] => [];

function adapter(name: string, address: string, broadcast: string, linkLocal = false): NetworkAdapter {
  return {
    name,
    address,
    netmask: '255.255.255.0',
    broadcast,
    prefixLength: 24,
    mac: '00:00:00:00:00:00',
    linkLocal,
    loopback: false,
    up: true,
  };
}

type DiscoveryEvent =
  { type: 'result' | 'update'; target: DiscoveredTarget } | ({ type: 'host-error' } & HostError) | ({ type: 'done' } & DiscoveryDone);

/** Collects every event in arrival order. */
function record(search: DiscoverySearch): { events: DiscoveryEvent[]; errors: HostError[]; results: DiscoveredTarget[] } {
  const events: DiscoveryEvent[] = [];
  const errors: HostError[] = [];
  const results: DiscoveredTarget[] = [];
  search.on('result', (target) => {
    results.push(target);
    events.push({ type: 'result', target });
  });
  search.on('update', (target) => events.push({ type: 'update', target }));
  search.on('host-error', (error) => {
    errors.push(error);
    events.push({ type: 'host-error', ...error });
  });
  search.on('done', (summary) => events.push({ type: 'done', ...summary }));
  return { events, errors, results };
}

describe('DiscoveryService', () => {
  it('finds a host by IP and describes it the way the target reported itself', async () => {
    const lab = await targets([{ address: '127.0.20.1', hostname: 'CX-0D7560', netId: '5.13.117.96.1.1', fingerprint: FINGERPRINT }]);
    const service = new DiscoveryService({ listAdapters: noAdapters });
    const search = service.search({ hosts: ['127.0.20.1'], udpPort: lab.port });
    const { results } = record(search);
    const done = await search.done;
    expect(results).toEqual([
      {
        hostname: 'CX-0D7560',
        netId: '5.13.117.96.1.1',
        address: '127.0.20.1',
        adapter: null,
        adapters: [],
        twincat: { major: 3, minor: 1, build: 4024, text: '3.1.4024' },
        os: { platform: 'windows', major: 10, minor: 0, build: 19045, csd: '', text: 'Windows 10 22H2 (19045)' },
        fingerprint: FINGERPRINT,
        secureAds: true,
        rttMs: expect.any(Number),
        via: 'host',
      },
    ]);
    expect(done).toMatchObject({ found: 1, cancelled: false });
    expect(done.hint).toBeUndefined();
    // Finishes when the only host answered, not after the 3 s window other tools wait.
    expect(done.durationMs).toBeLessThan(3000);
  });

  it('sweeps a range and reports only the addresses that answer', async () => {
    const lab = await targets([{ address: '127.0.20.2' }, { address: '127.0.20.5' }, { address: '127.0.20.9', fingerprint: null }]);
    const service = new DiscoveryService({ listAdapters: noAdapters });
    const search = service.search({ ranges: ['127.0.20.1-127.0.20.10'], udpPort: lab.port, perHostTimeoutMs: 200 });
    const { results, errors } = record(search);
    const done = await search.done;
    expect(results.map((r) => r.address).sort()).toEqual(['127.0.20.2', '127.0.20.5', '127.0.20.9']);
    expect(results.every((r) => r.via === 'range')).toBe(true);
    expect(results.find((r) => r.address === '127.0.20.9')?.secureAds).toBe(false);
    expect(errors).toEqual([]); // silent range addresses are not errors
    expect(done.found).toBe(3);
  });

  it('surfaces a result the moment it arrives, before a slower target has even replied', async () => {
    let release = (): void => {};
    const hold = new Promise<void>((resolve) => (release = resolve));
    const lab = await targets([{ address: '127.0.20.11' }, { address: '127.0.20.12', hold }]);
    const service = new DiscoveryService({ listAdapters: noAdapters });
    const search = service.search({ hosts: ['127.0.20.11', '127.0.20.12'], udpPort: lab.port, perHostTimeoutMs: 5000, retries: 0 });
    let finished = false;
    void search.done.then(() => (finished = true));
    const first = await new Promise<DiscoveredTarget>((resolve) => search.once('result', resolve));
    expect(first.address).toBe('127.0.20.11');
    expect(lab.targets[1]?.requests).toBe(1); // asked, but its reply is still held back
    expect(finished).toBe(false);
    const { results } = record(search);
    release();
    await search.done;
    expect(results.map((r) => r.address)).toEqual(['127.0.20.12']);
  });

  it('lists a system once although it answered twice, and extends its adapters when a second adapter hears it', async () => {
    const senders = new Set<string>();
    const twice = (request: Uint8Array): Uint8Array[] => {
      senders.add(Array.from(request.subarray(12, 18)).join('.'));
      const reply = encodeDiscoveryReply({
        netId: '10.20.30.40.1.1',
        hostname: 'TWICE',
        os: encodeOsBlob({ platformId: 0, major: 14, minor: 0, build: 0, csd: 'TwinCAT/BSD', wide: false }),
        twincat: { major: 3, minor: 1, build: 4026 },
      });
      return [reply, reply];
    };
    const lab = await targets([{ address: '127.0.20.21', reply: twice }]);
    const adapters = [adapter('lab0', '127.0.20.22', '127.0.20.21'), adapter('lab1', '127.0.20.23', '127.0.20.21')];
    const service = new DiscoveryService({ listAdapters: () => adapters });
    const search = service.search({ adapters: ['lab0', '127.0.20.23'], hosts: ['127.0.20.21'], udpPort: lab.port, timeoutMs: 400 });
    const { events, results } = record(search);
    const done = await search.done;
    // Unicast and two adapter broadcasts all reach the same system at the same address: one row.
    expect(results).toHaveLength(1);
    expect(done.found).toBe(1);
    expect(results[0]).toMatchObject({ hostname: 'TWICE', netId: '10.20.30.40.1.1', os: { platform: 'tcbsd', text: 'TwinCAT/BSD 14.0' } });
    const last = [...events].reverse().find((e) => e.type === 'update' || e.type === 'result');
    expect(last && 'target' in last ? [...last.target.adapters].sort() : []).toEqual(['lab0', 'lab1']);
    expect(events.filter((e) => e.type === 'update').length).toBeGreaterThanOrEqual(1);
    // Broadcasts carry "<adapter IP>.1.1" as sender NetId; unicast the all-zero one.
    expect([...senders].sort()).toEqual(['0.0.0.0.1.1', '127.0.20.22.1.1', '127.0.20.23.1.1']);
  });

  it('reports a host that does not answer within its per-host timeout, after retrying once', async () => {
    const lab = await targets([{ address: '127.0.20.31', silent: true }]);
    const service = new DiscoveryService({ listAdapters: noAdapters });
    const search = service.search({ hosts: ['127.0.20.31'], udpPort: lab.port, perHostTimeoutMs: 200, retries: 1 });
    const { errors } = record(search);
    const done = await search.done;
    expect(errors).toEqual([{ host: '127.0.20.31', message: `no answer from 127.0.20.31 on UDP ${lab.port} within 200 ms` }]);
    expect(lab.targets[0]?.requests).toBe(2);
    expect(done.found).toBe(0);
    expect(done.hint).toContain('firewall');
    // The host was given up only after its full timeout (a timer may fire a millisecond early).
    expect(done.durationMs).toBeGreaterThanOrEqual(200 - 2);
  });

  it('resolves host names and reports one that does not resolve', async () => {
    const lab = await targets([{ address: '127.0.20.41', hostname: 'PLC-LINE-3' }]);
    const lookup = async (host: string): Promise<string[]> => {
      if (host === 'plc-line-3.lab') return ['127.0.20.41'];
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    const service = new DiscoveryService({ listAdapters: noAdapters, lookup });
    const search = service.search({ hosts: ['plc-line-3.lab', 'no-such-plc.lab'], udpPort: lab.port, perHostTimeoutMs: 300 });
    const { errors, results } = record(search);
    await search.done;
    expect(results.map((r) => [r.hostname, r.address, r.via])).toEqual([['PLC-LINE-3', '127.0.20.41', 'host']]);
    expect(errors).toEqual([{ host: 'no-such-plc.lab', message: "cannot resolve 'no-such-plc.lab'" }]);
  });

  it('ignores malformed and foreign datagrams and still finds the real reply', async () => {
    const good = encodeDiscoveryReply({
      netId: '192.168.2.221.1.1',
      hostname: 'DESKTOP-T0N6UNB',
      os: encodeOsBlob({ platformId: 2, major: 10, minor: 0, build: 18363, csd: '', wide: true }),
      twincat: { major: 3, minor: 1, build: 4024 },
    });
    const overrun = good.slice(0, 60);
    const badMagic = good.slice();
    badMagic[0] = 0xff;
    const noise = (): Uint8Array[] => [
      Uint8Array.of(1, 2, 3),
      badMagic,
      overrun,
      encodeDiscoveryRequest({ netId: '1.1.1.1.1.1' }),
      encodeAddRouteReply({ netId: '192.168.2.221.1.1', status: 0 }),
      good,
    ];
    const lab = await targets([{ address: '127.0.20.51', reply: noise }]);
    const service = new DiscoveryService({ listAdapters: noAdapters });
    const search = service.search({ hosts: ['127.0.20.51'], udpPort: lab.port, perHostTimeoutMs: 500 });
    const { results, errors } = record(search);
    const done = await search.done;
    expect(results.map((r) => r.hostname)).toEqual(['DESKTOP-T0N6UNB']);
    expect(errors).toEqual([]);
    expect(done.ignored).toBe(5);
  });

  it('closes every socket when cancelled, by cancel() or by an AbortSignal', async () => {
    const lab = await targets([{ address: '127.0.20.61', silent: true }]);
    const tracked = trackedSockets();
    const adapters = [adapter('lab0', '127.0.20.62', '127.0.20.61')];
    const service = new DiscoveryService({ listAdapters: () => adapters, createSocket: tracked.createSocket });

    const first = service.search({ adapters: ['lab0'], ranges: ['127.0.20.64/26'], udpPort: lab.port, timeoutMs: 20_000 });
    await new Promise((resolve) => first.once('progress', resolve));
    first.cancel();
    const summary = await first.done;
    expect(summary.cancelled).toBe(true);
    expect(summary.durationMs).toBeLessThan(20_000);

    const controller = new AbortController();
    const second = service.search({ ranges: ['127.0.20.128/26'], udpPort: lab.port, timeoutMs: 20_000 }, controller.signal);
    await new Promise((resolve) => second.once('progress', resolve));
    controller.abort();
    expect((await second.done).cancelled).toBe(true);

    expect(tracked.sockets.length).toBe(3);
    expect(tracked.closed.size).toBe(3);
  });

  it('reports an adapter it cannot use instead of failing the search, and survives an immediate cancel', async () => {
    const tracked = trackedSockets();
    // 192.0.2.1 (TEST-NET-1) is not on this machine: binding fails locally, nothing is sent.
    const service = new DiscoveryService({
      listAdapters: () => [adapter('gone0', '192.0.2.1', '192.0.2.255')],
      createSocket: tracked.createSocket,
    });
    const search = service.search({ adapters: ['gone0'], timeoutMs: 150 });
    const { errors } = record(search);
    const done = await search.done;
    expect(errors).toHaveLength(1);
    expect(errors[0]?.host).toBe('gone0');
    expect(errors[0]?.message).toMatch(/^cannot use adapter gone0 \(192\.0\.2\.1\): .*EADDRNOTAVAIL/);
    expect(done.found).toBe(0);

    const quick = service.search({ ranges: ['127.0.20.96-127.0.20.99'], udpPort: 9 });
    quick.cancel();
    expect(await quick.done).toMatchObject({ cancelled: true, found: 0 });
    expect(tracked.closed.size).toBe(tracked.sockets.length);
  });

  it('never binds a socket to UDP 48899: every client socket gets an ephemeral port', async () => {
    const lab = await targets([{ address: '127.0.20.71' }]);
    const bind = vi.spyOn(dgram.Socket.prototype, 'bind');
    const adapters = [adapter('lab0', '127.0.20.72', '127.0.20.71')];
    const service = new DiscoveryService({ listAdapters: () => adapters });
    const search = service.search({
      adapters: ['lab0'],
      hosts: ['127.0.20.71'],
      ranges: ['127.0.20.73-127.0.20.75'],
      udpPort: lab.port,
      timeoutMs: 300,
      perHostTimeoutMs: 100,
    });
    const done = await search.done;
    expect(done.found).toBe(1);
    expect(bind).toHaveBeenCalledTimes(2);
    for (const [options] of bind.mock.calls) expect(options).toMatchObject({ port: 0 });
  });

  it('explains an empty search: nothing chosen, link-local adapter', async () => {
    const service = new DiscoveryService({ listAdapters: () => [adapter('eth9', '127.0.20.81', '127.0.20.82', true)] });
    const nothing = await service.search({}).done;
    expect(nothing).toMatchObject({ found: 0, cancelled: false });
    expect(nothing.hint).toMatch(/No network adapter was chosen/);

    const lab = await targets([{ address: '127.0.20.82', silent: true }]);
    const linkLocal = await service.search({ adapters: ['eth9'], udpPort: lab.port, timeoutMs: 150 }).done;
    expect(linkLocal.hint).toMatch(/eth9 \(127\.0\.20\.81\) has a link-local address/);
    expect(linkLocal.hint).toMatch(/another subnet, search by host name, IP address or range/);
  });

  it('rejects bad requests with typed errors before sending anything', () => {
    const service = new DiscoveryService({ listAdapters: () => [adapter('eth0', '127.0.20.91', '127.0.20.255')] });
    const codeOf = (request: Parameters<DiscoveryService['search']>[0]): [string, string] => {
      try {
        service.search(request);
      } catch (error) {
        if (error instanceof TypedError) return [error.code, error.message];
      }
      return ['none', ''];
    };
    expect(codeOf({ ranges: ['10.0.0.0/8'] })).toEqual(['invalid-range', '10.0.0.0/8 has 16,777,216 addresses; the limit is 65,536']);
    expect(codeOf({ hosts: ['bad host!'] })).toEqual(['invalid-host', "'bad host!' is not a valid host name"]);
    expect(codeOf({ hosts: ['10.0.0.256'] })).toEqual(['invalid-host', "'10.0.0.256' is not a valid IPv4 address"]);
    expect(codeOf({ hosts: ['010.1.1.1'] })).toEqual(['invalid-host', "'010.1.1.1' is not a valid IPv4 address"]);
    expect(codeOf({ hosts: ['plc-.local'] })).toEqual(['invalid-host', "'plc-.local' is not a valid host name"]);
    expect(codeOf({ hosts: ['plc:851'] })).toEqual([
      'invalid-host',
      "'plc:851' is not supported: TwinCAT discovery runs over IPv4 (no ports or IPv6)",
    ]);
    expect(codeOf({ hosts: [' '] })).toEqual(['invalid-host', 'empty host: enter a host name or an IPv4 address']);
    expect(codeOf({ adapters: ['wlan7'] })).toEqual([
      'unknown-adapter',
      "no network adapter 'wlan7' with an IPv4 address; available: eth0 (127.0.20.91)",
    ]);
    expect(codeOf({ hosts: ['127.0.20.1'], timeoutMs: -1 })[0]).toBe('invalid-request');
  });

  it('accepts a unicast or range reply only from the address it asked', async () => {
    // A host elsewhere on the LAN sees the request go by and answers in the asked target's place.
    const impostor = createSocket({ type: 'udp4' });
    await new Promise<void>((resolve) => impostor.bind({ address: '127.0.20.109', port: 0 }, resolve));
    cleanups.push(() => new Promise<void>((resolve) => impostor.close(() => resolve())));
    const forged = encodeDiscoveryReply({
      netId: '6.6.6.6.1.1',
      hostname: 'IMPOSTOR',
      os: WIN10,
      twincat: { major: 3, minor: 1, build: 4024 },
    });
    const answerInstead = (_request: Uint8Array, asker: { address: string; port: number }): Uint8Array[] => {
      impostor.send(forged, asker.port, asker.address);
      return [];
    };
    const lab = await targets([
      { address: '127.0.20.101', reply: answerInstead },
      { address: '127.0.20.103', reply: answerInstead },
      { address: '127.0.20.104', hostname: 'REAL-104' },
    ]);
    const service = new DiscoveryService({ listAdapters: noAdapters });
    const search = service.search({
      hosts: ['127.0.20.101'],
      ranges: ['127.0.20.103-127.0.20.104'],
      udpPort: lab.port,
      perHostTimeoutMs: 300,
      retries: 0,
    });
    const { results, errors } = record(search);
    const done = await search.done;
    expect(results.map((r) => r.hostname)).toEqual(['REAL-104']);
    expect(errors).toEqual([{ host: '127.0.20.101', message: `no answer from 127.0.20.101 on UDP ${lab.port} within 300 ms` }]);
    expect(done.ignored).toBe(2);
  });

  it('takes one system per asked address: a second NetId from the same address is ignored', async () => {
    const many = (): Uint8Array[] =>
      ['1.2.3.4.1.1', '1.2.3.5.1.1', '1.2.3.6.1.1'].map((netId) =>
        encodeDiscoveryReply({ netId, hostname: netId, os: WIN10, twincat: { major: 3, minor: 1, build: 4024 } }),
      );
    // The silent second host keeps the search listening while the extra replies arrive.
    const lab = await targets([
      { address: '127.0.20.111', reply: many },
      { address: '127.0.20.112', silent: true },
    ]);
    const service = new DiscoveryService({ listAdapters: noAdapters });
    const search = service.search({ hosts: ['127.0.20.111', '127.0.20.112'], udpPort: lab.port, perHostTimeoutMs: 300, retries: 0 });
    const { results } = record(search);
    const done = await search.done;
    expect(results.map((r) => r.netId)).toEqual(['1.2.3.4.1.1']);
    expect(done).toMatchObject({ found: 1, ignored: 2 });
  });

  it('caps and deduplicates what a broadcast adds to one search', async () => {
    // One host answering the broadcast with 12 different systems, each twice.
    const flood = (): Uint8Array[] =>
      Array.from({ length: 24 }, (_, i) =>
        encodeDiscoveryReply({
          netId: `9.9.9.${i % 12}.1.1`,
          hostname: `FLOOD-${i % 12}`,
          os: WIN10,
          twincat: { major: 3, minor: 1, build: 4024 },
        }),
      );
    const lab = await targets([{ address: '127.0.20.121', reply: flood }]);
    const adapters = [adapter('lab0', '127.0.20.122', '127.0.20.121')];
    const service = new DiscoveryService({ listAdapters: () => adapters, maxBroadcastResults: 5 });
    const search = service.search({ adapters: ['lab0'], udpPort: lab.port, timeoutMs: 300, retries: 0 });
    const { results } = record(search);
    const done = await search.done;
    expect(results.map((r) => r.hostname)).toEqual(['FLOOD-0', 'FLOOD-1', 'FLOOD-2', 'FLOOD-3', 'FLOOD-4']);
    expect(done.found).toBe(5);
    expect(search.results()).toHaveLength(5);
  });
});
