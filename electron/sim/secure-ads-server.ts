import { constants } from 'node:crypto';
import { createServer as createNetServer } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { AmsStreamParser, encodeAmsPacket, type AmsPacket } from '../../shared/protocol/ams';
import { encodeTlsConnectInfo, TlsConnectFlag, TlsConnectInfoReader, type TlsConnectInfo } from '../../shared/protocol/tls-connect-info';
import { sha256Hex } from '../services/certificates/inspect';
import { answerAdsRequest } from './ads-responder';
import type { VirtualTargetConfig } from './config';
import { capConnections, ConnectionTracker, listen, peerOfSocket } from './connection-tracker';
import { afterServiceTime, serviceDelay } from './service-time';
import { pskKey } from './credentials';
import { FFDHE2048_PEM } from './dhparam';
import type { RouteTable, SimRoute } from './route-table';
import type { SimLog } from './sim-log';
import type { SystemService } from './system-service/index';
import { decideTlsConnect, type TlsPeer } from './tls-connect-policy';
import { gateClientHello } from './client-hello-gate';
import { pskHelloRefusal } from './psk-hello-policy';

/** TwinCAT's certificate-mode suites (Beckhoff AdsSecure sample README) and PSK suites. */
export const CERTIFICATE_CIPHERS = 'DHE-RSA-AES256-SHA256:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA';
export const PSK_CIPHERS = 'PSK-AES256-CBC-SHA384:PSK-AES128-CBC-SHA256:PSK-AES256-CBC-SHA:PSK-AES128-CBC-SHA';

const HANDSHAKE_TIMEOUT_MS = 5000;
const IDLE_TIMEOUT_MS = 60_000;

export interface SecureAdsDeps {
  config: VirtualTargetConfig;
  log: SimLog;
  routes: RouteTable;
  /** The certificate the server presents now (the SSC, or the CA-issued one in CA mode): asked again on every reload. */
  serverCertificate(): { certPem: string; keyPem: string };
  storeRoute(route: SimRoute): Promise<void>;
  system: SystemService;
}

export interface SecureAdsServer {
  port: number;
  /**
   * Takes the configuration as it is now (PSK identities, CA files): what a router re-initialising after
   * StaticRoutes.xml changed does. Handshakes that start afterwards get the new suites and certificate.
   */
  reload(): void;
  close(): Promise<void>;
}

/**
 * TCP 8016: TLS 1.2 only, TwinCAT's suites, mutual TLS without OpenSSL's own verification (the target decides
 * after reading the TlsConnectInfo), then AMS frames without the AMS/TCP prefix.
 */
