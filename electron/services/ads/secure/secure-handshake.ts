import type { Socket } from 'node:net';
import { RouteFailure } from '../route-failure';
import type { SecureTransport, TlsConnector } from './secure-transport';
import { serverTrustHook, type InspectOnly, type ServerTrust, type TrustOutcome } from './server-trust';
import { tlsFailure } from './tls-failure';

export interface HandshakeOptions {
  socket: Socket;
  host: string;
  port: number;
  timeoutMs: number;
  mode: 'ssc' | 'psk' | 'ca';
  clientCertificate?: { certPem: string; keyPem: string };
  psk?: { identity: string; key: Uint8Array };
  trust: ServerTrust | InspectOnly;
  /** Accept 1024-bit RSA server keys and DH groups outside RFC 7919 / RFC 3526 (old targets only). */
  legacyCrypto?: boolean;
  connector: TlsConnector;
  signal?: AbortSignal;
}

export interface HandshakeResult {
  transport: SecureTransport;
  trust: TrustOutcome;
}

/** Thrown when the handshake itself worked but the server's certificate failed our check. */
export class ServerTrustFailure extends RouteFailure {}

/**
 * TLS on an open socket with the server judged inside the handshake: a failed check rejects here and nothing of
 * ours (least of all credentials) has been sent as application data.
 */
export async function secureHandshake(options: HandshakeOptions): Promise<HandshakeResult> {
  const outcome: TrustOutcome = { fingerprint: null, commonName: null };
  const hook = serverTrustHook(options.trust, outcome);
  const caught: { trust: RouteFailure | null } = { trust: null };
  const onAbort = () => options.socket.destroy();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const transport = await options.connector({
      host: options.host,
      port: options.port,
      socket: options.socket,
      timeoutMs: options.timeoutMs,
      mode: options.mode === 'psk' ? 'psk' : 'certificate',
      clientCertificate: options.clientCertificate,
      psk: options.psk,
      ...(options.legacyCrypto ? { legacyCrypto: true } : {}),
      verifyServer: (chain) => {
        try {
          hook(chain);
        } catch (error) {
          caught.trust = error as RouteFailure;
          throw error;
        }
      },
    });
    return { transport, trust: outcome };
  } catch (error) {
    options.socket.destroy();
    if (options.signal?.aborted) throw new RouteFailure('cancelled', 'cancelled by the user', null);
    const failure = caught.trust;
    if (failure) throw new ServerTrustFailure(failure.code, failure.message, failure.fix);
    throw tlsFailure(error, { mode: options.mode, host: options.host, port: options.port });
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}
