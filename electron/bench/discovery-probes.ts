/** What the discovery benchmark measures with: the product's search, a bare dgram sweep as baseline, and targets. */
import { createSocket, type Socket } from 'node:dgram';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeDiscoveryRequest } from '../../shared/protocol/udp48899';
import { DiscoveryService } from '../services/discovery/discovery-service';
import { RECEIVE_BUFFER_BYTES } from '../services/discovery/discovery-sockets';
import { listAdapters } from '../services/network/adapters';
import { startVirtualTarget, startVirtualTargets, TC_SELF_SIGNED_FILE, type VirtualTarget } from '../sim';
import { nowMs } from './table';

export interface SweepMeasure {
  found: number;
  /** From start to the last `result` event. */
  lastResultMs: number;
  /** From start to the last reply reaching the socket handler. */
  lastArrivalMs: number;
  /** Per reply: event time minus socket receive time. */
  overheads: number[];
  doneMs: number;
}

// ------------------------------------------------------------------ measurements

export async function serviceSearch(
  request: Parameters<DiscoveryService['search']>[0],
  adaptersList = listAdapters,
): Promise<SweepMeasure> {
  const service = new DiscoveryService({ listAdapters: () => adaptersList({ includeLoopback: true }) });
  const overheads: number[] = [];
  let lastResultMs = 0;
  let lastArrivalMs = 0;
  const start = nowMs();
  const search = service.search(request);
  search.on('result', (_target, timing) => {
    const at = nowMs();
    overheads.push(at - timing.receivedAt);
    lastResultMs = at - start;
    lastArrivalMs = timing.receivedAt - start;
  });
  const done = await search.done;
  return { found: done.found, lastResultMs, lastArrivalMs, overheads, doneMs: nowMs() - start };
}

/**
 * The least a client can do: one socket, all requests at once, count distinct answering addresses. It gets the same
 * receive buffer as the service unless `defaultBuffer` asks for the kernel default (to show what that loses).
 */
export async function rawSearch(
  destinations: string[],
  port: number,
  expected: number,
  waitMs: number,
  options: { bindAddress?: string; defaultBuffer?: boolean } = {},
): Promise<{ found: number; lastMs: number; doneMs: number }> {
  const socket: Socket = createSocket(options.defaultBuffer ? { type: 'udp4' } : { type: 'udp4', recvBufferSize: RECEIVE_BUFFER_BYTES });
  const seen = new Set<string>();
  const start = nowMs();
  let lastMs = 0;
  await new Promise<void>((resolve) => socket.bind({ address: options.bindAddress, port: 0 }, resolve));
  socket.setBroadcast(true);
  const request = encodeDiscoveryRequest({ netId: '0.0.0.0.1.1' });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, waitMs);
    socket.on('message', (_data, remote) => {
      if (seen.has(remote.address)) return;
      seen.add(remote.address);
      lastMs = nowMs() - start;
      if (seen.size === expected) {
        clearTimeout(timer);
        resolve();
      }
    });
    for (const address of destinations) socket.send(request, port, address);
  });
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return { found: seen.size, lastMs, doneMs: nowMs() - start };
}

// ------------------------------------------------------------------ virtual targets

/** One key pair for every target: generating 250 RSA keys would dominate the setup, and the fingerprint is not measured. */
export async function sscTemplate(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ars-bench-ssc-'));
  const seed = await startVirtualTarget({
    name: 'BENCH-SEED',
    address: '127.0.30.254',
    stateDir: dir,
    discovery: false,
    tcp: false,
    tls: false,
  });
  await seed.stop();
  return join(dir, TC_SELF_SIGNED_FILE);
}

export async function startBenchTargets(
  addresses: string[],
  port: number,
  template: string,
  broadcastAddresses: string[] = [],
): Promise<{ targets: VirtualTarget[]; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'ars-bench-targets-'));
  const inputs = await Promise.all(
    addresses.map(async (address, i) => {
      const stateDir = join(root, String(i));
      await mkdir(stateDir, { recursive: true });
      await copyFile(template, join(stateDir, TC_SELF_SIGNED_FILE));
      // The broadcast part runs in throwaway namespaces on 10.251/16: network addresses, but a lab of its own.
      return {
        name: `BENCH-${i + 1}`,
        address,
        stateDir,
        tcp: false,
        tls: true,
        broadcastAddresses,
        ports: { udp: port, ads: 0, tls: 0 },
        allowLan: !address.startsWith('127.'),
      };
    }),
  );
  const targets = await startVirtualTargets(inputs);
  return {
    targets,
    cleanup: async () => {
      await Promise.all(targets.map((t) => t.stop()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

export const range = (prefix: string, first: number, count: number): string[] =>
  Array.from({ length: count }, (_, i) => `${prefix}.${first + i}`);
