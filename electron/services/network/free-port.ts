import { createSocket } from 'node:dgram';

/**
 * A UDP port the kernel says is free on `address` right now, for virtual targets in tests and benchmarks that must
 * not take 48899 (a local TwinCAT router may own it). Another process could take it before it is used again: only for
 * loopback addresses our own tests and benchmarks hold.
 */
export async function freeUdpPort(address: string): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind({ address, port: 0 }, resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}
