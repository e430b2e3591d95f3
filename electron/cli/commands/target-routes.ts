import { parseArgs } from '../run-cli';
import { UsageError, type CliCommand, type CliIo } from '../command';
import {
  choiceOption,
  hasOnePskSecret,
  interruptSignal,
  msOption,
  portOverrides,
  PORT_OVERRIDE_OPTIONS,
  PSK_OPTIONS,
  TIMEOUT_OPTION,
} from '../options';
import { targetConnectionSchema, type TargetConnection, type TargetRouteList } from '../../../shared/ipc/channels/target-routes';
import { normalizeFingerprint } from '../../../shared/protocol/fingerprint';
import { isNetId } from '../../../shared/protocol/netid';
import { defaultDataDir } from '../../services/app/data-dir';
import { RouteFailure } from '../../services/ads/route-failure';
import { engineConnector } from '../../services/ads/secure/default-connector';
import type { TlsConnector } from '../../services/ads/secure/secure-transport';
import { discoverHost } from '../../services/ads/udp/udp-discover';
import { IdentityService } from '../../services/identity/index';
import { KnownFingerprintStore } from '../../services/known-fingerprints/known-fingerprint-store';
import { LocalRouteStore } from '../../services/routes/local-route-store';
import { SystemServiceError } from '../../services/system-service/index';
import { knownFingerprintSource } from '../../services/target-routes/fingerprint-source';
import { listTargetRoutes, removeTargetRoute, type TargetRoutesDeps } from '../../services/target-routes/target-routes';

const USAGE = `Usage: adsroute target-routes list TARGET --secure ssc|psk|ca|none [options] [--json]
       adsroute target-routes remove TARGET NAME --secure ssc|psk|ca|none [options] [--yes] [--json]

Lists or removes the routes TARGET holds, over ADS to its system service (AMS port 10000). Needs a working route
from this PC to TARGET (create one with add-route).

Connection:
  --secure ssc            this PC's client certificate; the target is pinned by --fingerprint, else by the
                          fingerprint remembered for its NetId (known-fingerprints) or this PC's route to it
  --secure psk            --psk-identity ID with --psk-password PW or --psk-key HEX
  --secure ca             --ca FILE --cert FILE --key FILE [--key-password P] [--ignore-cn]
  --secure none           plain ADS (TCP 48898)
  --fingerprint HEX       SHA-256 of the target certificate (ssc)
  --netid NETID           the target's AMS NetId (default: ask the target over UDP 48899)
  --local-netid NETID     this PC's AMS NetId as the target knows it (default: configured, else adapter + .1.1)
  --data-dir DIR          where this PC's client certificate, routes and known fingerprints live
  --timeout MS            per request (default 5000)
  --udp-port N --ads-port N --tls-port N   other ports (labs and tests)
remove:
  --yes                   do not ask (needed without a terminal); removing the route back to this PC cuts
                          this PC's own access to TARGET
Output:
  --json                  list: {ok, target, netId, routes: [{name, netId, address, raw}]}
                          remove: {ok, target, netId, name, removed, accessLost, routes}

Exit status: 0 ok; 1 failed (remove: also when the name is still listed afterwards); 2 usage error.`;

export interface TargetRoutesListJson {
  ok: boolean;
  target: string;
  netId: string | null;
  routes: Array<{ name: string; netId: string | null; address: string; raw: string }>;
  error?: { code: string; message: string; fix: string | null };
}

