import { connect as tlsConnect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { connect as netConnect, type Socket } from 'node:net';
import { constants } from 'node:crypto';
import { TlsError } from '../services/ads/secure/tls/tls-error';
import { ALL_SUITES } from '../services/ads/secure/tls/cipher-suites';
import type { SecureConnectOptions, SecureTransport, TlsConnector } from '../services/ads/secure/secure-transport';
import { socketStream } from '../services/ads/transport/tcp-stream';

/**
 * Secure ADS over Node's own `tls` (OpenSSL). Electron's BoringSSL has no DHE, so the product uses the engine in
 * ./tls; this adapter is the independent baseline the benchmark compares against, configured like TwinCAT clients.
 */
const CERT_CIPHERS = 'DHE-RSA-AES256-SHA256:DHE-RSA-AES128-SHA256:DHE-RSA-AES256-SHA:DHE-RSA-AES128-SHA';
const PSK_CIPHERS = 'PSK-AES256-CBC-SHA384:PSK-AES128-CBC-SHA256:PSK-AES256-CBC-SHA:PSK-AES128-CBC-SHA';
// OpenSSL 3's SSL_OP_NO_EXTENDED_MASTER_SECRET; Node does not export it.
const SSL_OP_NO_EXTENDED_MASTER_SECRET = 0x1;

export const connectNodeTls: TlsConnector = async (options) => {
  const socket = options.socket ?? (await openSocket(options));
  return new Promise<SecureTransport>((resolve, reject) => {
    const timeoutMs = options.timeoutMs ?? 10_000;
    let settled = false;
    const tls: TLSSocket = tlsConnect({
      socket,
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: options.mode === 'psk' ? PSK_CIPHERS : CERT_CIPHERS,
      secureOptions: constants.SSL_OP_NO_TICKET | constants.SSL_OP_NO_ENCRYPT_THEN_MAC | SSL_OP_NO_EXTENDED_MASTER_SECRET,
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ...(options.mode === 'psk' && options.psk
        ? { pskCallback: () => ({ identity: options.psk!.identity, psk: Buffer.from(options.psk!.key) }) }
        : { cert: options.clientCertificate?.certPem, key: options.clientCertificate?.keyPem }),
    });
    const timer = setTimeout(() => fail(new TlsError('timeout', `TLS handshake did not finish within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tls.destroy();
      socket.destroy();
      reject(error);
    };
    tls.once('error', (error: NodeJS.ErrnoException) => fail(nodeTlsError(error)));
    tls.once('close', () => fail(new TlsError('connection-closed', 'the server closed the connection during the handshake')));
    tls.once('secureConnect', () => {
      void (async () => {
        const chain = peerChain(tls);
        try {
          // As in the engine, the check runs on a certificate the server sent; a PSK suite sends none.
          if (chain.length > 0) await options.verifyServer?.(chain);
        } catch (error) {
          fail(error instanceof Error ? error : new TlsError('certificate-rejected', String(error)));
          return;
        }
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        tls.removeAllListeners('error');
        tls.removeAllListeners('close');
        resolve(wrap(tls, chain));
      })();
    });
  });
};

function openSocket(options: SecureConnectOptions): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host: options.host, port: options.port });
    socket.once('connect', () => resolve(socket));
    socket.once('error', (error: NodeJS.ErrnoException) => reject(nodeTlsError(error)));
  });
}

function wrap(tls: TLSSocket, chain: Uint8Array[]): SecureTransport {
  const stream = socketStream(tls);
  const name = tls.getCipher().name;
  const id = ALL_SUITES.find((s) => s.name === name)?.id ?? 0;
  return {
    cipherSuite: { id, name },
    peerCertificateChain: chain,
    write: stream.write,
    read: stream.read,
    end: () => new Promise<void>((resolve) => tls.end(() => resolve())),
    destroy: () => stream.destroy(),
  };
}

function peerChain(tls: TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = [];
  let cert: PeerCertificate | undefined = tls.getPeerCertificate(true);
  const seen = new Set<string>();
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    chain.push(new Uint8Array(cert.raw));
    cert = (cert as { issuerCertificate?: PeerCertificate }).issuerCertificate;
  }
  return chain;
}

/** OpenSSL reports alerts as text ("... tlsv1 alert unknown ca"); the alert name is what callers branch on. */
function nodeTlsError(error: NodeJS.ErrnoException): TlsError {
  if (error instanceof TlsError) return error;
  if (error.code === 'ECONNREFUSED') return new TlsError('connection-refused', 'connection refused');
  if (error.code === 'EHOSTUNREACH' || error.code === 'ENETUNREACH') return new TlsError('unreachable', 'host unreachable');
  const alert = /alert ([a-z ]+?)(?:\s*$|:)/i.exec(error.message)?.[1]?.trim().replace(/ /g, '_');
  if (alert) return new TlsError('alert-received', `the server sent TLS alert ${alert}`, alert);
  if (error.code === 'ECONNRESET' || /socket hang up/.test(error.message)) {
    return new TlsError('connection-closed', 'the server closed the connection during the handshake');
  }
  if (/no cipher|no shared cipher|NO_CIPHER/i.test(error.message)) return new TlsError('unsupported-suite', 'no common cipher suite');
  if (/dh key too small|DH_KEY_TOO_SMALL/i.test(error.message)) return new TlsError('dh-params', 'the server offered a too-small DH group');
  return new TlsError('handshake-failure', `TLS handshake failed (${error.code ?? 'unknown'})`);
}
