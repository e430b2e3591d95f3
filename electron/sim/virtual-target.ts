import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../services/log/logger';
import { resolveTargetConfig, type VirtualTargetConfig, type VirtualTargetInput } from './config';
import { startPlainAdsServer } from './plain-ads-server';
import { RouteTable, type SimRoute } from './route-table';
import { startSecureAdsServer, type SecureAdsServer } from './secure-ads-server';
import { SimLog, type SimLogEntry } from './sim-log';
import {
  loadOrCreateSelfSigned,
  readListenerSwitches,
  readStaticRoutesFile,
  STATIC_ROUTES_FILE,
  writeCaFiles,
  writeListenerSwitches,
  writeStaticRoutes,
  type CaFiles,
} from './state-files';
import { createSystemService } from './system-service/index';
import { startUdpService } from './udp-service';

export interface VirtualTarget {
  config: VirtualTargetConfig;
  /** SHA-256 of the target's self-signed certificate (what discovery tag 0x12 carries), lower-case hex. */
  fingerprint: string;
  /** The SSC PEM, so clients in tests can pin or inspect it. */
  certificatePem: string;
  address: string;
  netId: string;
  /** Ports actually bound (differ from config.ports only when 0 was asked for); null when that listener is off. */
  ports: { udp: number | null; ads: number | null; tls: number | null };
  stateDir: string;
  staticRoutesPath: string;
  routes(): SimRoute[];
  log(): SimLogEntry[];
  /** Live log: 'entry' fires for every SimLogEntry. */
  events: SimLog;
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
}

