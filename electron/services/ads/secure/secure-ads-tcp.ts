import type { Socket } from 'node:net';
import { connectTcp, type TcpConnectOptions } from '../transport/tcp-stream';
import { refusedFix } from './tls-failure';
import { directReadSocket } from './tls/index';

/**
 * The TCP connection a Secure ADS session runs on: failures named as Secure ADS ones, and the socket read straight
 * into the TLS engine (net's `onread`), past the stream machinery.
 */
export function connectSecureAdsTcp(options: Pick<TcpConnectOptions, 'host' | 'port' | 'timeoutMs' | 'signal'>): Promise<Socket> {
  const { host, port, timeoutMs, signal } = options;
  return connectTcp({
    host,
    port,
    timeoutMs,
    ...(signal ? { signal } : {}),
    service: 'Secure ADS',
    refusedFix: refusedFix(port),
    socketSetup: directReadSocket(),
  });
}
