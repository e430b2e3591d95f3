import type { Server, Socket } from 'node:net';

/** Remembers open sockets so stop() can destroy them instead of waiting for peers to hang up. */
export class ConnectionTracker {
  private readonly sockets = new Set<Socket>();

  add(socket: Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  async closeServer(server: Server): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }
}

/**
 * At most `max` open connections on this listener: one more is closed by the kernel side at once (no handshake, no
 * parser, no memory), so a peer opening sockets in a loop cannot exhaust the target.
 */
export function capConnections(server: Server, max: number, onDrop: (peer: string) => void): void {
  server.maxConnections = max;
  server.on('drop', (data) => onDrop(`${data?.remoteAddress ?? '?'}:${data?.remotePort ?? '?'}`));
}

export function peerOfSocket(socket: Socket): string {
  return `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
}

export function listen(server: Server, address: string, port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => {
      const code = (error as { code?: unknown }).code;
      const why =
        code === 'EADDRINUSE' ? 'port already in use' : code === 'EADDRNOTAVAIL' ? 'address not available on this host' : error.message;
      reject(new Error(`${what} ${address}:${port}: ${why}`));
    };
    server.once('error', fail);
    server.listen({ host: address, port, exclusive: true }, () => {
      server.off('error', fail);
      resolve();
    });
  });
}
