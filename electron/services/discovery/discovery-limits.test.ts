/**
 * The discovery service's limits: bounded concurrency in a range sweep, the total timeout, and the
 * broadcast socket's source address and port. Every address here is in 127.0.23.0/24, reserved for this file;
 * nothing leaves loopback and nothing binds UDP 48899.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { NetworkAdapter } from '../../../shared/domain/network';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import { encodeOsBlob } from '../../../shared/protocol/os-version';
import { encodeDiscoveryReply, tryDecodeUdpMessage, UdpService } from '../../../shared/protocol/udp48899';
import { DiscoveryService } from './discovery-service';
import { sweepCutHint } from './hints';
import type { DiscoveryDone, DiscoverySearch, HostError } from './search';
import { startFakeTargets, type FakeTargetOptions } from './testing/fake-targets';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function targets(list: FakeTargetOptions[]) {
  const started = await startFakeTargets(list);
  cleanups.push(started.close);
  return started;
}

const noAdapters = (): NetworkAdapter[] => [];

function adapter(name: string, address: string, broadcast: string): NetworkAdapter {
  return {
    name,
    address,
    netmask: '255.255.255.0',
    broadcast,
    prefixLength: 24,
    mac: '00:00:00:00:00:00',
    linkLocal: false,
    loopback: false,
    up: true,
  };
}

function range(prefix: string, from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);
}

/**
 * Real UDP sockets for the service, with every datagram it sends recorded (destination, in order) the moment it is
 * handed to the socket, and every socket's bound address once it is listening.
 */
function observedSockets(onSend: (address: string, port: number) => void = () => undefined) {
  const sockets: Socket[] = [];
  const closed = new Set<Socket>();
  const bound: Array<{ address: string; port: number }> = [];
  return {
    sockets,
    closed,
    bound,
    createSocket: (): Socket => {
      const socket = createSocket({ type: 'udp4' });
      sockets.push(socket);
      socket.on('listening', () => {
        const { address, port } = socket.address();
        bound.push({ address, port });
      });
      socket.on('close', () => closed.add(socket));
      const send = socket.send.bind(socket) as (...args: unknown[]) => void;
      (socket as unknown as { send: (...args: unknown[]) => void }).send = (...args: unknown[]) => {
        // The service calls send(payload, port, address, callback).
        onSend(String(args[2]), Number(args[1]));
        send(...args);
      };
      return socket;
    },
  };
}

function collect(search: DiscoverySearch): { results: DiscoveredTarget[]; errors: HostError[]; done: Promise<DiscoveryDone> } {
  const results: DiscoveredTarget[] = [];
  const errors: HostError[] = [];
  search.on('result', (target) => results.push(target));
  search.on('host-error', (error) => errors.push(error));
  // The `done` event itself, not only the promise: it is what the Targets view and the CLI listen to.
  const done = new Promise<DiscoveryDone>((resolve) => search.once('done', resolve));
  return { results, errors, done };
}

