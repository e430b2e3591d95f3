import { ADS_TCP_PORT } from '../ads/plain/plain-ads';
import { CA_FLAGS, PSK_FLAGS, SSC_FOLLOW_UP_FLAGS } from '../ads/secure/connect-info';
import { engineConnector } from '../ads/secure/default-connector';
import { openSecureSession, SECURE_ADS_PORT } from '../ads/secure/secure-session';
import type { TlsConnector } from '../ads/secure/secure-transport';
import type { ServerTrust } from '../ads/secure/server-trust';
import { AmsChannel } from '../ads/transport/ams-channel';
import { connectTcp, socketStream } from '../ads/transport/tcp-stream';
import { SystemServiceClient } from './client';

/** How to reach the target's system service over a route that already exists. */
export type SystemConnectionSecurity =
  | { mode: 'none' }
  /** This PC's client certificate with a SelfSigned-only TlsConnectInfo; the target's certificate must match. */
  | { mode: 'ssc'; clientCertificate: { certPem: string; keyPem: string }; fingerprint: string }
  | { mode: 'psk'; psk: { identity: string; key: Uint8Array } }
  | { mode: 'ca'; clientCertificate: { certPem: string; keyPem: string }; caPem: string[]; routeName: string; ignoreCn: boolean };

export interface SystemConnectionOptions {
  /** IP or host name of the target. */
  host: string;
  targetNetId: string;
  localNetId: string;
  /** This PC's host name, sent in the TlsConnectInfo. */
  hostname: string;
  security: SystemConnectionSecurity;
  /** TCP port: 48898 (plain) or 8016 (Secure ADS) unless given. */
  port?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  connector?: TlsConnector;
}

export const DEFAULT_SYSTEM_TIMEOUT_MS = 5000;

/**
 * Opens plain ADS (TCP 48898) or Secure ADS (TCP 8016) to the target and returns a client for its system service.
 * Connection failures (refused, TLS, fingerprint, TlsConnectInfo refusal) reject with RouteFailure, which carries a
 * fix; the connection is never left open on failure. Close the client when done.
 */
export async function openSystemService(options: SystemConnectionOptions): Promise<SystemServiceClient> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SYSTEM_TIMEOUT_MS;
  const security = options.security;
  if (security.mode === 'none') {
    const port = options.port ?? ADS_TCP_PORT;
    const socket = await connectTcp({
      host: options.host,
      port,
      timeoutMs,
      signal: options.signal,
      service: 'ADS',
      refusedFix: `TCP ${port} refused: plain ADS disabled (SecureOnly / DisableAdsTcpListening) or blocked by a firewall on the target`,
    });
    const channel = new AmsChannel(socketStream(socket), { tcpPrefix: true, localNetId: options.localNetId });
    return new SystemServiceClient(channel, options.targetNetId, options.localNetId, timeoutMs);
  }
  const port = options.port ?? SECURE_ADS_PORT;
  const base = {
    host: options.host,
    port,
    timeoutMs,
    connector: options.connector ?? engineConnector,
    signal: options.signal,
    localNetId: options.localNetId,
  };
  const session =
    security.mode === 'ssc'
      ? await openSecureSession({
          ...base,
          mode: 'ssc',
          clientCertificate: security.clientCertificate,
          trust: { kind: 'fingerprint', expected: security.fingerprint },
          connectInfo: { flags: SSC_FOLLOW_UP_FLAGS, netId: options.localNetId, hostname: options.hostname },
        })
      : security.mode === 'psk'
        ? await openSecureSession({
            ...base,
            mode: 'psk',
            psk: security.psk,
            trust: { kind: 'none' },
            connectInfo: { flags: PSK_FLAGS, netId: options.localNetId, hostname: options.hostname },
          })
        : await openSecureSession({
            ...base,
            mode: 'ca',
            clientCertificate: security.clientCertificate,
            trust: { kind: 'ca', caPem: security.caPem, routeName: security.routeName, ignoreCn: security.ignoreCn } satisfies ServerTrust,
            connectInfo: { flags: CA_FLAGS, netId: options.localNetId, hostname: options.hostname },
          });
  return new SystemServiceClient(session.ams, options.targetNetId, options.localNetId, timeoutMs, () => session.close());
}
