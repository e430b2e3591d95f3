// Test-only helpers shared by the route tests: a temp data folder, deps wired to the real services, an event recorder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { routesRequests, type FingerprintBasis } from '../../../shared/ipc/channels/routes';
import type { RouteSettingsInput } from '../../../shared/domain/route';
import { LogBook } from '../log/logger';
import { IdentityService } from '../identity/index';
import { engineConnector } from '../ads/secure/default-connector';
import type { TlsConnector } from '../ads/secure/secure-transport';
import { LocalRouteStore } from './local-route-store';
import type { RouteDeps, RoutesAddRequest } from './route-orchestrator';
import type { StepEvent } from './step-runner';

export interface Kit {
  dataDir: string;
  logBook: LogBook;
  deps: RouteDeps;
  identity: IdentityService;
  store: LocalRouteStore;
  events: StepEvent[];
  onStep: (event: StepEvent) => void;
  cleanup(): Promise<void>;
}

export async function makeKit(connector: TlsConnector = engineConnector, hostname = 'ENG-PC'): Promise<Kit> {
  const dataDir = await mkdtemp(join(tmpdir(), 'adsroute-routes-'));
  const logBook = new LogBook();
  const identity = new IdentityService(dataDir, () => hostname);
  const store = new LocalRouteStore(dataDir, logBook.logger('routes'));
  const events: StepEvent[] = [];
  return {
    dataDir,
    logBook,
    identity,
    store,
    events,
    onStep: (e) => events.push(e),
    deps: { identity, store, connector, logger: logBook.logger('routes') },
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
  };
}

/** A routes:add request as the renderer would send it, parsed by the contract so defaults apply. */
export function addRequest(
  targets: Array<{
    settings: Partial<RouteSettingsInput> & Pick<RouteSettingsInput, 'address' | 'netId' | 'security'>;
    expectedFingerprint?: string | null;
    fingerprintBasis?: FingerprintBasis;
  }>,
  credentials: unknown,
  extra: Record<string, unknown> = {},
): RoutesAddRequest {
  return routesRequests['routes:add'].request.parse({
    targets: targets.map((t) => ({
      settings: { routeName: t.settings.address, remoteRouteName: 'ENG-PC', connectionTimeoutMs: 3000, ...t.settings },
      expectedFingerprint: t.expectedFingerprint ?? null,
      ...(t.fingerprintBasis ? { fingerprintBasis: t.fingerprintBasis } : {}),
    })),
    credentials,
    ...extra,
  });
}

export function stepStatuses(events: StepEvent[], target?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of events) if (!target || e.target === target) out[e.step] = e.status;
  return out;
}