describe('range sweep concurrency', () => {
  it('never has more hosts in flight than the configured concurrency, and keeps that many busy', async () => {
    const CONCURRENCY = 4;
    const addresses = range('127.0.23.', 1, 40);
    // Two silent hosts hold a slot each for the whole test (their per-host timeout is a minute away);
    // the others answer at once, so slots free up and refill continuously.
    const silent = new Set(['127.0.23.2', '127.0.23.21']);
    const lab = await targets(addresses.map((address) => ({ address, silent: silent.has(address) })));

    const sendsPerAddress = new Map<string, number>();
    const answered = new Set<string>();
    let maxInFlight = 0;
    const inFlightAtEachNewHost: number[] = [];
    const io = observedSockets((address) => {
      const isNew = !sendsPerAddress.has(address);
      sendsPerAddress.set(address, (sendsPerAddress.get(address) ?? 0) + 1);
      if (!isNew) return;
      // A host is in flight from its first request until its reply reached the service (`result` below).
      const inFlight = sendsPerAddress.size - answered.size;
      inFlightAtEachNewHost.push(inFlight);
      maxInFlight = Math.max(maxInFlight, inFlight);
    });
    const service = new DiscoveryService({ listAdapters: noAdapters, createSocket: io.createSocket });
    const search = service.search({
      ranges: ['127.0.23.1-127.0.23.40'],
      udpPort: lab.port,
      concurrency: CONCURRENCY,
      perHostTimeoutMs: 60_000,
      retries: 0,
      timeoutMs: 120_000,
    });
    const { done } = collect(search);
    const allAnswered = new Promise<void>((resolve) => {
      search.on('result', (target) => {
        answered.add(target.address);
        if (answered.size === addresses.length - silent.size) resolve();
      });
    });
    await allAnswered;

    expect([...answered].sort()).toEqual(addresses.filter((a) => !silent.has(a)).sort());
    // Every address was asked, once (retries: 0), though never more than CONCURRENCY at a time...
    expect([...sendsPerAddress.keys()].sort()).toEqual([...addresses].sort());
    expect([...sendsPerAddress.values()].every((n) => n === 1)).toBe(true);
    expect(maxInFlight).toBe(CONCURRENCY);
    expect(inFlightAtEachNewHost.every((n) => n <= CONCURRENCY)).toBe(true);
    // ...and the two silent hosts still hold their slots: only their replies are outstanding.
    expect(sendsPerAddress.size - answered.size).toBe(silent.size);
    // The answering hosts themselves saw exactly one request each.
    for (const target of lab.targets) if (!silent.has(target.address)) expect(target.requests, target.address).toBe(1);

    search.cancel();
    expect((await done).cancelled).toBe(true);
  });

  it('with only silent hosts, asks no more than the configured concurrency before any per-host timeout', async () => {
    const CONCURRENCY = 3;
    const asked = new Set<string>();
    const io = observedSockets((address) => asked.add(address));
    // Nobody listens on the swept addresses (the silent target only provides a port no one else uses):
    // a sweep over dead hosts, the case that hangs other tools.
    const lab = await targets([{ address: '127.0.23.127', silent: true }]);
    const service = new DiscoveryService({ listAdapters: noAdapters, createSocket: io.createSocket });
    const search = service.search({
      ranges: ['127.0.23.128-127.0.23.143'],
      udpPort: lab.port,
      concurrency: CONCURRENCY,
      perHostTimeoutMs: 60_000,
      retries: 0,
      timeoutMs: 120_000,
    });
    const { done } = collect(search);
    // The first progress event is emitted right after the service has filled its slots.
    const progress = await new Promise<{ sent: number; total: number }>((resolve) => search.once('progress', resolve));
    expect(progress).toMatchObject({ sent: CONCURRENCY, total: 16 });
    expect([...asked].sort()).toEqual(['127.0.23.128', '127.0.23.129', '127.0.23.130']);
    search.cancel();
    await done;
    // Cancelled with 13 addresses never asked: nothing more went out after the first wave.
    expect(asked.size).toBe(CONCURRENCY);
  });
});

describe('named hosts during a sweep', () => {
  it('asks a named host at once, even while silent range hosts hold every slot', async () => {
    const lab = await targets([{ address: '127.0.23.160', hostname: 'NAMED-PLC' }]);
    const asked: string[] = [];
    const io = observedSockets((address) => asked.push(address));
    // The name resolves later than the sweep fills its slots, as a DNS lookup does.
    const service = new DiscoveryService({ listAdapters: noAdapters, createSocket: io.createSocket, lookup: async () => ['127.0.23.160'] });
    const search = service.search({
      hosts: ['named-plc'],
      ranges: ['127.0.23.170-127.0.23.185'],
      udpPort: lab.port,
      concurrency: 2,
      perHostTimeoutMs: 60_000,
      retries: 0,
      timeoutMs: 120_000,
    });
    const { done } = collect(search);
    const found = await new Promise<DiscoveredTarget>((resolve) => search.once('result', resolve));
    expect(found.hostname).toBe('NAMED-PLC');
    // Both range slots were taken first and are still taken (their hosts are silent for a minute): the named host
    // did not wait for one of them.
    expect(asked.slice(0, 2)).toEqual(['127.0.23.170', '127.0.23.171']);
    expect(asked).toEqual(['127.0.23.170', '127.0.23.171', '127.0.23.160']);
    search.cancel();
    await done;
  });
});

