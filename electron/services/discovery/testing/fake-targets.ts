import { createSocket, type Socket } from 'node:dgram';
import { encodeDiscoveryReply, tryDecodeUdpMessage, UdpService } from '../../../../shared/protocol/udp48899';
import { encodeOsBlob } from '../../../../shared/protocol/os-version';

/**
 * Minimal discovery responders for tests and the benchmark: each binds one loopback address and answers
 * discovery requests like a TwinCAT 3.1.4024 on Windows 10, optionally late, never, or with bytes of our choice.
 */
export interface FakeTargetOptions {
  address: string;
  hostname?: string;
  netId?: string;
  fingerprint?: string | null;
  /** Milliseconds to wait before answering (a slow target or long path). */
  delayMs?: number;
  /** Answer with these bytes instead of a reply (malformed datagrams); `asker` is where the request came from. */
  reply?: (request: Uint8Array, asker: { address: string; port: number }) => Uint8Array[];
  /** Answer only once this settles: lets a test prove something happened before this target replied. */
  hold?: Promise<void>;
  /** Never answer (a host without TwinCAT). */
  silent?: boolean;
}

export interface FakeTarget {
  address: string;
  port: number;
  netId: string;
  hostname: string;
  /** Discovery requests received so far. */
  requests: number;
  close(): Promise<void>;
}

const WIN10_BLOB = encodeOsBlob({ platformId: 2, major: 10, minor: 0, build: 19045, csd: '', wide: true });

export async function startFakeTarget(options: FakeTargetOptions, port = 0): Promise<FakeTarget> {
  const socket: Socket = createSocket({ type: 'udp4' });
  const netId = options.netId ?? `${options.address}.1.1`;
  const hostname = options.hostname ?? `PLC-${options.address.split('.').slice(2).join('-')}`;
  const fingerprint = options.fingerprint === undefined ? null : options.fingerprint;
  const pending = new Set<NodeJS.Timeout>();
  const target: FakeTarget = {
    address: options.address,
    port: 0,
    netId,
    hostname,
    requests: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) clearTimeout(timer);
        socket.close(() => resolve());
      }),
  };
  socket.on('message', (datagram, remote) => {
    const bytes = new Uint8Array(datagram.buffer, datagram.byteOffset, datagram.byteLength);
    const decoded = tryDecodeUdpMessage(bytes);
    if (!decoded.ok || decoded.message.response || decoded.message.service !== UdpService.Discovery) return;
    target.requests++;
    if (options.silent) return;
    const replies = options.reply
      ? options.reply(bytes, { address: remote.address, port: remote.port })
      : [encodeDiscoveryReply({ netId, hostname, os: WIN10_BLOB, twincat: { major: 3, minor: 1, build: 4024 }, fingerprint })];
    const send = (): void => {
      for (const reply of replies) socket.send(reply, remote.port, remote.address);
    };
    if (options.hold) {
      void options.hold.then(send);
      return;
    }
    if (!options.delayMs) return send();
    const timer = setTimeout(() => {
      pending.delete(timer);
      send();
    }, options.delayMs);
    pending.add(timer);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind({ address: options.address, port }, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  target.port = socket.address().port;
  return target;
}

/** Several responders on one shared port (the port a search sends to), each on its own loopback address. */
export async function startFakeTargets(
  list: FakeTargetOptions[],
): Promise<{ port: number; targets: FakeTarget[]; close(): Promise<void> }> {
  const targets: FakeTarget[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(targets.map((t) => t.close()));
  };
  try {
    for (const options of list) targets.push(await startFakeTarget(options, targets[0]?.port ?? 0));
  } catch (error) {
    await close();
    throw error;
  }
  return { port: targets[0]?.port ?? 0, targets, close };
}