export function createTargetRoutesCommand(connector: TlsConnector = engineConnector): CliCommand {
  return {
    name: 'target-routes',
    summary: 'list or remove the routes a target holds (over an existing route)',
    usage: USAGE,
    async run(argv, io) {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          secure: { type: 'string' },
          fingerprint: { type: 'string' },
          ...PSK_OPTIONS,
          ca: { type: 'string' },
          cert: { type: 'string' },
          key: { type: 'string' },
          'key-password': { type: 'string' },
          'ignore-cn': { type: 'boolean' },
          netid: { type: 'string' },
          'local-netid': { type: 'string' },
          'data-dir': { type: 'string' },
          yes: { type: 'boolean' },
          json: { type: 'boolean' },
          ...TIMEOUT_OPTION,
          ...PORT_OVERRIDE_OPTIONS,
        },
      });
      const [action, target, name, ...extra] = positionals;
      if (action !== 'list' && action !== 'remove') throw new UsageError('give list or remove');
      if (!target) throw new UsageError('give the TARGET (host name or IP)');
      if (action === 'list' && name !== undefined) throw new UsageError('list takes one TARGET');
      if (action === 'remove' && (!name || extra.length)) throw new UsageError('remove takes TARGET and the route NAME');
      const security = choiceOption(values.secure, 'secure', ['ssc', 'psk', 'ca', 'none'] as const);
      for (const [flag, value] of [
        ['netid', values.netid],
        ['local-netid', values['local-netid']],
      ] as const) {
        if (value !== undefined && !isNetId(value)) throw new UsageError(`--${flag} must be an AMS NetId like 5.36.69.176.1.1`);
      }
      if (values.fingerprint !== undefined && !normalizeFingerprint(values.fingerprint))
        throw new UsageError('--fingerprint must be 64 hex digits');
      if (security === 'psk') {
        if (!values['psk-identity']) throw new UsageError('--secure psk needs --psk-identity');
        if (!hasOnePskSecret(values)) throw new UsageError('--secure psk needs --psk-password or --psk-key (one of them)');
      }
      if (security === 'ca' && (!values.ca || !values.cert || !values.key))
        throw new UsageError('--secure ca needs --ca, --cert and --key');
      const timeoutMs = msOption(values.timeout, 'timeout', 5000);
      const ports = portOverrides(values);
      const json = values.json === true;

      const dataDir = values['data-dir'] ?? defaultDataDir();
      const identity = new IdentityService(dataDir);
      const deps: TargetRoutesDeps = {
        identity: {
          clientCertificate: () => identity.clientCertificate(),
          hostname: () => identity.hostname(),
          localNetIdFor: (t) => identity.localNetIdFor(t),
        },
        knownFingerprint: knownFingerprintSource(new KnownFingerprintStore(dataDir), new LocalRouteStore(dataDir)),
        connector,
        signal: interruptSignal(io),
      };
      const fail = (error: unknown, netId: string | null) => {
        const e = describe(error);
        if (json) io.stdout(`${JSON.stringify({ ok: false, target, netId, routes: [], error: e }, null, 2)}\n`);
        else io.stderr(`${target}: ${e.code}: ${e.message}${e.fix ? `\n  → ${e.fix}` : ''}\n`);
        return 1;
      };

      let netId = values.netid ?? null;
      if (netId === null) {
        try {
          netId = (
            await discoverHost({
              host: target,
              port: ports.udp,
              localNetId: values['local-netid'] ?? (await identity.localNetIdFor(target)),
              timeoutMs,
              signal: deps.signal,
            })
          ).netId;
        } catch (error) {
          const failure = error instanceof RouteFailure ? error : new RouteFailure('unreachable', String(error), null);
          return fail(
            new RouteFailure(
              failure.code,
              `cannot ask ${target} for its NetId: ${failure.message}`,
              `${failure.fix ?? ''} (or pass --netid)`.trim(),
            ),
            null,
          );
        }
      }
      let connection: TargetConnection;
      try {
        connection = targetConnectionSchema.parse({
          address: target,
          netId,
          security,
          fingerprint: values.fingerprint ?? null,
          ...(security === 'psk'
            ? { psk: { identity: values['psk-identity'], password: values['psk-password'], keyHex: values['psk-key'] } }
            : {}),
          ...(security === 'ca'
            ? {
                ca: {
                  caPath: values.ca,
                  certPath: values.cert,
                  keyPath: values.key,
                  keyPassword: values['key-password'],
                  ignoreCn: values['ignore-cn'] === true,
                },
              }
            : {}),
          ...(values['local-netid'] ? { localNetId: values['local-netid'] } : {}),
          ports: { ...(ports.ads !== undefined ? { ads: ports.ads } : {}), ...(ports.tls !== undefined ? { tls: ports.tls } : {}) },
          timeoutMs: Math.min(60_000, Math.max(500, timeoutMs)),
        });
      } catch (error) {
        throw new UsageError(`invalid arguments: ${error instanceof Error ? error.message : String(error)}`);
      }

      if (action === 'list') {
        try {
          const list = await listTargetRoutes(connection, deps);
          if (json) io.stdout(`${JSON.stringify(listJson(target, list), null, 2)}\n`);
          else printList(io, target, list);
          return 0;
        } catch (error) {
          return fail(error, netId);
        }
      }

      const routeName = name as string;
      try {
        if (!values.yes) {
          const list = await listTargetRoutes(connection, deps);
          const entry = list.routes.find((r) => r.name === routeName);
          if (!entry)
            throw new SystemServiceError(
              'ads-not-found',
              `${target} has no route named "${routeName}" (names are case-sensitive)`,
              0x70c,
              null,
            );
          const warning = entry.thisPc
            ? ` This is the route back to THIS PC (${entry.netId}): removing it cuts this PC's access to ${target}.`
            : '';
          const answer =
            (await io.prompt?.(
              `Remove route "${routeName}" (${entry.netId ?? '?'} at ${entry.address}) from ${target}?${warning} [y/N] `,
            )) ?? null;
          if (answer === null) throw new UsageError('removing needs --yes when there is no terminal to ask');
          if (!/^y(es)?$/i.test(answer.trim())) {
            io.stderr('not removed\n');
            return 1;
          }
        }
        const outcome = await removeTargetRoute(connection, routeName, deps);
        const ok = outcome.removed;
        if (json) {
          io.stdout(
            `${JSON.stringify({ ok, target, netId, name: routeName, removed: outcome.removed, accessLost: outcome.accessLost, routes: outcome.after ? listJson(target, outcome.after).routes : null }, null, 2)}\n`,
          );
        } else if (outcome.accessLost) {
          io.stdout(`route "${routeName}" removed from ${target}; it was this PC's own route, so ${target} no longer answers this PC\n`);
        } else if (ok) {
          io.stdout(`route "${routeName}" removed from ${target} (confirmed: no longer listed)\n`);
        } else {
          io.stderr(`route "${routeName}" is still listed on ${target} after the remove\n`);
        }
        return ok ? 0 : 1;
      } catch (error) {
        if (error instanceof UsageError) throw error;
        return fail(error, netId);
      }
    },
  };
}