describe('total timeout', () => {
  it('ends a sweep that would otherwise run for minutes, reports it in the done event, and keeps what was found', async () => {
    const TIMEOUT_MS = 400;
    const lab = await targets([{ address: '127.0.23.65', hostname: 'SWEEP-HIT' }]);
    const asked = new Set<string>();
    const io = observedSockets((address) => asked.add(address));
    const service = new DiscoveryService({ listAdapters: noAdapters, createSocket: io.createSocket });
    // 32 addresses, 4 at a time, one minute each: about eight minutes without the total timeout.
    const search = service.search({
      ranges: ['127.0.23.64-127.0.23.95'],
      udpPort: lab.port,
      concurrency: 4,
      perHostTimeoutMs: 60_000,
      retries: 0,
      timeoutMs: TIMEOUT_MS,
    });
    const { results, errors, done } = collect(search);
    const summary = await done;

    expect(summary.cancelled).toBe(false);
    expect(summary.found).toBe(1);
    expect(results.map((r) => [r.hostname, r.address])).toEqual([['SWEEP-HIT', '127.0.23.65']]);
    expect(summary.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(summary.durationMs).toBeLessThan(5000);
    // The hit freed one slot (4 + 1 asked); the summary says how much of the range the timeout left unasked.
    expect(asked.size).toBe(5);
    expect(summary.hint).toBe(sweepCutHint(32 - asked.size));
    expect(summary.hint).toMatch(/^The timeout ended the sweep with 27 addresses not asked/);
    expect(errors).toEqual([]); // silent range addresses are not per-host errors
    expect(io.sockets.length).toBe(1);
    expect(io.closed.size).toBe(1);
  });

  it('ends a search for a named host that never answers and says the search timeout cut it short', async () => {
    const TIMEOUT_MS = 300;
    const lab = await targets([{ address: '127.0.23.100', silent: true }]);
    const io = observedSockets();
    const service = new DiscoveryService({ listAdapters: noAdapters, createSocket: io.createSocket });
    const search = service.search({ hosts: ['127.0.23.100'], udpPort: lab.port, perHostTimeoutMs: 60_000, timeoutMs: TIMEOUT_MS });
    const { errors, done } = collect(search);
    const summary = await done;
    expect(summary).toMatchObject({ found: 0, cancelled: false });
    expect(summary.durationMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(summary.durationMs).toBeLessThan(5000);
    expect(errors).toEqual([{ host: '127.0.23.100', message: `no answer from 127.0.23.100 on UDP ${lab.port} before the search timeout` }]);
    expect(summary.hint).toMatch(/No target answered on UDP/);
    expect(lab.targets[0]?.requests).toBeGreaterThanOrEqual(1);
    expect(io.closed.size).toBe(io.sockets.length);
  });
});

describe('broadcast socket', () => {
  /** A responder on the adapters' "broadcast" address that notes where each request came from. */
  async function broadcastResponder(address: string): Promise<{ port: number; senders: RemoteInfo[]; senderNetIds: string[] }> {
    const socket = createSocket({ type: 'udp4' });
    const senders: RemoteInfo[] = [];
    const senderNetIds: string[] = [];
    socket.on('message', (datagram, remote) => {
      const bytes = new Uint8Array(datagram.buffer, datagram.byteOffset, datagram.byteLength);
      const decoded = tryDecodeUdpMessage(bytes);
      if (!decoded.ok || decoded.message.response || decoded.message.service !== UdpService.Discovery) return;
      senders.push(remote);
      senderNetIds.push(decoded.message.netId);
      const reply = encodeDiscoveryReply({
        netId: '127.0.23.250.1.1',
        hostname: 'BCAST-PLC',
        os: encodeOsBlob({ platformId: 2, major: 10, minor: 0, build: 19045, csd: '', wide: true }),
        twincat: { major: 3, minor: 1, build: 4024 },
      });
      socket.send(reply, remote.port, remote.address);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind({ address, port: 0 }, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    cleanups.push(() => new Promise<void>((resolve) => socket.close(() => resolve())));
    return { port: socket.address().port, senders, senderNetIds };
  }

  it("sends each adapter's broadcast from that adapter's own address on an ephemeral port, never 48899", async () => {
    const responder = await broadcastResponder('127.0.23.255');
    const adapters = [adapter('labA', '127.0.23.201', '127.0.23.255'), adapter('labB', '127.0.23.202', '127.0.23.255')];
    const io = observedSockets();
    const service = new DiscoveryService({ listAdapters: () => adapters, createSocket: io.createSocket });
    const search = service.search({ adapters: ['labA', 'labB'], udpPort: responder.port, timeoutMs: 300 });
    const { results, done } = collect(search);
    const summary = await done;

    // Both sockets were bound to their adapter's address, each on a port the kernel picked.
    expect(io.bound.map((b) => b.address).sort()).toEqual(['127.0.23.201', '127.0.23.202']);
    const ports = io.bound.map((b) => b.port);
    expect(new Set(ports).size).toBe(2);
    const rangeFile = '/proc/sys/net/ipv4/ip_local_port_range';
    const [low, high] = existsSync(rangeFile) ? readFileSync(rangeFile, 'utf8').trim().split(/\s+/).map(Number) : [1024, 65535];
    for (const port of ports) {
      expect(port).not.toBe(48899);
      expect(port).toBeGreaterThanOrEqual(low ?? 1024);
      expect(port).toBeLessThanOrEqual(high ?? 65535);
    }

    // What the network saw: every request came from one of those (address, port) pairs, both adapters spoke,
    // and each carried the NetId of the adapter it left by.
    expect(responder.senders.length).toBeGreaterThanOrEqual(2);
    const seen = new Set(responder.senders.map((r) => `${r.address}:${r.port}`));
    expect([...seen].sort()).toEqual(io.bound.map((b) => `${b.address}:${b.port}`).sort());
    responder.senders.forEach((remote, i) => expect(responder.senderNetIds[i]).toBe(`${remote.address}.1.1`));

    // The reply came back to those sockets: one system, heard on both adapters.
    expect(summary.found).toBe(1);
    expect(results[0]).toMatchObject({ hostname: 'BCAST-PLC', address: '127.0.23.255' });
    expect(search.results()[0]?.adapters.sort()).toEqual(['labA', 'labB']);
    expect(io.closed.size).toBe(io.sockets.length);
  });
});
