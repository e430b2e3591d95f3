import { connectSecureAdsTcp } from './secure/secure-ads-tcp';
import type { DiscoveryInfo } from '../../../shared/protocol/udp48899';
import { UDP_SERVICE_PORT } from '../../../shared/protocol/udp48899';
import { ADS_TCP_PORT } from './plain/plain-ads';
import { RouteFailure } from './route-failure';
import { secureHandshake } from './secure/secure-handshake';
import { SECURE_ADS_PORT } from './secure/secure-session';
import type { TlsConnector } from './secure/secure-transport';
import { fetchServerCertificate, type ServerCertificateSummary } from './secure/server-certificate';
import { connectTcp } from './transport/tcp-stream';
import { discoverHost } from './udp/udp-discover';

export interface ProbeError {
  code: string;
  message: string;
  fix: string | null;
}

export interface ProbeReport {
  host: string;
  udp: {
    port: number;
    ok: boolean;
    ms: number;
    hostname?: string;
    netId?: string;
    twincat?: string | null;
    os?: string | null;
    fingerprint?: string | null;
    error?: ProbeError;
  };
  ads: { port: number; ok: boolean; ms: number; error?: ProbeError };
  tls: {
    port: number;
    ok: boolean;
    ms: number;
    mode: 'certificate' | 'psk';
    cipherSuite?: string;
    /** Never verified by a probe: compare the fingerprint out of band before trusting it. */
    certificate?: ServerCertificateSummary & { verified: false };
    error?: ProbeError;
  };
}

export interface ProbeOptions {
  host: string;
  ports?: { udp?: number; ads?: number; tls?: number };
  timeoutMs: number;
  connector: TlsConnector;
  localNetId: string;
  psk?: { identity: string; key: Uint8Array };
  /** Accept what only old targets use (1024-bit RSA keys, non-standard DH groups); see the TLS engine's options. */
  legacyCrypto?: boolean;
  signal?: AbortSignal;
}

/** What a target offers, checked in parallel: UDP 48899 discovery, TCP 48898, TCP 8016 with a TLS handshake. */
export async function probeTarget(options: ProbeOptions): Promise<ProbeReport> {
  const ports = {
    udp: options.ports?.udp ?? UDP_SERVICE_PORT,
    ads: options.ports?.ads ?? ADS_TCP_PORT,
    tls: options.ports?.tls ?? SECURE_ADS_PORT,
  };
  const [udp, ads, tls] = await Promise.all([probeUdp(options, ports.udp), probeAds(options, ports.ads), probeTls(options, ports.tls)]);
  return { host: options.host, udp, ads, tls };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value?: T; error?: ProbeError; ms: number }> {
  const start = performance.now();
  try {
    const value = await work();
    return { value, ms: Math.round(performance.now() - start) };
  } catch (error) {
    const e =
      error instanceof RouteFailure ? error : new RouteFailure('internal', error instanceof Error ? error.message : String(error), null);
    return { error: { code: e.code, message: e.message, fix: e.fix }, ms: Math.round(performance.now() - start) };
  }
}

async function probeUdp(options: ProbeOptions, port: number): Promise<ProbeReport['udp']> {
  const r = await timed<DiscoveryInfo>(() =>
    discoverHost({ host: options.host, port, localNetId: options.localNetId, timeoutMs: options.timeoutMs, signal: options.signal }),
  );
  if (!r.value) return { port, ok: false, ms: r.ms, error: r.error };
  const info = r.value;
  return {
    port,
    ok: true,
    ms: r.ms,
    hostname: info.hostname,
    netId: info.netId,
    twincat: info.twincat?.text ?? null,
    os: info.os?.text ?? null,
    fingerprint: info.fingerprint,
  };
}

async function probeAds(options: ProbeOptions, port: number): Promise<ProbeReport['ads']> {
  const r = await timed(async () => {
    const socket = await connectTcp({
      host: options.host,
      port,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      service: 'ADS',
      refusedFix: `TCP ${port} refused: plain ADS disabled or blocked by a firewall on the target`,
    });
    socket.destroy();
  });
  return r.error ? { port, ok: false, ms: r.ms, error: r.error } : { port, ok: true, ms: r.ms };
}

async function probeTls(options: ProbeOptions, port: number): Promise<ProbeReport['tls']> {
  if (options.psk) {
    const psk = options.psk;
    const r = await timed(async () => {
      const socket = await connectSecureAdsTcp({ host: options.host, port, timeoutMs: options.timeoutMs, signal: options.signal });
      const { transport } = await secureHandshake({
        socket,
        host: options.host,
        port,
        timeoutMs: options.timeoutMs,
        mode: 'psk',
        psk,
        trust: { kind: 'none' },
        connector: options.connector,
        signal: options.signal,
      });
      const suite = transport.cipherSuite.name;
      await transport.end().catch(() => undefined);
      transport.destroy();
      return suite;
    });
    return r.error
      ? { port, ok: false, ms: r.ms, mode: 'psk', error: r.error }
      : { port, ok: true, ms: r.ms, mode: 'psk', cipherSuite: r.value };
  }
  const r = await timed(() =>
    fetchServerCertificate({
      host: options.host,
      port,
      timeoutMs: options.timeoutMs,
      connector: options.connector,
      signal: options.signal,
      legacyCrypto: options.legacyCrypto,
    }),
  );
  if (!r.value) return { port, ok: false, ms: r.ms, mode: 'certificate', error: r.error };
  return {
    port,
    ok: true,
    ms: r.ms,
    mode: 'certificate',
    cipherSuite: r.value.cipherSuite,
    certificate: { ...r.value.certificate, verified: false },
  };
}
