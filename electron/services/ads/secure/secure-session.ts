import { connectSecureAdsTcp } from './secure-ads-tcp';
import type { TlsConnectInfo, TlsConnectInfoInput } from '../../../../shared/protocol/tls-connect-info';
import { AmsChannel } from '../transport/ams-channel';
import { exchangeConnectInfo } from './connect-info';
import { secureHandshake, type HandshakeOptions } from './secure-handshake';
import type { SecureTransport } from './secure-transport';
import type { ServerTrust } from './server-trust';

export const SECURE_ADS_PORT = 8016;

export interface SecureSessionOptions extends Omit<HandshakeOptions, 'socket' | 'trust'> {
  /** A session sends a TlsConnectInfo, so its server is always judged: never inspect-only. */
  trust: ServerTrust;
  connectInfo: TlsConnectInfoInput;
  localNetId: string;
}

export interface SecureSession {
  transport: SecureTransport;
  fingerprint: string | null;
  response: TlsConnectInfo;
  ams: AmsChannel;
  timings: { connectMs: number; tlsMs: number; connectInfoMs: number };
  close(): void;
}

/** TCP, TLS with the server check, TlsConnectInfo, then an AMS channel without the AMS/TCP prefix. */
export async function openSecureSession(options: SecureSessionOptions): Promise<SecureSession> {
  const t0 = performance.now();
  const socket = await connectSecureAdsTcp(options);
  const t1 = performance.now();
  const { transport, trust } = await secureHandshake({ ...options, socket });
  const t2 = performance.now();
  try {
    const { response, rest } = await exchangeConnectInfo(transport, options.connectInfo, options.timeoutMs);
    const t3 = performance.now();
    const ams = new AmsChannel(transport, { tcpPrefix: false, localNetId: options.localNetId, initial: rest });
    return {
      transport,
      fingerprint: trust.fingerprint,
      response,
      ams,
      timings: { connectMs: t1 - t0, tlsMs: t2 - t1, connectInfoMs: t3 - t2 },
      close: () => ams.close(),
    };
  } catch (error) {
    transport.destroy();
    throw error;
  }
}
