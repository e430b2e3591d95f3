import { isIP } from 'node:net';
import type { LocalRoute, RouteCredentials, RouteError, RouteSettings } from '../../../shared/domain/route';
import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { loadCertificateFile, loadPrivateKeyFile } from '../certificates/index';
import type { Logger } from '../log/logger';
import { lookupIPv4 } from '../network/resolve-hosts';
import type { VerifiedTarget } from '../ads/transport/ams-channel';
import { CA_FLAGS, exchangeConnectInfo, PSK_FLAGS, sscAddRouteFlags, SSC_FOLLOW_UP_FLAGS } from '../ads/secure/connect-info';
import { ADS_TCP_PORT, verifyPlainAds } from '../ads/plain/plain-ads';
import { resolvePsk } from '../ads/secure/psk';
import { RouteFailure } from '../ads/route-failure';
import { secureHandshake, ServerTrustFailure } from '../ads/secure/secure-handshake';
import { openSecureSession, SECURE_ADS_PORT } from '../ads/secure/secure-session';
import type { TlsConnector } from '../ads/secure/secure-transport';
import type { ServerTrust } from '../ads/secure/server-trust';
import { connectTcp } from '../ads/transport/tcp-stream';
import { refusedFix } from '../ads/secure/tls-failure';
import { addRouteOverUdp } from '../ads/udp/udp-add-route';
import { AmsChannel } from '../ads/transport/ams-channel';
import { UDP_SERVICE_PORT } from '../../../shared/protocol/udp48899';
import type { LocalRouteStore } from './local-route-store';
import { asFailure, StepRunner, type StepListener } from './step-runner';
import { osLoginTextProblem } from '../../../shared/domain/login-text';

export type RoutesAddRequest = ParsedRequestOf<'routes:add'>;
type TargetRequest = RoutesAddRequest['targets'][number];

export interface TargetResult {
  target: string;
  ok: boolean;
  netId: string | null;
  fingerprint: string | null;
  error: RouteError | null;
  ms: number;
  steps: Array<{ step: string; ok: boolean; ms: number }>;
  verified: VerifiedTarget | null;
  cipherSuite: string | null;
}

/** What the orchestrator needs from the rest of the app; tests and the CLI pass their own. */
export interface RouteDeps {
  identity: {
    clientCertificate(): Promise<{ certPem: string; keyPem: string }>;
    hostname(): Promise<string>;
    localNetIdFor(target: string): Promise<string>;
    localAddressFor(target: string): Promise<string>;
  };
  store: LocalRouteStore;
  connector: TlsConnector;
  logger: Logger;
  /** Where a verified self-signed route's fingerprint is remembered; without it nothing is remembered. */
  knownFingerprints?: { remember(input: { netId: string; address: string; fingerprint: string }, now?: Date): Promise<{ replaced: { firstSeen: string } | null }> };
  resolveHost?: (host: string) => Promise<string>;
  now?: () => Date;
}

/**
 * Creates routes to many targets at once, at most `concurrency` in parallel, each through the steps
 * resolve → connect → tls → fingerprint → credentials → remote-route → local-route → verify (skipping what the mode
 * does not use). Never rejects: every target ends with a result, failures as RouteError with a fix, reported to
 * `onResult` as soon as that target is done.
 */