/** Starts one simulated TwinCAT system: UDP 48899, TCP 48898 and TCP 8016 on its own address, as configured. */
export async function startVirtualTarget(
  input: VirtualTargetInput | VirtualTargetConfig,
  options: StartOptions = {},
): Promise<VirtualTarget> {
  const given = input;
  // Read the state files before writing anything: a file we cannot parse is reported, never overwritten.
  const saved = typeof given.stateDir === 'string' ? await readSavedSettings(given.stateDir) : { settings: {}, routes: [] };
  const config = resolveTargetConfig({ ...saved.settings, ...definedFields(given) });
  const ownsStateDir = config.stateDir === undefined;
  const stateDir = config.stateDir ?? (await mkdtemp(join(tmpdir(), 'adsroute-sim-')));
  const log = new SimLog(options.logger?.child(config.name));
  const closers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
    closers.length = 0;
    if (ownsStateDir) await rm(stateDir, { recursive: true, force: true }).catch(() => undefined);
  };

  try {
    const routes = new RouteTable(saved.routes);
    const ssc = await loadOrCreateSelfSigned(stateDir, config.name);
    // CA files named by the folder stay as they are (an encrypted key stays encrypted); given ones are written there.
    let caPaths = !config.ca
      ? undefined
      : given.ca === undefined && saved.caFiles
        ? saved.caFiles
        : await writeCaFiles(stateDir, config.ca);
    let writing: Promise<void> = Promise.resolve();
    // At start the whole configuration is written; a stored or removed route afterwards changes only the routes, so
    // a <Server> section edited over ADS since (and not yet re-read) is not overwritten with the running one.
    const persist = (routesOnly = true) => {
      // Serialised so concurrent route adds never interleave their file replacements.
      const next = writing.then(() =>
        writeStaticRoutes(
          stateDir,
          {
            routes: routes.persistent(),
            secureOnly: config.secureOnly,
            psk: config.psk,
            ...(caPaths && config.ca ? { ca: { ...caPaths, ignoreCn: config.ca.ignoreCn } } : {}),
          },
          { routesOnly },
        ),
      );
      writing = next.catch(() => undefined);
      return next;
    };
    await persist(false);
    await writeListenerSwitches(stateDir, {
      disableAdsTcpListening: !config.tcp,
      disableAdsTlsListening: !config.tls,
      disableAdsDiscovery: !config.discovery,
    });

    const storeRoute = async (route: SimRoute) => {
      const changedFile = routes.upsert(route);
      if (changedFile) await persist();
      log.add({
        kind: 'route-stored',
        transport: route.tls ? 'tls' : 'udp',
        message: `route "${route.name}" stored: ${route.netId} at ${route.address}${route.temporary ? ' (temporary)' : ''}${route.tls ? ` [${route.tls.mode}]` : ''}`,
      });
    };

    const removeRoute = async (name: string) => {
      const removed = routes.removeByName(name);
      if (!removed) return null;
      if (!removed.temporary) await persist();
      log.add({ kind: 'route-removed', transport: 'state', message: `route "${removed.name}" (${removed.netId}) removed over ADS` });
      return removed;
    };
    let secure: SecureAdsServer | null = null;
    const restart = async (runState: 'run' | 'config') => {
      await writing;
      // A router that cannot read StaticRoutes.xml starts with no routes; so does the virtual target.
      const saved = await readStaticRoutesFile(stateDir).catch((error: unknown) => {
        log.add({
          kind: 'connection-failed',
          transport: 'state',
          reason: 'bad-static-routes',
          message: `StaticRoutes.xml unreadable on restart, starting with no routes: ${error instanceof Error ? error.message : 'error'}`,
        });
        return null;
      });
      routes.replaceAll(saved?.routes ?? []);
      config.secureOnly = saved?.secureOnly ?? false;
      config.psk = saved?.psk ?? [];
      // The CA entry as the file names it now; the folder's files stay where they are.
      if (saved?.ca) config.ca = saved.ca;
      else delete config.ca;
      caPaths = saved?.caFiles;
      secure?.reload();
      config.runState = runState;
      log.add({
        kind: 'restarted',
        transport: 'state',
        message: `TwinCAT restarted into ${runState === 'run' ? 'Run' : 'Config'} mode: ${routes.all().length} route(s) from StaticRoutes.xml`,
      });
    };
    const system = createSystemService({
      config,
      routes,
      stateDir,
      storeRoute,
      removeRoute,
      restart,
      fingerprint: config.tls ? ssc.fingerprint : null,
    });
    closers.push(() => system.close());

    const ports: VirtualTarget['ports'] = { udp: null, ads: null, tls: null };
    if (config.discovery) {
      const udp = await startUdpService({ config, log, fingerprint: config.tls ? ssc.fingerprint : null, storeRoute });
      closers.push(udp.close);
      ports.udp = config.ports.udp;
    }
    if (config.tcp) {
      const plain = await startPlainAdsServer({ config, log, routes, system });
      closers.push(plain.close);
      ports.ads = plain.port;
    }
    if (config.tls) {
      const serverCertificate = () =>
        config.ca && config.quirks.serverCertificate === 'ca' ? { certPem: config.ca.certPem, keyPem: config.ca.keyPem } : ssc;
      secure = await startSecureAdsServer({ config, log, routes, serverCertificate, storeRoute, system });
      closers.push(secure.close);
      ports.tls = secure.port;
    }
    log.add({
      kind: 'listening',
      transport: 'state',
      message: `${config.name} (${config.netId}) on ${config.address}: udp ${ports.udp ?? 'off'}, ads ${ports.ads ?? 'off'}${config.secureOnly ? ' (SecureOnly)' : ''}, tls ${ports.tls ?? 'off'}`,
    });

    let stopped: Promise<void> | null = null;
    return {
      config,
      fingerprint: ssc.fingerprint,
      certificatePem: ssc.certPem,
      address: config.address,
      netId: config.netId,
      ports,
      stateDir,
      staticRoutesPath: join(stateDir, STATIC_ROUTES_FILE),
      routes: () => routes.all(),
      log: () => log.list(),
      events: log,
      stop: () => {
        stopped ??= (async () => {
          await writing;
          await stopAll();
          log.add({ kind: 'stopped', transport: 'state', message: `${config.name} stopped` });
        })();
        return stopped;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * What an existing state folder configures (StaticRoutes.xml: routes, SecureOnly, `<Server>`; TcRegistry.xml: the
 * DisableAds* switches). It is the source of truth for every setting the caller does not give explicitly.
 */
async function readSavedSettings(stateDir: string): Promise<{ settings: VirtualTargetInput; routes: SimRoute[]; caFiles?: CaFiles }> {
  const staticRoutes = await readStaticRoutesFile(stateDir);
  const switches = await readListenerSwitches(stateDir);
  const settings: VirtualTargetInput = {};
  if (staticRoutes) {
    settings.secureOnly = staticRoutes.secureOnly;
    settings.psk = staticRoutes.psk;
    if (staticRoutes.ca) settings.ca = staticRoutes.ca;
  }
  if (switches?.disableAdsTcpListening !== undefined) settings.tcp = !switches.disableAdsTcpListening;
  if (switches?.disableAdsTlsListening !== undefined) settings.tls = !switches.disableAdsTlsListening;
  if (switches?.disableAdsDiscovery !== undefined) settings.discovery = !switches.disableAdsDiscovery;
  return { settings, routes: staticRoutes?.routes ?? [], ...(staticRoutes?.caFiles ? { caFiles: staticRoutes.caFiles } : {}) };
}

/** The input without keys whose value is undefined, so they do not hide what the state folder says. */
function definedFields(input: VirtualTargetInput): VirtualTargetInput {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}

/** Starts several targets (each on its own address); if one fails, the ones already running are stopped. */
export async function startVirtualTargets(
  inputs: Array<VirtualTargetInput | VirtualTargetConfig>,
  options: StartOptions = {},
): Promise<VirtualTarget[]> {
  const started: VirtualTarget[] = [];
  try {
    for (const input of inputs) started.push(await startVirtualTarget(input, options));
    return started;
  } catch (error) {
    await Promise.all(started.map((t) => t.stop()));
    throw error;
  }
}