export async function startSecureAdsServer(deps: SecureAdsDeps): Promise<SecureAdsServer> {
  const { config, log } = deps;
  const pskIdentities = new WeakMap<object, string>();
  const tracker = new ConnectionTracker();
  // The suites follow the configured identities: without any, TwinCAT offers no PSK suite at all.
  const secureContext = () => {
    const certificate = deps.serverCertificate();
    return {
      key: certificate.keyPem,
      cert: certificate.certPem,
      minVersion: 'TLSv1.2' as const,
      maxVersion: 'TLSv1.2' as const,
      ciphers: config.psk.length ? `${CERTIFICATE_CIPHERS}:${PSK_CIPHERS}` : CERTIFICATE_CIPHERS,
      honorCipherOrder: true,
      dhparam: FFDHE2048_PEM,
      secureOptions: constants.SSL_OP_NO_TICKET,
    };
  };
  const server = createServer({
    ...secureContext(),
    requestCert: true,
    rejectUnauthorized: false,
    handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
    // Always installed and looked up per handshake: the identities change when the router re-reads its file.
    pskCallback: (socket: TLSSocket, identity: string) => {
      const entry = config.psk.find((p) => p.identity.toUpperCase() === identity.toUpperCase());
      if (!entry) {
        log.add({
          kind: 'connection-failed',
          transport: 'tls',
          peer: peerOfSocket(socket),
          reason: 'unknown-psk-identity',
          message: `PSK identity "${printable(identity)}" is not configured`,
        });
        return null;
      }
      pskIdentities.set(socket, entry.identity);
      return pskKey(entry.identity, entry.secret);
    },
  });
  capConnections(server, config.maxConnections, (peer) =>
    log.add({
      kind: 'connection-failed',
      transport: 'tls',
      peer,
      reason: 'too-many-connections',
      message: `connection refused: ${config.maxConnections} are open already`,
    }),
  );

  server.on('tlsClientError', (error, socket) => {
    log.add({
      kind: 'connection-failed',
      transport: 'tls',
      peer: peerOfSocket(socket),
      reason: 'handshake',
      message: `TLS handshake failed: ${tlsErrorText(error)}`,
    });
    socket.destroy();
  });
  server.on('connection', (socket) => {
    tracker.add(socket);
    socket.on('error', () => undefined);
  });
  server.on('error', (error) => log.add({ kind: 'connection-failed', transport: 'tls', reason: 'server-error', message: error.message }));
  server.on('secureConnection', (socket: TLSSocket) => {
    socket.on('error', () => undefined);
    socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
    // Until handleSession listens, the socket is not flowing: the client's first bytes wait in its buffer.
    afterServiceTime(config.serviceTime.handshakeMs, () => {
      if (!socket.destroyed) handleSession(socket, deps, pskIdentities.get(socket));
    });
  });

  // The ClientHello is read before OpenSSL sees it: OpenSSL accepts EMS and encrypt-then-MAC in PSK mode, TwinCAT does not.
  const front = createNetServer((socket) => {
    if (!config.psk.length || config.pskAcceptEms) {
      server.emit('connection', socket);
      return;
    }
    socket.on('error', () => undefined);
    gateClientHello(
      socket,
      pskHelloRefusal,
      (accepted) => server.emit('connection', accepted),
      (reason) => {
        log.add({
          kind: 'connection-failed',
          transport: 'tls',
          peer: peerOfSocket(socket),
          reason: 'psk-extensions',
          message: `TLS handshake refused: ${reason}`,
        });
      },
    );
  });
  front.maxConnections = server.maxConnections;
  front.on('connection', (socket) => tracker.add(socket));
  front.on('error', (error) => log.add({ kind: 'connection-failed', transport: 'tls', reason: 'server-error', message: error.message }));

  await listen(front, config.address, config.ports.tls, 'Secure ADS');
  const address = front.address();
  return {
    port: typeof address === 'object' && address ? address.port : config.ports.tls,
    reload: () => server.setSecureContext(secureContext()),
    close: () => tracker.closeServer(front),
  };
}