export async function createRoutes(
  request: RoutesAddRequest,
  deps: RouteDeps,
  onStep: StepListener,
  signal?: AbortSignal,
  onResult: (result: TargetResult) => void = () => undefined,
): Promise<TargetResult[]> {
  const results: TargetResult[] = new Array(request.targets.length);
  const batchDeps: RouteDeps = { ...deps, identity: identityForOneBatch(deps.identity) };
  let next = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const target = request.targets[index];
      if (!target) return;
      const result = await createOne(target, request, batchDeps, onStep, signal);
      results[index] = result;
      onResult(result);
    }
  };
  const workers = Math.max(1, Math.min(request.concurrency, request.targets.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}

/**
 * This PC's identity as one batch sees it: the host name, NetId and local address are looked up once per batch
 * (per target address) instead of re-reading settings.json and asking the kernel for every route. A batch is one
 * user action, so it uses one identity from start to end.
 */
function identityForOneBatch(identity: RouteDeps['identity']): RouteDeps['identity'] {
  const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let value: Promise<T> | null = null;
    return () => (value ??= load());
  };
  const perTarget = (load: (target: string) => Promise<string>): ((target: string) => Promise<string>) => {
    const values = new Map<string, Promise<string>>();
    return (target) => {
      let value = values.get(target);
      if (!value) values.set(target, (value = load(target)));
      return value;
    };
  };
  return {
    clientCertificate: once(() => identity.clientCertificate()),
    hostname: once(() => identity.hostname()),
    localNetIdFor: perTarget((target) => identity.localNetIdFor(target)),
    localAddressFor: perTarget((target) => identity.localAddressFor(target)),
  };
}

async function createOne(target: TargetRequest, request: RoutesAddRequest, deps: RouteDeps, onStep: StepListener, signal?: AbortSignal): Promise<TargetResult> {
  const settings = target.settings;
  const steps = new StepRunner(settings.address, onStep, signal);
  const start = performance.now();
  const state: { fingerprint: string | null; verified: VerifiedTarget | null; cipherSuite: string | null } = { fingerprint: null, verified: null, cipherSuite: null };
  const finish = (error: RouteFailure | null): TargetResult => ({
    target: settings.address,
    ok: error === null,
    netId: settings.netId,
    fingerprint: state.fingerprint,
    error: error ? error.toRouteError() : null,
    ms: Math.round(performance.now() - start),
    steps: steps.record.map((r) => ({ step: r.step, ok: r.ok, ms: r.ms })),
    verified: state.verified,
    cipherSuite: state.cipherSuite,
  });
  try {
    await runFlow(target, request, deps, steps, state, signal);
    return finish(null);
  } catch (error) {
    const failure = asFailure(error, signal);
    if (failure.code !== 'cancelled') deps.logger.warn(`route to ${settings.address} failed: ${failure.code}: ${failure.message}`);
    return finish(failure);
  }
}

interface FlowState {
  fingerprint: string | null;
  verified: VerifiedTarget | null;
  cipherSuite: string | null;
}

