import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIPv4 } from 'node:net';
import {
  ADD_ROUTE_MISSING_DATA,
  DEFAULT_AMS_PORT,
  RESPONSE_BIT,
  UDP_MAGIC,
  ADD_ROUTE_WRONG_CREDENTIALS,
  encodeAddRouteReply,
  encodeDiscoveryReply,
  interpretAddRouteRequest,
  tryDecodeUdpMessage,
  UdpService,
  type UdpMessage,
} from '../../shared/protocol/udp48899';
import { parseNetId } from '../../shared/protocol/netid';
import { encodeOsBlob } from '../../shared/protocol/os-version';
import { parseTwinCatVersion } from '../../shared/protocol/twincat-version';
import type { VirtualTargetConfig } from './config';
import { credentialsMatch } from './credentials';
import { osBlobFields } from './os-presets';
import type { SimRoute } from './route-table';
import { afterServiceTime } from './service-time';
import type { SimLog } from './sim-log';
import { subnetBroadcastOf } from './subnet-broadcast';

/** ADSERR_DEVICE_ERROR-like "internal error" when a route cannot be persisted. */
const ADS_ERR_INTERNAL = 0x1;

export interface UdpServiceDeps {
  config: VirtualTargetConfig;
  log: SimLog;
  /** Tag 0x12; null when TLS listening is off (then the target does not advertise Secure ADS). */
  fingerprint: string | null;
  storeRoute(route: SimRoute): Promise<void>;
}

export interface UdpService48899 {
  close(): Promise<void>;
}

export type AddRouteDecision =
  | { status: 0; route: SimRoute }
  | { status: number; reason: 'missing-data' | 'wrong-credentials' | 'encrypted-credentials'; message: string };

/** What the target does with an add-route request; pure so it can be tested alone. */
export function decideAddRoute(msg: UdpMessage, config: VirtualTargetConfig): AddRouteDecision {
  const req = interpretAddRouteRequest(msg);
  const plainCredentials = req.user !== null && req.password !== null;
  if (!plainCredentials && req.encryptedCredentials) {
    // XAE's 0x0E/0x0F blobs use an unpublished key: we cannot check them (status configurable, see SimQuirks).
    return {
      status: config.quirks.encryptedCredentialsStatus,
      reason: 'encrypted-credentials',
      message: 'add route with encrypted credentials (tags 0x0E/0x0F) cannot be checked',
    };
  }
  const missing = [
    req.routeName === null || req.routeName === '' ? 'route name (0x0C)' : null,
    req.netId === null ? 'NetId (7)' : null,
    req.address === null || req.address === '' ? 'address (5)' : null,
    req.user === null ? 'user name (0x0D)' : null,
    req.password === null ? 'password (2)' : null,
  ].filter((m): m is string => m !== null);
  if (missing.length || req.routeName === null || req.netId === null || req.address === null) {
    return { status: ADD_ROUTE_MISSING_DATA, reason: 'missing-data', message: `add route refused: missing ${missing.join(', ')}` };
  }
  if (!credentialsMatch(config, req.user ?? '', req.password ?? '')) {
    return {
      status: ADD_ROUTE_WRONG_CREDENTIALS,
      reason: 'wrong-credentials',
      message: `add route "${req.routeName}" (${req.netId}) refused: wrong user name or password`,
    };
  }
  const route: SimRoute = {
    name: req.routeName,
    address: req.address,
    netId: req.netId,
    type: 'TCP_IP',
    flags: isIPv4(req.address) ? config.quirks.routeFlagsIp : config.quirks.routeFlagsHostName,
    temporary: req.temporary,
  };
  if (req.maxFragment !== null) route.maxFragment = req.maxFragment;
  return { status: 0, route };
}

/**
 * UDP 48899: discovery and add route. Replies always leave from the socket bound to our own address, so a
 * requester sees the target's unicast address even when it asked by broadcast.
 */