function listJson(target: string, list: TargetRouteList): TargetRoutesListJson {
  return {
    ok: true,
    target,
    netId: list.netId,
    routes: list.routes.map((r) => ({ name: r.name, netId: r.netId, address: r.address, raw: r.raw })),
  };
}

function printList(io: CliIo, target: string, list: TargetRouteList): void {
  const state = list.state ? `, ${list.state.name}` : '';
  io.stdout(`${list.routes.length} route(s) on ${target} (${list.netId}${state}):\n`);
  const width = Math.max(4, ...list.routes.map((r) => r.name.length));
  for (const r of list.routes) {
    const mark = r.thisPc ? '  ← this PC' : '';
    io.stdout(`  ${r.name.padEnd(width)}  ${(r.netId ?? '?').padEnd(20)}  ${r.address}${mark}\n`);
    for (const note of r.notes) io.stdout(`    ! ${note} (raw ${r.raw})\n`);
  }
  if (list.endNote) io.stdout(`  ! ${list.endNote}\n`);
}

function describe(error: unknown): { code: string; message: string; fix: string | null } {
  if (error instanceof RouteFailure || error instanceof SystemServiceError)
    return { code: error.code, message: error.message, fix: error.fix };
  if (error instanceof Error && 'code' in error && typeof error.code === 'string')
    return { code: error.code, message: error.message, fix: null };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error), fix: null };
}

export const targetRoutesCommand = createTargetRoutesCommand();
