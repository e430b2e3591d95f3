import { isIP } from 'node:net';
import { parseHostEntry } from '../../../shared/discovery/search-entry';
import type { RouteError } from '../../../shared/domain/route';
import type { ParsedRequestOf } from '../../../shared/ipc/contract';
import { UDP_SERVICE_PORT } from '../../../shared/protocol/udp48899';
import { netIdForAddress } from '../identity/local-address';
import { lookupIPv4 } from '../network/resolve-hosts';
import type { VerifiedTarget } from '../ads/transport/ams-channel';
import { ADS_TCP_PORT } from '../ads/plain/plain-ads';
import { RouteFailure } from '../ads/route-failure';
import { SECURE_ADS_PORT } from '../ads/secure/secure-session';
import { plainRouteFlow } from './plain-route-flow';
import type { RouteDeps } from './route-deps';
import type { FlowContext, FlowState } from './route-flow-context';
import { planRoute } from './route-plan';
import { secureRouteFlow } from './secure-route-flow';
import { startPacer, startSpacingFor } from './start-pacer';
import { asFailure, StepRunner, type StepListener } from './step-runner';

export type { RouteDeps } from './route-deps';
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
  const batchDeps: RouteDeps = {
    ...deps,
    identity: identityForOneBatch(deps.identity),
    twincat: deps.twincat?.forOneBatch?.() ?? deps.twincat,
  };
  let next = 0;
  const paced = startPacer();
  const worker = async () => {
    for (;;) {
      const index = next++;
      const target = request.targets[index];
      if (!target) return;
      await paced(startSpacingFor(target.settings.security));
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
  const localAddressFor = perTarget((target) => identity.localAddressFor(target));
  const readConfigured = identity.configuredNetId?.bind(identity);
  const configuredNetId = readConfigured ? once(readConfigured) : null;
  return {
    clientCertificate: once(() => identity.clientCertificate()),
    hostname: once(() => identity.hostname()),
    // With the settings read once, the NetId follows from the adapter address the plain flow asks for anyway.
    localNetIdFor: configuredNetId
      ? perTarget(async (target) => (await configuredNetId()) ?? netIdForAddress(await localAddressFor(target)))
      : perTarget((target) => identity.localNetIdFor(target)),
    localAddressFor,
  };
}

async function createOne(
  target: TargetRequest,
  request: RoutesAddRequest,
  deps: RouteDeps,
  onStep: StepListener,
  signal?: AbortSignal,
): Promise<TargetResult> {
  const settings = target.settings;
  const steps = new StepRunner(settings.address, onStep, signal);
  const start = performance.now();
  const state: FlowState = { fingerprint: null, verified: null, cipherSuite: null };
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

async function runFlow(
  target: TargetRequest,
  request: RoutesAddRequest,
  deps: RouteDeps,
  steps: StepRunner,
  state: FlowState,
  signal?: AbortSignal,
): Promise<void> {
  const settings = target.settings;
  const resolve = deps.resolveHost ?? defaultResolve;
  // The plan is checked inside the first step, so a request that cannot be carried out fails there, visibly.
  const { plan, ip } = await steps.run(
    'resolve',
    async () => {
      const plan = planRoute(target, request.credentials);
      return { plan, ip: await resolve(settings.address) };
    },
    ({ ip }) => (ip === settings.address ? `address ${ip}` : `${settings.address} is ${ip}`),
  );
  const ctx: FlowContext = {
    plan,
    deps,
    steps,
    ip,
    local: { netId: await deps.identity.localNetIdFor(ip), hostname: await deps.identity.hostname() },
    ports: {
      udp: request.ports?.udp ?? UDP_SERVICE_PORT,
      ads: request.ports?.ads ?? ADS_TCP_PORT,
      tls: request.ports?.tls ?? SECURE_ADS_PORT,
    },
    timeoutMs: settings.connectionTimeoutMs,
    signal,
    state,
  };
  await (settings.security === 'none' ? plainRouteFlow(ctx) : secureRouteFlow(ctx));
}

async function defaultResolve(host: string): Promise<string> {
  if (isIP(host) === 4) return host;
  // Digits and dots that are no plain dotted quad (010.77.1.10, 10.1, 167772161), and hex forms (0x7f.1), are what
  // getaddrinfo reads as octal, short or hex notations: another host than the user meant, maybe a public one. Refuse
  // instead of guessing; the search box refuses the same.
  const entry = parseHostEntry(host);
  if (!entry.ok && entry.reason === 'bad-address') {
    throw new RouteFailure(
      'resolve-failed',
      `'${host}' is not an IPv4 address`,
      'write it as four numbers 0–255 separated by dots, without leading zeros',
    );
  }
  try {
    return await lookupIPv4(host);
  } catch {
    throw new RouteFailure('resolve-failed', `host name ${host} cannot be resolved`, 'use the IP address, or check DNS / the hosts file');
  }
}
