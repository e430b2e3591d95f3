import { connectSecureAdsTcp } from './secure-ads-tcp';
import { createSelfSignedCertificate, describeCertificate } from '../../certificates/index';
import { RouteFailure } from '../route-failure';
import { secureHandshake } from './secure-handshake';
import type { TlsConnector } from './secure-transport';
import type { ResponseOf } from '../../../../shared/ipc/contract';

export type ServerCertificateResult = ResponseOf<'secure:server-certificate'>;
export type ServerCertificateSummary = ServerCertificateResult['certificate'];

let throwaway: { certPem: string; keyPem: string } | null = null;

/**
 * A throwaway client certificate for looking only: TwinCAT asks for one in the handshake, and the PC's real identity
 * should not be shown to a target the user has not decided to trust yet.
 */
function probeCertificate(): { certPem: string; keyPem: string } {
  throwaway ??= createSelfSignedCertificate({ commonName: 'ADS Route Studio probe' });
  return throwaway;
}

/**
 * Fetches the target's certificate from a live handshake and hangs up: no TlsConnectInfo, no credentials. The result
 * is unverified by nature; it is what the user compares with "About TwinCAT" on the target.
 */
export async function fetchServerCertificate(options: {
  host: string;
  port: number;
  timeoutMs: number;
  connector: TlsConnector;
  signal?: AbortSignal;
  legacyCrypto?: boolean;
}): Promise<ServerCertificateResult> {
  const socket = await connectSecureAdsTcp(options);
  const start = performance.now();
  const { transport } = await secureHandshake({
    socket,
    host: options.host,
    port: options.port,
    timeoutMs: options.timeoutMs,
    mode: 'ssc',
    clientCertificate: probeCertificate(),
    trust: { kind: 'inspect-only' },
    legacyCrypto: options.legacyCrypto,
    connector: options.connector,
    signal: options.signal,
  });
  const handshakeMs = Math.round(performance.now() - start);
  try {
    const leaf = transport.peerCertificateChain[0];
    if (!leaf) throw new RouteFailure('cert-untrusted', 'the target sent no certificate', null);
    const d = describeCertificate(leaf);
    return {
      certificate: {
        fingerprint: d.fingerprint,
        subject: d.subject,
        issuer: d.issuer,
        notBefore: d.notBefore,
        notAfter: d.notAfter,
        selfSigned: d.selfSigned,
      },
      cipherSuite: transport.cipherSuite.name,
      handshakeMs,
    };
  } finally {
    await transport.end().catch(() => undefined);
    transport.destroy();
  }
}
