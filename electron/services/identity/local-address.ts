import { createSocket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import { listAdapters } from '../network/adapters';

/**
 * The local IPv4 address the OS would use to reach `target`. A connected UDP socket makes the kernel choose the route
 * without sending a single packet.
 */
export async function localAddressFor(target: string): Promise<string | null> {
  if (!isIPv4(target)) return null;
  const socket = createSocket('udp4');
  try {
    return await new Promise<string | null>((resolve) => {
      socket.once('error', () => resolve(null));
      // Port 9 (discard) is only used to pick a route; connect() on UDP transmits nothing.
      socket.connect(9, target, () => {
        try {
          resolve(socket.address().address);
        } catch {
          resolve(null);
        }
      });
    });
  } finally {
    socket.close();
  }
}

export function firstNonLoopbackAddress(): string | null {
  return listAdapters().find((a) => !a.loopback && !a.linkLocal)?.address ?? listAdapters()[0]?.address ?? null;
}

/** TwinCAT's convention: the adapter's IPv4 address plus ".1.1". */
export function netIdForAddress(address: string): string {
  return `${address}.1.1`;
}
