import { connectSecureAdsTcp } from '../ads/secure/secure-ads-tcp';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { loadCertificateFile, loadPrivateKeyFile } from '../certificates/index';
import { exchangeConnectInfo } from '../ads/secure/connect-info';
import { resolvePsk } from '../ads/secure/psk';
import { secureHandshake, ServerTrustFailure } from '../ads/secure/secure-handshake';
import { openSecureSession } from '../ads/secure/secure-session';
import type { ServerTrust } from '../ads/secure/server-trust';
import { AmsChannel } from '../ads/transport/ams-channel';
import { saveWhileVerifying } from './local-route-step';
import type { FlowContext } from './route-flow-context';
import { connectInfoFor, verifyConnectInfo, type RoutePlan } from './route-plan';
import { asFailure } from './step-runner';

type TlsMaterial = { clientCertificate?: { certPem: string; keyPem: string }; psk?: { identity: string; key: Uint8Array } };

/**
 * Secure ADS (SSC, PSK, CA): TLS 1.2 on TCP 8016 with the server judged inside the handshake, then the TlsConnectInfo
 * (with the login only for an SSC route add), the local route, and ReadState. For SSC the verify runs over a fresh
 * connection pinned to the certificate the add connection saw: a target that presents another one is refused before
 * anything is sent.
 */
export async function secureRouteFlow(ctx: FlowContext): Promise<void> {
  const { plan, deps, steps, ip, local, ports, timeoutMs, signal, state } = ctx;
  const { settings } = plan;
  let trust: ServerTrust;
  try {
    trust = await serverTrustOf(plan, deps.now?.());
  } catch (error) {
    throw steps.fail('fingerprint', asFailure(error, signal));
  }
  let material: TlsMaterial;
  try {
    material = await tlsMaterial(plan, deps);
  } catch (error) {
    throw steps.fail('credentials', asFailure(error, signal));
  }

  const socket = await steps.run(
    'connect',
    () => connectSecureAdsTcp({ host: ip, port: ports.tls, timeoutMs, signal }),
    (s) => `TCP ${ports.tls} open (from ${s.localAddress ?? '?'})`,
  );
  const tlsStart = performance.now();
  steps.start('tls');
  let handshake;
  try {
    handshake = await secureHandshake({
      socket,
      host: ip,
      port: ports.tls,
      timeoutMs,
      mode: secureMode(plan),
      ...material,
      trust,
      legacyCrypto: settings.legacyCrypto,
      connector: deps.connector,
      signal,
    });
  } catch (error) {
    const ms = Math.round(performance.now() - tlsStart);
    if (error instanceof ServerTrustFailure) {
      steps.ok('tls', 'handshake stopped at the server certificate; nothing was sent', ms);
      throw steps.fail('fingerprint', error);
    }
    throw steps.fail('tls', asFailure(error, signal), ms);
  }
  const transport = handshake.transport;
  state.fingerprint = handshake.trust.fingerprint;
  state.cipherSuite = transport.cipherSuite.name;
  steps.ok('tls', `TLS 1.2, ${transport.cipherSuite.name}`, Math.round(performance.now() - tlsStart));
  reportTrust(ctx, handshake.trust.commonName);

  let keepChannel: AmsChannel | null = null;
  try {
    const exchanged = await steps.run(
      'credentials',
      () => exchangeConnectInfo(transport, connectInfoFor(plan, local), timeoutMs),
      (r) => {
        const what = plan.addRemote
          ? 'user and password accepted'
          : settings.security === 'ssc'
            ? "this PC's certificate is known to the target"
            : 'accepted';
        return r.response.netId !== settings.netId ? `${what}; note: the target reports NetId ${r.response.netId}` : what;
      },
    );
    remoteRouteStep(ctx);
    if (settings.security !== 'ssc')
      keepChannel = new AmsChannel(transport, { tcpPrefix: false, localNetId: local.netId, initial: exchanged.rest });
    else transport.destroy();

    const seen = state.fingerprint;
    await saveWhileVerifying(ctx, async () => {
      if (keepChannel) return keepChannel.verify(settings.netId, timeoutMs);
      // SSC: a fresh connection with only the SelfSigned flag proves the target stored this PC's certificate. It
      // must be the very certificate the login went to; anything else is refused inside the handshake.
      if (!seen) throw new Error('the add connection showed no certificate');
      const session = await openSecureSession({
        host: ip,
        port: ports.tls,
        timeoutMs,
        mode: 'ssc',
        ...material,
        trust: { kind: 'fingerprint', expected: seen },
        legacyCrypto: settings.legacyCrypto,
        connector: deps.connector,
        signal,
        localNetId: local.netId,
        connectInfo: verifyConnectInfo(local),
      });
      try {
        return await session.ams.verify(settings.netId, timeoutMs);
      } finally {
        session.close();
      }
    });
  } finally {
    keepChannel?.close();
    transport.destroy();
  }
}