export async function startUdpService(deps: UdpServiceDeps): Promise<UdpService48899> {
  const { config, log } = deps;
  const osBlob = encodeOsBlob(osBlobFields(config.os, config.osBuild));
  const twincat = parseTwinCatVersion(config.twincat);
  const sockets: Socket[] = [];
  const close = async () => {
    await Promise.all(
      sockets.map(
        (s) =>
          new Promise<void>((resolve) => {
            try {
              s.close(() => resolve());
            } catch {
              resolve(); // already closed
            }
          }),
      ),
    );
  };

  const main = await bindSocket(config.address, config.ports.udp).catch((error: unknown) => {
    throw new Error(`UDP ${config.address}:${config.ports.udp}: ${describeBindError(error)}`);
  });
  sockets.push(main);
  try {
    for (const broadcast of new Set([...config.broadcastAddresses])) {
      const extra = await bindSocket(broadcast, config.ports.udp).catch((error: unknown) => {
        throw new Error(`UDP broadcast ${broadcast}:${config.ports.udp}: ${describeBindError(error)}`);
      });
      sockets.push(extra);
    }
  } catch (error) {
    await close();
    throw error;
  }
  // Real TwinCAT hears its subnet's broadcast on every interface; one the user did not ask for may be taken by
  // another target on the same subnet, which is logged rather than fatal.
  const subnet = config.subnetBroadcast ? subnetBroadcastOf(config.address) : null;
  if (subnet && !config.broadcastAddresses.includes(subnet)) {
    try {
      sockets.push(await bindSocket(subnet, config.ports.udp));
    } catch (error) {
      log.add({
        kind: 'datagram-ignored',
        transport: 'udp',
        reason: 'broadcast-bind',
        message: `subnet broadcast ${subnet}:${config.ports.udp} not received: ${describeBindError(error)}`,
      });
    }
  }

  const reply = (bytes: Uint8Array, to: RemoteInfo) => {
    main.send(bytes, to.port, to.address, (error) => {
      if (error)
        log.add({
          kind: 'datagram-ignored',
          transport: 'udp',
          peer: peerOf(to),
          reason: 'send-failed',
          message: `reply not sent: ${error.message}`,
        });
    });
  };

  const onMessage = (data: Buffer, from: RemoteInfo) => {
    const decoded = tryDecodeUdpMessage(new Uint8Array(data.buffer, data.byteOffset, data.length));
    if (!decoded.ok) {
      log.add({
        kind: 'datagram-ignored',
        transport: 'udp',
        peer: peerOf(from),
        reason: decoded.error.code,
        message: `malformed datagram ignored: ${decoded.error.message}`,
      });
      return;
    }
    const msg = decoded.message;
    // Other targets' replies (bit 31 set) arrive on shared broadcast sockets: never answer them.
    if (msg.response) return;
    const invokeId = config.quirks.echoInvokeId ? msg.invokeId : 0;
    if (msg.service === UdpService.Discovery) {
      log.add({ kind: 'discovery', transport: 'udp', peer: peerOf(from), message: 'discovery request answered' });
      reply(
        encodeDiscoveryReply({ invokeId, netId: config.netId, hostname: config.name, os: osBlob, twincat, fingerprint: deps.fingerprint }),
        from,
      );
      return;
    }
    if (msg.service === UdpService.AddRoute) {
      void handleAddRoute(msg, from, invokeId);
      return;
    }
    if (config.quirks.answerUnknownServices) {
      reply(encodeServiceEcho(msg.service, invokeId, config.netId), from);
    }
    log.add({
      kind: 'datagram-ignored',
      transport: 'udp',
      peer: peerOf(from),
      reason: 'unknown-service',
      message: `service 0x${msg.service.toString(16)} not supported`,
    });
  };

  const handleAddRoute = async (msg: UdpMessage, from: RemoteInfo, invokeId: number) => {
    let decision: AddRouteDecision;
    try {
      decision = decideAddRoute(msg, config);
    } catch (error) {
      log.add({
        kind: 'datagram-ignored',
        transport: 'udp',
        peer: peerOf(from),
        reason: 'bad-request',
        message: `add route ignored: ${error instanceof Error ? error.message : 'invalid'}`,
      });
      return;
    }
    let status = decision.status;
    if ('route' in decision) {
      try {
        await deps.storeRoute(decision.route);
      } catch (error) {
        status = ADS_ERR_INTERNAL;
        log.add({
          kind: 'route-refused',
          transport: 'udp',
          peer: peerOf(from),
          reason: 'store-failed',
          message: `route could not be stored: ${error instanceof Error ? error.message : 'error'}`,
        });
      }
    } else {
      log.add({ kind: 'route-refused', transport: 'udp', peer: peerOf(from), reason: decision.reason, message: decision.message });
    }
    const answer = encodeAddRouteReply({ invokeId, netId: config.netId, status });
    afterServiceTime(config.serviceTime.adsMs, () => {
      try {
        reply(answer, from);
      } catch {
        // The target was stopped while this answer waited: nobody is there to send it.
      }
    });
  };

  for (const socket of sockets) {
    socket.on('message', onMessage);
    // A socket error (e.g. ICMP-driven) must never take the target down.
    socket.on('error', (error) => log.add({ kind: 'datagram-ignored', transport: 'udp', reason: 'socket-error', message: error.message }));
  }
  return { close };
}

/** PLC4X reports targets answer unknown services with a tag-less reply (L); only sent when the quirk is on. */
function encodeServiceEcho(service: number, invokeId: number, netId: string): Uint8Array {
  const out = new Uint8Array(24);
  const view = new DataView(out.buffer);
  view.setUint32(0, UDP_MAGIC, true);
  view.setUint32(4, invokeId >>> 0, true);
  view.setUint32(8, (service | RESPONSE_BIT) >>> 0, true);
  out.set(parseNetId(netId), 12);
  view.setUint16(18, DEFAULT_AMS_PORT, true);
  return out;
}

function bindSocket(address: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    const fail = (error: Error) => {
      socket.close();
      reject(error);
    };
    socket.once('error', fail);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

function describeBindError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'EADDRNOTAVAIL') return 'address not available on this host (add it to an interface or use a 127.x address)';
  if (code === 'EADDRINUSE') return 'port already in use';
  if (code === 'EACCES') return 'permission denied';
  return error instanceof Error ? error.message : String(error);
}

function peerOf(from: RemoteInfo): string {
  return `${from.address}:${from.port}`;
}