async function runFlow(target: TargetRequest, request: RoutesAddRequest, deps: RouteDeps, steps: StepRunner, state: FlowState, signal?: AbortSignal): Promise<void> {
  const settings = target.settings;
  const credentials = request.credentials;
  const resolve = deps.resolveHost ?? defaultResolve;
  const ip = await steps.run(
    'resolve',
    async () => {
      checkCredentials(settings, credentials);
      return resolve(settings.address);
    },
    (ip) => (ip === settings.address ? `address ${ip}` : `${settings.address} is ${ip}`),
  );
  const localNetId = await deps.identity.localNetIdFor(ip);
  const hostname = await deps.identity.hostname();
  const timeoutMs = settings.connectionTimeoutMs;
  const ports = { udp: request.ports?.udp ?? UDP_SERVICE_PORT, ads: request.ports?.ads ?? ADS_TCP_PORT, tls: request.ports?.tls ?? SECURE_ADS_PORT };

  if (settings.security === 'none') {
    await plainFlow({ settings, credentials, deps, steps, ip, localNetId, ports, timeoutMs, signal, state });
    return;
  }

  let trustConfig: ServerTrust;
  try {
    trustConfig = await serverTrust(settings, target.expectedFingerprint, request.fingerprintVerifiedOutOfBand, credentials, deps);
  } catch (error) {
    throw steps.fail('fingerprint', asFailure(error, signal));
  }
  let tlsMaterial: Awaited<ReturnType<typeof tlsCredentials>>;
  try {
    tlsMaterial = await tlsCredentials(settings, credentials, deps);
  } catch (error) {
    throw steps.fail('credentials', asFailure(error, signal));
  }

  const socket = await steps.run('connect', () =>
    connectTcp({ host: ip, port: ports.tls, timeoutMs, signal, service: 'Secure ADS', refusedFix: refusedFix(ports.tls) }),
  (s) => `TCP ${ports.tls} open (from ${s.localAddress ?? '?'})`);
  let handshake;
  const tlsStart = performance.now();
  steps.start('tls');
  try {
    handshake = await secureHandshake({ socket, host: ip, port: ports.tls, timeoutMs, mode: settings.security, ...tlsMaterial, trust: trustConfig, connector: deps.connector, signal });
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
  reportTrust(settings, handshake.trust, request.fingerprintVerifiedOutOfBand && target.expectedFingerprint === null, steps, deps);

  let keepChannel: AmsChannel | null = null;
  try {
    const addRemote = settings.security === 'ssc' && settings.remoteRoute !== 'none';
    const connectInfo = {
      flags: settings.security === 'ssc' ? (addRemote ? sscAddRouteFlags(isIP(settings.address) !== 0) : SSC_FOLLOW_UP_FLAGS) : settings.security === 'psk' ? PSK_FLAGS : CA_FLAGS,
      netId: localNetId,
      hostname: settings.security === 'ssc' && addRemote ? settings.remoteRouteName.slice(0, 31) : hostname,
      ...(addRemote && credentials.kind === 'os' ? { user: credentials.user, password: credentials.password } : {}),
    };
    const exchanged = await steps.run('credentials', () => exchangeConnectInfo(transport, connectInfo, timeoutMs), (r) => {
      const what = addRemote ? 'user and password accepted' : settings.security === 'ssc' ? "this PC's certificate is known to the target" : 'accepted';
      return r.response.netId !== settings.netId ? `${what}; note: the target reports NetId ${r.response.netId}` : what;
    });
    remoteRouteStep(settings, addRemote, steps);
    if (settings.security !== 'ssc') keepChannel = new AmsChannel(transport, { tcpPrefix: false, localNetId, initial: exchanged.rest });
    else transport.destroy();

    const route = await localRouteStep(settings, state, deps, steps, credentials);
    const verified = await steps.run('verify', async () => {
      if (keepChannel) return keepChannel.verify(settings.netId, timeoutMs);
      // SSC: a fresh connection with only the SelfSigned flag proves the target stored this PC's certificate.
      const session = await openSecureSession({
        host: ip, port: ports.tls, timeoutMs, mode: 'ssc', ...tlsMaterial, trust: trustConfig, connector: deps.connector, signal,
        localNetId, connectInfo: { flags: SSC_FOLLOW_UP_FLAGS, netId: localNetId, hostname },
      });
      try {
        return await session.ams.verify(settings.netId, timeoutMs);
      } finally {
        session.close();
      }
    }, verifyDetail);
    state.verified = verified;
    if (route) await deps.store.upsert({ ...route, verifiedAt: (deps.now?.() ?? new Date()).toISOString() });
    if (settings.security === 'ssc' && state.fingerprint) await rememberFingerprint(settings, state.fingerprint, deps);
  } finally {
    keepChannel?.close();
    transport.destroy();
  }
}

async function plainFlow(ctx: {
  settings: RouteSettings; credentials: RouteCredentials; deps: RouteDeps; steps: StepRunner; ip: string; localNetId: string;
  ports: { udp: number; ads: number }; timeoutMs: number; signal?: AbortSignal; state: FlowState;
}): Promise<void> {
  const { settings, credentials, deps, steps, ip, localNetId, ports, timeoutMs, signal, state } = ctx;
  steps.skip('connect', 'plain ADS: the route is added over UDP 48899');
  steps.skip('tls', 'plain ADS has no TLS');
  steps.skip('fingerprint', 'plain ADS has no certificate');
  if (settings.remoteRoute === 'none' || credentials.kind !== 'os') {
    steps.skip('credentials', 'no route is added on the target');
    steps.skip('remote-route', 'remote route: none');
  } else {
    const localAddress = await deps.identity.localAddressFor(ip);
    await steps.run('credentials', () =>
      addRouteOverUdp({
        host: ip, port: ports.udp, routeName: settings.remoteRouteName, localNetId, localAddress, user: credentials.user,
        password: credentials.password, temporary: settings.remoteRoute === 'temporary', timeoutMs, signal,
      }),
    () => 'user and password accepted');
    steps.ok('remote-route', `${settings.remoteRoute} route '${settings.remoteRouteName}' → ${localNetId} (${localAddress}) added on the target`);
  }
  const route = await localRouteStep(settings, state, deps, steps, credentials);
  state.verified = await steps.run('verify', () => verifyPlainAds({ host: ip, port: ports.ads, targetNetId: settings.netId, localNetId, timeoutMs, signal }), verifyDetail);
  if (route) await deps.store.upsert({ ...route, verifiedAt: (deps.now?.() ?? new Date()).toISOString() });
}

/** A verified SSC route proves this certificate belongs to that NetId; losing the note must not fail the route. */
async function rememberFingerprint(settings: RouteSettings, fingerprint: string, deps: RouteDeps): Promise<void> {
  try {
    await deps.knownFingerprints?.remember({ netId: settings.netId, address: settings.address, fingerprint }, deps.now?.());
  } catch (error) {
    deps.logger.error(`fingerprint of ${settings.netId} not remembered: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function remoteRouteStep(settings: RouteSettings, addRemote: boolean, steps: StepRunner): void {
  if (settings.security === 'ssc') {
    if (!addRemote) {
      steps.skip('remote-route', 'remote route: none (the target must already know this PC)');
      return;
    }
    const note = settings.remoteRoute === 'temporary' ? '; created as static: the TLS route add has no temporary flag on the wire' : '';
    steps.ok('remote-route', `created by the TlsConnectInfo (AddRemote) as '${settings.remoteRouteName.slice(0, 31)}'${note}`);
    return;
  }
  steps.skip('remote-route', settings.security === 'psk' ? 'the PSK identity on the target acts as the route' : 'the target accepts any client certificate issued by the shared CA');
}

async function localRouteStep(settings: RouteSettings, state: FlowState, deps: RouteDeps, steps: StepRunner, credentials: RouteCredentials): Promise<LocalRoute | null> {
  if (settings.targetRoute === 'none') {
    steps.skip('local-route', 'route on this PC: none');
    return null;
  }
  const route: LocalRoute = {
    name: settings.routeName,
    address: settings.address,
    netId: settings.netId,
    virtualNetId: settings.virtualNetId,
    type: 'TCP_IP',
    flags: null,
    temporary: settings.targetRoute === 'temporary',
    unidirectional: settings.unidirectional,
    tls:
      settings.security === 'none'
        ? null
        : {
            mode: settings.security,
            fingerprint: settings.security === 'ssc' ? state.fingerprint : null,
            pskIdentity: credentials.kind === 'psk' ? credentials.identity : null,
            ignoreCn: credentials.kind === 'ca' ? credentials.ignoreCn : false,
            caFile: credentials.kind === 'ca' ? credentials.caPath : null,
            certFile: credentials.kind === 'ca' ? credentials.certPath : null,
            keyFile: credentials.kind === 'ca' ? credentials.keyPath : null,
          },
    createdAt: (deps.now?.() ?? new Date()).toISOString(),
    verifiedAt: null,
  };
  await steps.run('local-route', () => deps.store.upsert(route), () => (route.temporary ? 'kept until the app closes' : `saved as '${route.name}'`));
  return route;
}

function verifyDetail(v: VerifiedTarget): string {
  return `ReadState: ${v.adsStateName}; device '${v.deviceName}' ${v.version}`;
}

function checkCredentials(settings: RouteSettings, credentials: RouteCredentials): void {
  const needed = settings.security === 'psk' ? 'psk' : settings.security === 'ca' ? 'ca' : 'os';
  if (settings.security === 'ssc' && settings.remoteRoute === 'none') return;
  if (settings.security === 'none' && settings.remoteRoute === 'none') return;
  if (credentials.kind !== needed) {
    throw new RouteFailure('invalid-input', `${settings.security.toUpperCase()} mode needs ${needed === 'os' ? 'a user name and password of the target' : needed === 'psk' ? 'a PSK identity and password or key' : 'CA, certificate and key files'}`, null);
  }
  const textProblem = credentials.kind === 'os' ? osLoginTextProblem(credentials.user, credentials.password) : null;
  if (textProblem) throw new RouteFailure('invalid-input', textProblem, 'retype it with Western European characters, as it is set on the target');
}

async function serverTrust(settings: RouteSettings, expected: string | null, outOfBand: boolean, credentials: RouteCredentials, deps: RouteDeps): Promise<ServerTrust> {
  if (settings.security === 'psk') return { kind: 'none' };
  if (settings.security === 'ca') {
    if (credentials.kind !== 'ca') return { kind: 'none' };
    const ca = await loadCertificateFile(credentials.caPath);
    return { kind: 'ca', caPem: [ca.pem], routeName: settings.routeName, ignoreCn: credentials.ignoreCn, now: deps.now?.() };
  }
  if (expected !== null) return { kind: 'fingerprint', expected };
  if (outOfBand) return { kind: 'accept-any-recorded' };
  throw new RouteFailure('fingerprint-unverified', `no fingerprint to compare for ${settings.address}`, 'paste the fingerprint shown in "About TwinCAT" on the target, or confirm you verified it another way');
}

async function tlsCredentials(settings: RouteSettings, credentials: RouteCredentials, deps: RouteDeps): Promise<{ clientCertificate?: { certPem: string; keyPem: string }; psk?: { identity: string; key: Uint8Array } }> {
  if (settings.security === 'psk' && credentials.kind === 'psk') return { psk: resolvePsk(credentials) };
  if (settings.security === 'ca' && credentials.kind === 'ca') {
    const cert = await loadCertificateFile(credentials.certPath);
    const keyPem = await loadPrivateKeyFile(credentials.keyPath, credentials.keyPassword);
    return { clientCertificate: { certPem: cert.pem, keyPem } };
  }
  const own = await deps.identity.clientCertificate();
  return { clientCertificate: { certPem: own.certPem, keyPem: own.keyPem } };
}

function reportTrust(settings: RouteSettings, trust: { fingerprint: string | null; commonName: string | null }, outOfBand: boolean, steps: StepRunner, deps: RouteDeps): void {
  if (settings.security === 'psk') {
    steps.skip('fingerprint', 'PSK: no certificate; the shared key authenticates the target');
    return;
  }
  if (settings.security === 'ca') {
    steps.ok('fingerprint', `chain verified against the CA; CN '${trust.commonName ?? ''}'`);
    return;
  }
  const shown = formatFingerprint(trust.fingerprint ?? '', 'grouped');
  if (outOfBand) {
    deps.logger.warn(`fingerprint of ${settings.address} not compared: the user confirmed it was verified out of band (${shown})`);
    steps.ok('fingerprint', `not compared: verified out of band by the user (${shown})`);
    return;
  }
  steps.ok('fingerprint', `matches ${shown}`);
}

async function defaultResolve(host: string): Promise<string> {
  if (isIP(host) === 4) return host;
  // Digits and dots that are no plain dotted quad (010.77.1.10, 10.1, 167772161) are what getaddrinfo reads as octal or
  // short forms: another host than the user meant, maybe a public one. Refuse instead of guessing.
  if (/^[\d.]+$/.test(host)) {
    throw new RouteFailure('resolve-failed', `'${host}' is not an IPv4 address`, 'write it as four numbers 0–255 separated by dots, without leading zeros');
  }
  try {
    return await lookupIPv4(host);
  } catch {
    throw new RouteFailure('resolve-failed', `host name ${host} cannot be resolved`, 'use the IP address, or check DNS / the hosts file');
  }
}
