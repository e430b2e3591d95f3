import type { Socket } from 'node:dgram';
import type { Logger } from '../log/logger';

// The kernel caps this at net.core.rmem_max; it is a wish for bursts of a few hundred replies at once.
export const RECEIVE_BUFFER_BYTES = 1 << 20;

export type DatagramHandler = (datagram: Buffer, from: string) => void;

/**
 * The UDP sockets of one search: each bound to an ephemeral port (never 48899, which a local TwinCAT router owns),
 * with broadcast allowed, and all closed together when the search ends.
 */
export class DiscoverySockets {
  private readonly sockets: Socket[] = [];
  private closing = false;

  constructor(
    private readonly create: () => Socket,
    private readonly logger: Logger,
  ) {}

  /** Binds a new socket to `address` (all interfaces when undefined); rejects when binding fails. */
  async open(address: string | undefined, onDatagram: DatagramHandler): Promise<Socket> {
    const socket = this.create();
    this.sockets.push(socket);
    socket.on('message', (datagram, remote) => onDatagram(datagram, remote.address));
    // A socket error after binding (e.g. ICMP-reported unreachable on some platforms) must not crash the process.
    socket.on('error', (error) => this.logger.debug(`discovery socket ${address ?? '0.0.0.0'}: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      socket.once('error', onError);
      socket.bind({ address, port: 0 }, () => {
        socket.off('error', onError);
        resolve();
      });
    });
    // Closed while binding: the socket takes no options any more.
    if (this.closing) return socket;
    socket.setBroadcast(true);
    try {
      socket.setRecvBufferSize(RECEIVE_BUFFER_BYTES);
    } catch {
      // Keep the kernel default (≥ 64 KiB on every supported OS).
    }
    return socket;
  }

  async closeAll(): Promise<void> {
    this.closing = true;
    await Promise.all(this.sockets.map(closeSocket));
  }
}

/** Reports failures (unreachable network, no permission for a broadcast address) through one callback, sync or async. */
export function safeSend(socket: Socket, payload: Uint8Array, port: number, address: string, onError: (error: unknown) => void): void {
  try {
    socket.send(payload, port, address, (error) => {
      if (error) onError(error);
    });
  } catch (error) {
    // Deferred so a sweep whose every send throws unwinds instead of recursing through the probe pump.
    queueMicrotask(() => onError(error));
  }
}

export function errorText(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code} ${message}` : message;
}

function closeSocket(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      socket.close(() => resolve());
    } catch {
      // Already closed (bind failed before it opened).
      resolve();
    }
  });
}