function handleSession(socket: TLSSocket, deps: SecureAdsDeps, pskIdentity: string | undefined): void {
  const { config, log } = deps;
  const peer = peerOfSocket(socket);
  const reader = new TlsConnectInfoReader();
  let phase: 'connect-info' | 'deciding' | 'ams' | 'closed' = 'connect-info';
  let held: Uint8Array[] = [];
  const parser = new AmsStreamParser({ tcpPrefix: false });
  const session = deps.system.openSession();
  socket.once('close', () => void deps.system.closeSession(session));
  let queue: Promise<void> = Promise.resolve();
  const answer = async (packet: AmsPacket) => {
    if (socket.destroyed) return;
    const { reply, closeAfter } = await answerAdsRequest(packet, { config, system: deps.system, session });
    await serviceDelay(config.serviceTime.adsMs);
    if (reply && !socket.destroyed) socket.write(encodeAmsPacket(reply));
    if (closeAfter) {
      log.add({
        kind: 'connection-failed',
        transport: 'tls',
        peer,
        reason: 'route-removed',
        message: `connection closed: ${packet.sourceNetId} removed its own route`,
      });
      socket.end();
    }
  };

  const fail = (reason: string, message: string) => {
    phase = 'closed';
    log.add({ kind: 'connection-failed', transport: 'tls', peer, reason, message });
    socket.destroy();
  };

  const timer = setTimeout(() => {
    if (phase === 'connect-info') fail('connect-info-timeout', `no TlsConnectInfo within ${config.quirks.connectInfoTimeoutMs} ms`);
  }, config.quirks.connectInfoTimeoutMs);
  socket.once('close', () => clearTimeout(timer));

  const onAms = (chunk: Uint8Array) => {
    let packets;
    try {
      packets = parser.push(chunk);
    } catch (error) {
      fail('bad-frame', `AMS framing error: ${error instanceof Error ? error.message : 'bad frame'}`);
      return;
    }
    for (const packet of packets) queue = queue.then(() => answer(packet)).catch(() => void socket.destroy());
  };

  const decide = async (info: TlsConnectInfo) => {
    const tlsPeer = describePeer(socket, pskIdentity);
    const decision = decideTlsConnect(info, tlsPeer, config, deps.routes);
    if (decision.error !== 0 || !('route' in decision)) {
      const reason = 'reason' in decision ? decision.reason : 'refused';
      log.add({ kind: 'connection-failed', transport: 'tls', peer, reason, message: decision.message });
      phase = 'closed';
      socket.end(
        encodeTlsConnectInfo({ flags: TlsConnectFlag.Response, error: decision.error, netId: config.netId, hostname: config.name }),
      );
      return;
    }
    if (decision.route) {
      try {
        await deps.storeRoute(decision.route);
      } catch (error) {
        fail('store-failed', `route could not be stored: ${error instanceof Error ? error.message : 'error'}`);
        return;
      }
    }
    if (socket.destroyed) return;
    log.add({ kind: 'connection-accepted', transport: 'tls', peer, message: decision.message });
    socket.write(
      encodeTlsConnectInfo({ flags: TlsConnectFlag.Response | TlsConnectFlag.AmsAllowed, netId: config.netId, hostname: config.name }),
    );
    phase = 'ams';
    const pending = held;
    held = [];
    for (const chunk of pending) onAms(chunk);
  };

  socket.on('data', (data: Buffer) => {
    const chunk = new Uint8Array(data.buffer, data.byteOffset, data.length);
    if (phase === 'ams') return onAms(chunk);
    if (phase === 'deciding') {
      held.push(chunk.slice());
      return;
    }
    if (phase !== 'connect-info') return;
    let got;
    try {
      got = reader.push(chunk);
    } catch (error) {
      fail('bad-connect-info', `invalid TlsConnectInfo: ${error instanceof Error ? error.message : 'unreadable'}`);
      return;
    }
    if (!got) return;
    clearTimeout(timer);
    phase = 'deciding';
    if (got.rest.length) held.push(got.rest);
    void decide(got.info);
  });
}

function describePeer(socket: TLSSocket, pskIdentity: string | undefined): TlsPeer {
  const cipher = socket.getCipher();
  const isPsk = /(^|-)PSK-/.test(cipher.name) || cipher.standardName.includes('_PSK_');
  const chainDer: Uint8Array[] = [];
  if (!isPsk) {
    let cert = socket.getPeerCertificate(true) as { raw?: Buffer; issuerCertificate?: unknown } | null;
    const seen = new Set<string>();
    while (cert && cert.raw && chainDer.length < 8) {
      const fp = sha256Hex(cert.raw);
      if (seen.has(fp)) break; // a self-signed certificate is its own issuer
      seen.add(fp);
      chainDer.push(new Uint8Array(cert.raw));
      cert = cert.issuerCertificate ?? null;
    }
  }
  const leaf = chainDer[0];
  return {
    suite: isPsk ? 'psk' : 'certificate',
    ...(pskIdentity ? { pskIdentity } : {}),
    chainDer,
    ...(leaf ? { fingerprint: sha256Hex(leaf) } : {}),
    ip: (socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
  };
}

/** Identities come from the network: keep log lines printable and short. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 64);
}

function tlsErrorText(error: Error): string {
  const code = (error as { code?: unknown }).code;
  const reason = (error as { reason?: unknown }).reason;
  return [typeof code === 'string' ? code : null, typeof reason === 'string' ? reason : error.message].filter(Boolean).join(': ');
}