function secureMode(plan: RoutePlan): 'ssc' | 'psk' | 'ca' {
  return plan.trust.kind === 'psk' ? 'psk' : plan.trust.kind === 'ca' ? 'ca' : 'ssc';
}

async function serverTrustOf(plan: RoutePlan, now: Date | undefined): Promise<ServerTrust> {
  const trust = plan.trust;
  switch (trust.kind) {
    case 'pinned':
      return { kind: 'fingerprint', expected: trust.fingerprint };
    case 'ca': {
      const ca = await loadCertificateFile(trust.caPath);
      return { kind: 'ca', caPem: [ca.pem], routeName: trust.routeName, ignoreCn: trust.ignoreCn, now };
    }
    case 'psk':
      return { kind: 'none' };
    case 'plain':
      throw new Error('a plain ADS route has no TLS');
  }
}

async function tlsMaterial(plan: RoutePlan, deps: FlowContext['deps']): Promise<TlsMaterial> {
  const { settings, credentials } = plan;
  if (settings.security === 'psk' && credentials.kind === 'psk') return { psk: resolvePsk(credentials) };
  if (settings.security === 'ca' && credentials.kind === 'ca') {
    const cert = await loadCertificateFile(credentials.certPath);
    const keyPem = await loadPrivateKeyFile(credentials.keyPath, credentials.keyPassword);
    return { clientCertificate: { certPem: cert.pem, keyPem } };
  }
  const own = await deps.identity.clientCertificate();
  return { clientCertificate: { certPem: own.certPem, keyPem: own.keyPem } };
}

function reportTrust(ctx: FlowContext, commonName: string | null): void {
  const { plan, steps, deps, state } = ctx;
  const trust = plan.trust;
  if (trust.kind === 'psk') {
    steps.skip('fingerprint', 'PSK: no certificate; the shared key authenticates the target');
    return;
  }
  if (trust.kind === 'ca') {
    steps.ok('fingerprint', `chain verified against the CA; CN '${commonName ?? ''}'`);
    return;
  }
  const shown = formatFingerprint(state.fingerprint ?? '', 'grouped');
  if (trust.kind === 'pinned' && trust.basis === 'out-of-band') {
    deps.logger.warn(
      `fingerprint of ${plan.settings.address} pinned without a compare: the user confirmed they verified ${shown} another way`,
    );
    steps.ok('fingerprint', `matches ${shown}, which you verified another way`);
    return;
  }
  if (trust.kind === 'pinned' && trust.basis === 'known') {
    steps.ok('fingerprint', `matches ${shown}, known from an earlier verified route`);
    return;
  }
  steps.ok('fingerprint', `matches ${shown}`);
}

function remoteRouteStep(ctx: FlowContext): void {
  const { plan, steps } = ctx;
  const { settings } = plan;
  if (settings.security === 'ssc') {
    if (!plan.addRemote) {
      steps.skip('remote-route', 'remote route: none (the target must already know this PC)');
      return;
    }
    const note = settings.remoteRoute === 'temporary' ? '; created as static: the TLS route add has no temporary flag on the wire' : '';
    steps.ok('remote-route', `created by the TlsConnectInfo (AddRemote) as '${settings.remoteRouteName.slice(0, 31)}'${note}`);
    return;
  }
  steps.skip(
    'remote-route',
    settings.security === 'psk'
      ? 'the PSK identity on the target acts as the route'
      : 'the target accepts any client certificate issued by the shared CA',
  );
}
