import { createSocket, type Socket } from 'node:dgram';
import { tryDecodeUdpMessage, UDP_SERVICE_PORT, type UdpMessage } from '../../../../shared/protocol/udp48899';
import { RouteFailure } from '../route-failure';

export interface UdpExchangeOptions {
  host: string;
  port?: number;
  payload: Uint8Array;
  timeoutMs: number;
  /** Picks the reply among whatever arrives (other tools' traffic, stale replies). */
  accept: (message: UdpMessage) => boolean;
  signal?: AbortSignal;
}

export const UDP_SILENT_FIX = 'no answer on UDP 48899: target offline, wrong address, or UDP 48899 blocked by a firewall';

/**
 * One unicast request and its reply, from an ephemeral port: UDP 48899 on this PC belongs to a local TwinCAT router.
 * Malformed datagrams are ignored rather than failing the exchange.
 */
export async function udpExchange(options: UdpExchangeOptions): Promise<UdpMessage> {
  const socket = await bindEphemeral();
  const port = options.port ?? UDP_SERVICE_PORT;
  try {
    return await new Promise<UdpMessage>((resolve, reject) => {
      if (options.signal?.aborted) {
        reject(new RouteFailure('cancelled', 'cancelled by the user', null));
        return;
      }
      const timer = setTimeout(
        () =>
          reject(
            new RouteFailure('unreachable', `no answer from ${options.host} on UDP ${port} within ${options.timeoutMs} ms`, UDP_SILENT_FIX),
          ),
        options.timeoutMs,
      );
      const onAbort = () => {
        clearTimeout(timer);
        reject(new RouteFailure('cancelled', 'cancelled by the user', null));
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      socket.on('message', (data) => {
        const decoded = tryDecodeUdpMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (!decoded.ok || !options.accept(decoded.message)) return;
        done();
        resolve(decoded.message);
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        done();
        reject(
          new RouteFailure(
            'unreachable',
            `UDP to ${options.host}:${port} failed (${error.code ?? error.message})`,
            'check the address and that this PC has an adapter in the target network',
          ),
        );
      });
      socket.send(options.payload, port, options.host);
    });
  } finally {
    socket.close();
  }
}

async function bindEphemeral(): Promise<Socket> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const socket = createSocket({ type: 'udp4' });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.removeListener('error', reject);
        resolve();
      });
    });
    // The OS may in theory hand out 48899 as an ephemeral port; a client must never hold it.
    if (socket.address().port !== UDP_SERVICE_PORT) return socket;
    socket.close();
  }
  throw new RouteFailure('internal', 'could not get an ephemeral UDP port', null);
}
