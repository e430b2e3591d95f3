/** connectTls: open (or adopt) a socket and run the client handshake on it, all under one timeout. */
import { connect as netConnect, type Socket } from 'node:net';
import { clientHandshake, prepareClientHandshake } from './client-handshake';
import type { TlsClientConnection, TlsClientOptions } from './config';
import { TlsConnection } from './connection';
import { directReadSocket, socketErrorToTls } from './socket-input';
import { TlsError } from './tls-error';

const DEFAULT_TIMEOUT_MS = 10_000;

/** Connects (unless given a socket) and runs the TLS 1.2 handshake. */
export async function connectTls(options: TlsClientOptions): Promise<TlsClientConnection> {
  const credentials = prepareClientHandshake(options);
  const where = `${options.host}:${options.port}`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  let socket: Socket | undefined = options.socket;
  let conn: TlsConnection | undefined;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new TlsError('timeout', `TLS handshake with ${where} did not complete within ${timeoutMs} ms`);
      conn?.abort(err);
      socket?.destroy();
      reject(err);
    }, timeoutMs);
  });
  const work = (async () => {
    socket ??= await openSocket(options.host, options.port, where, (s) => (socket = s));
    const established = new TlsConnection(socket, where, options.mode);
    conn = established;
    await established.handshake(() => clientHandshake(established, options, credentials));
    return established;
  })();
  work.catch(() => undefined); // the race below reports it; a late failure after timeout is moot
  try {
    return await Promise.race([work, timedOut]);
  } catch (err) {
    socket?.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function openSocket(host: string, port: number, where: string, created: (s: Socket) => void): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const setup = directReadSocket();
    const s = netConnect({ host, port, ...setup.options });
    setup.adopt(s);
    created(s);
    s.setNoDelay(true);
    const onError = (err: Error) => reject(socketErrorToTls(err, where));
    s.once('error', onError);
    s.once('connect', () => {
      s.off('error', onError);
      resolve(s);
    });
  });
}
