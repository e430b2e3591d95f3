import { connect, type Socket } from 'node:net';
import { RouteFailure } from '../route-failure';
import type { ByteStream } from '../secure/secure-transport';
import type { SocketSetup } from '../secure/tls/socket-input';

export interface TcpConnectOptions {
  host: string;
  port: number;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Words for messages, e.g. "Secure ADS" for 8016 or "ADS" for 48898. */
  service: string;
  /** What to do when the port refuses, e.g. "Secure ADS disabled or blocked by a firewall on the target". */
  refusedFix: string;
  /** Extra socket options, and what to do with the socket once made (e.g. the TLS engine's direct reads). */
  socketSetup?: SocketSetup;
}

/** Opens a TCP connection, turning every failure into a RouteFailure that names the port and the likely cause. */
export function connectTcp(options: TcpConnectOptions): Promise<Socket> {
  const { host, port, timeoutMs, signal, service } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const socket = connect({ host, port, ...options.socketSetup?.options });
    options.socketSetup?.adopt(socket);
    socket.setNoDelay(true);
    const timer = setTimeout(() => {
      fail(
        new RouteFailure(
          'timeout',
          `TCP ${port} on ${host}: no answer within ${timeoutMs} ms`,
          `the target is offline, the address is wrong, or a firewall drops ${service} (TCP ${port}) silently`,
        ),
      );
    }, timeoutMs);
    const onAbort = () => fail(cancelled());
    signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('error', onError);
      socket.removeListener('connect', onConnect);
    };
    const fail = (error: RouteFailure) => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    const onError = (error: NodeJS.ErrnoException) => fail(tcpFailure(error, host, port, service, options.refusedFix));
    const onConnect = () => {
      cleanup();
      resolve(socket);
    };
    socket.once('error', onError);
    socket.once('connect', onConnect);
  });
}

function cancelled(): RouteFailure {
  return new RouteFailure('cancelled', 'cancelled by the user', null);
}

export function tcpFailure(error: NodeJS.ErrnoException, host: string, port: number, service: string, refusedFix: string): RouteFailure {
  switch (error.code) {
    case 'ECONNREFUSED':
      return new RouteFailure('refused', `TCP ${port} refused by ${host}`, refusedFix);
    case 'ETIMEDOUT':
      return new RouteFailure(
        'timeout',
        `TCP ${port} on ${host}: connection timed out`,
        `the target is offline or a firewall drops ${service} (TCP ${port})`,
      );
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new RouteFailure(
        'unreachable',
        `${host} is unreachable (${error.code})`,
        'check the cable, the adapter and that this PC has an address in the target network',
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new RouteFailure(
        'resolve-failed',
        `host name ${host} cannot be resolved`,
        'use the IP address, or check DNS / the hosts file',
      );
    default:
      return new RouteFailure(
        'unreachable',
        `TCP ${port} on ${host}: ${error.code ?? error.message}`,
        'check the address and the network connection',
      );
  }
}

/** Pull-style reads over a socket, so plain TCP and TLS transports feed the same AMS reader. */
export function socketStream(socket: Socket): ByteStream {
  const chunks: Uint8Array[] = [];
  const waiters: Array<{ resolve: (c: Uint8Array | null) => void; reject: (e: Error) => void }> = [];
  let ended = false;
  let failure: Error | null = null;
  socket.on('data', (data: Buffer) => {
    const chunk = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const waiter = waiters.shift();
    if (waiter) waiter.resolve(chunk);
    else chunks.push(chunk);
  });
  const finish = (error: Error | null) => {
    if (ended) return;
    ended = true;
    failure = error;
    for (const waiter of waiters.splice(0)) {
      if (error) waiter.reject(error);
      else waiter.resolve(null);
    }
  };
  socket.on('end', () => finish(null));
  socket.on('close', () => finish(null));
  socket.on('error', (error) => finish(error));
  return {
    write: (data) =>
      new Promise<void>((resolve, reject) => {
        socket.write(data, (error) => (error ? reject(error) : resolve()));
      }),
    read: () => {
      const next = chunks.shift();
      if (next) return Promise.resolve(next);
      if (ended) return failure ? Promise.reject(failure) : Promise.resolve(null);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    destroy: () => {
      socket.destroy();
      finish(null);
    },
  };
}
