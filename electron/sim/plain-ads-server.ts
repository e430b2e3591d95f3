import { createServer, type Server } from 'node:net';
import { AmsStreamParser, encodeAmsTcpFrame, type AmsPacket } from '../../shared/protocol/ams';
import { answerAdsRequest } from './ads-responder';
import type { VirtualTargetConfig } from './config';
import { capConnections, ConnectionTracker, listen, peerOfSocket } from './connection-tracker';
import { serviceDelay } from './service-time';
import type { RouteTable } from './route-table';
import type { SimLog } from './sim-log';
import type { SystemService } from './system-service/index';

export interface PlainAdsDeps {
  config: VirtualTargetConfig;
  log: SimLog;
  routes: RouteTable;
  system: SystemService;
}

/** A silent peer or a flood must not pin sockets forever. */
const IDLE_TIMEOUT_MS = 60_000;

/**
 * TCP 48898, plain ADS with the 6-byte AMS/TCP prefix. Like a TwinCAT router it only talks to peers whose
 * source NetId has a route, and under SecureOnly it accepts connections but closes them straight away.
 */
export async function startPlainAdsServer(deps: PlainAdsDeps): Promise<{ port: number; close(): Promise<void> }> {
  const { config, log, routes, system } = deps;
  const tracker = new ConnectionTracker();
  const server: Server = createServer((socket) => {
    tracker.add(socket);
    const peer = peerOfSocket(socket);
    socket.on('error', () => undefined); // resets from hostile peers are expected; 'close' follows
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    if (config.secureOnly) {
      log.add({
        kind: 'connection-failed',
        transport: 'tcp',
        peer,
        reason: 'secure-only',
        message: 'plain ADS connection refused: SecureOnly is set',
      });
      socket.destroy();
      return;
    }
    const parser = new AmsStreamParser({ tcpPrefix: true });
    const session = system.openSession();
    socket.once('close', () => void system.closeSession(session));
    // Requests are answered one after the other, in order, as they may touch files and the route table.
    let queue: Promise<void> = Promise.resolve();
    const answer = async (packet: AmsPacket) => {
      if (socket.destroyed) return;
      if (!routes.hasNetId(packet.sourceNetId)) {
        log.add({
          kind: 'connection-failed',
          transport: 'tcp',
          peer,
          reason: 'no-route',
          message: `ADS request from ${packet.sourceNetId} refused: no route for this NetId`,
        });
        socket.destroy();
        return;
      }
      const { reply, closeAfter } = await answerAdsRequest(packet, { config, system, session });
      // The PLC's own turnaround; requests on one connection are answered in order, so delays add up like on a PLC.
      await serviceDelay(config.serviceTime.adsMs);
      if (reply && !socket.destroyed) socket.write(encodeAmsTcpFrame(reply));
      if (closeAfter) socket.end();
    };
    socket.on('data', (chunk: Buffer) => {
      let packets;
      try {
        packets = parser.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
      } catch (error) {
        log.add({
          kind: 'connection-failed',
          transport: 'tcp',
          peer,
          reason: 'bad-frame',
          message: `connection closed: ${error instanceof Error ? error.message : 'bad frame'}`,
        });
        socket.destroy();
        return;
      }
      for (const packet of packets) queue = queue.then(() => answer(packet)).catch(() => void socket.destroy());
    });
  });
  capConnections(server, config.maxConnections, (peer) =>
    log.add({
      kind: 'connection-failed',
      transport: 'tcp',
      peer,
      reason: 'too-many-connections',
      message: `connection refused: ${config.maxConnections} are open already`,
    }),
  );
  server.on('error', (error) => log.add({ kind: 'connection-failed', transport: 'tcp', reason: 'server-error', message: error.message }));
  await listen(server, config.address, config.ports.ads, 'ADS/TCP');
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : config.ports.ads,
    close: () => tracker.closeServer(server),
  };
}
