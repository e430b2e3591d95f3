import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAmsTcpFrame, readStateRequest } from '../../shared/protocol/ams';
import { resolveTargetConfig, SimConfigError } from './config';
import { startVirtualTarget, type VirtualTarget } from './virtual-target';

// Loopback block 127.0.49.x belongs to this file.
const targets: VirtualTarget[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(targets.splice(0).map((t) => t.stop()));
});

function open(port: number, address: string): Promise<{ socket: Socket; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    sockets.push(socket);
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, closed }));
    socket.once('error', reject);
  });
}

describe('virtual target exposure', () => {
  it('refuses an address or broadcast address outside 127.0.0.0/8 unless LAN use is allowed', () => {
    for (const input of [
      { address: '192.168.1.50' },
      { address: '10.0.0.7' },
      { address: '127.0.49.1', broadcastAddresses: ['255.255.255.255'] },
    ]) {
      expect(() => resolveTargetConfig(input)).toThrow(SimConfigError);
      expect(() => resolveTargetConfig(input)).toThrow(/outside 127\.0\.0\.0\/8.*--allow-lan/);
      expect(resolveTargetConfig({ ...input, allowLan: true }).allowLan).toBe(true);
    }
    expect(resolveTargetConfig({ address: '127.0.49.1', broadcastAddresses: ['127.255.255.255'] }).allowLan).toBe(false);
  });

  it('caps connections per listener: one more is closed at once and logged, and fits again once another closes', async () => {
    const target = await startVirtualTarget({
      name: 'CAP',
      address: '127.0.49.2',
      tls: false,
      maxConnections: 2,
      ports: { udp: 0, ads: 0, tls: 0 },
    });
    targets.push(target);
    const port = target.ports.ads!;
    const first = await open(port, target.address);
    await open(port, target.address);
    const third = await open(port, target.address);
    await third.closed;
    expect(target.log().filter((e) => e.reason === 'too-many-connections')).toHaveLength(1);
    first.socket.destroy();
    await first.closed;
    // An accepted connection gets its frames read: a request from a NetId without a route is answered by a hang-up.
    await expect
      .poll(async () => {
        const next = await open(port, target.address);
        next.socket.write(encodeAmsTcpFrame(readStateRequest({ target: target.netId, source: '9.9.9.9.1.1', invokeId: 1 })));
        await next.closed;
        return target.log().some((e) => e.reason === 'no-route');
      })
      .toBe(true);
  });
});
