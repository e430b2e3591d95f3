import { isIP } from 'node:net';
import { parseArgs } from '../run-cli';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { readSecrets, SECRET_HELP, SECRET_STDIN_OPTIONS } from '../secrets';
import { osLoginTextProblem } from '../../../shared/domain/login-text';
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
import { routesRequests } from '../../../shared/ipc/channels/routes';
import { normalizeFingerprint } from '../../../shared/protocol/fingerprint';
import { isNetId } from '../../../shared/protocol/netid';
import { defaultDataDir } from '../../services/app/data-dir';
import { IdentityService } from '../../services/identity/index';
import { LocalTwinCatRoutes } from '../../services/server-config/local-twincat-routes';
import { LogBook } from '../../services/log/logger';
import { KnownFingerprintStore } from '../../services/known-fingerprints/known-fingerprint-store';
import { LocalRouteStore } from '../../services/routes/local-route-store';
import { createRoutes, type RouteDeps, type RoutesAddRequest, type TargetResult } from '../../services/routes/route-orchestrator';
import type { StepEvent } from '../../services/routes/step-runner';
import { engineConnector } from '../../services/ads/secure/default-connector';
import { RouteFailure } from '../../services/ads/route-failure';
import type { TlsConnector } from '../../services/ads/secure/secure-transport';
import { discoverHost } from '../../services/ads/udp/udp-discover';

const USAGE = `Usage: adsroute add-route TARGET --secure ssc|psk|ca|none [options]

Creates an ADS route on TARGET (host name or IP) and on this PC, then proves it with an ADS ReadState.

Security:
  --secure ssc            self-signed certificate; needs --fingerprint (from \`adsroute probe TARGET\`, checked out of
                          band against "About TwinCAT" on the target) or --known-fingerprint, and --user with a password
  --known-fingerprint     SSC without --fingerprint: pin the fingerprint remembered for the target's NetId after an
                          earlier verified route (see \`adsroute known-fingerprints list\`); fails if none is known
  --secure psk            pre-shared key: --psk-identity ID with a PSK password or a 64-hex key
  --secure ca             shared CA: --ca FILE --cert FILE --key FILE [key password] [--ignore-cn]
  --secure none           plain ADS route over UDP 48899: --user with a password
  --legacy-crypto         old targets only: also accept 1024-bit RSA server keys and DH groups other than
                          RFC 7919 / RFC 3526 (refused by default: weaker against a patient attacker)
Credentials:
  --user U                OS account on the target
  --password-stdin        read the password from standard input (preferred), or set ADSROUTE_PASSWORD
  --password P            password as an argument (visible to other users of this computer)
  --psk-password-stdin, --psk-password PW, ADSROUTE_PSK_PASSWORD   PSK password (a weak one can be guessed
                          offline from a recorded handshake: prefer a 64-hex key)
  --psk-key-stdin, --psk-key HEX, ADSROUTE_PSK_KEY                 PSK key as 64 hex digits
  --key-password-stdin, --key-password P, ADSROUTE_KEY_PASSWORD     password of an encrypted --key
Route:
  --route-name N          name of the route on this PC (default: the target's host name)
  --remote-route-name N   name of this PC's entry on the target (default: this PC's host name)
  --netid NETID           the target's AMS NetId (default: ask the target over UDP 48899)
  --local-netid NETID     this PC's AMS NetId (default: configured, else adapter address + .1.1)
  --temporary             temporary routes (plain ADS: until the target's router restarts; this PC: not saved)
  --data-dir DIR          where this PC's client certificate and route list live
  --timeout MS            per step (default 5000)
  --udp-port N --ads-port N --tls-port N   other ports (labs and tests)
  --json                  print {ok, target, netId, mode, fingerprint, steps, error?}

${SECRET_HELP}

Exit status: 0 only when the route was created and verified; 1 otherwise; 2 usage error.`;

export interface AddRouteJson {
  ok: boolean;
  target: string;
  netId: string | null;
  mode: 'ssc' | 'psk' | 'ca' | 'none';
  fingerprint: string | null;
  steps: Array<{ name: string; ok: boolean; ms: number }>;
  error?: { code: string; message: string; fix: string | null };
}

const MODES = ['ssc', 'psk', 'ca', 'none'] as const;
type Mode = (typeof MODES)[number];

export function createAddRouteCommand(connector: TlsConnector = engineConnector): CliCommand {
  return {
    name: 'add-route',
    summary: 'create and verify a (Secure) ADS route to one target',
    usage: USAGE,
    async run(argv, io) {
      const { values, positionals } = parseArgs({
        args: argv,
        allowPositionals: true,
        strict: true,
        options: {
          secure: { type: 'string' },
          fingerprint: { type: 'string' },
          'known-fingerprint': { type: 'boolean' },
          user: { type: 'string' },
          password: { type: 'string' },
          ...PSK_OPTIONS,
          ca: { type: 'string' },
          cert: { type: 'string' },
          key: { type: 'string' },
          'key-password': { type: 'string' },
          ...SECRET_STDIN_OPTIONS,
          'ignore-cn': { type: 'boolean' },
          'legacy-crypto': { type: 'boolean' },
          'route-name': { type: 'string' },
          'remote-route-name': { type: 'string' },
          'local-netid': { type: 'string' },
          netid: { type: 'string' },
          temporary: { type: 'boolean' },
          'data-dir': { type: 'string' },
          ...TIMEOUT_OPTION,
          json: { type: 'boolean' },
          ...PORT_OVERRIDE_OPTIONS,
        },
      });
      const target = positionals[0];
      if (!target || positionals.length > 1) throw new UsageError('give exactly one TARGET');
      const mode: Mode = choiceOption(values.secure, 'secure', MODES);
      let fingerprint: string | null = null;
      const useKnown = values['known-fingerprint'] === true;
      if (useKnown && mode !== 'ssc') throw new UsageError('--known-fingerprint applies to --secure ssc only');
      if (useKnown && values.fingerprint !== undefined) throw new UsageError('use either --fingerprint or --known-fingerprint');
      if (mode === 'ssc' && !useKnown) {
        if (values.fingerprint === undefined) {
          throw new UsageError(
            'SSC needs --fingerprint: run `adsroute probe ' +
              target +
              '`, compare the fingerprint with "About TwinCAT" on the target (out of band), then pass it here; or --known-fingerprint to pin the one remembered from an earlier verified route. The CLI never trusts a certificate silently.',
          );
        }
        fingerprint = normalizeFingerprint(values.fingerprint);
        if (!fingerprint) throw new UsageError('--fingerprint must be 64 hex digits (colons, spaces and dashes are ignored)');
      }
      for (const [flag, value] of [
        ['netid', values.netid],
        ['local-netid', values['local-netid']],
      ] as const) {
        if (value !== undefined && !isNetId(value)) throw new UsageError(`--${flag} must be an AMS NetId like 5.36.69.176.1.1`);
      }
      const credentials = await readCredentials(mode, values, io);
      const timeoutMs = msOption(values.timeout, 'timeout', 5000);
      const ports = portOverrides(values);

      const logBook = new LogBook();
      const dataDir = values['data-dir'] ?? defaultDataDir();
      const identity = new IdentityService(dataDir);
      const knownFingerprints = new KnownFingerprintStore(dataDir, logBook.logger('known-fingerprints'));
      const localNetIdFor = async (address: string) => values['local-netid'] ?? identity.localNetIdFor(address);
      const signal = interruptSignal(io);
      const deps: RouteDeps = {
        identity: {
          clientCertificate: () => identity.clientCertificate(),
          hostname: () => identity.hostname(),
          localNetIdFor,
          localAddressFor: (t) => identity.localAddressFor(t),
        },
        store: new LocalRouteStore(dataDir, logBook.logger('routes')),
        connector,
        logger: logBook.logger('add-route'),
        knownFingerprints,
        // This PC's own TwinCAT (when it has one) gets the static route in its StaticRoutes.xml too, as the app does.
        twincat: new LocalTwinCatRoutes({ dataDir, logger: logBook.logger('twincat-routes') }),
      };

      let netId = values.netid ?? null;
      let routeName = values['route-name'];
      if (netId === null) {
        try {
          const info = await discoverHost({ host: target, port: ports.udp, localNetId: await localNetIdFor(target), timeoutMs, signal });
          netId = info.netId;
          routeName ??= info.hostname;
        } catch (error) {
          const failure = error instanceof RouteFailure ? error : new RouteFailure('unreachable', String(error), null);
          return report(io, values.json === true, {
            ok: false,
            target,
            netId: null,
            mode,
            fingerprint: null,
            steps: [{ name: 'resolve', ok: false, ms: 0 }],
            error: {
              code: failure.code,
              message: `cannot ask ${target} for its NetId: ${failure.message}`,
              fix: `${failure.fix ?? ''} (or pass --netid)`.trim(),
            },
          });
        }
      }
      if (useKnown) {
        const known = await knownFingerprints.get(netId);
        if (!known) {
          return report(io, values.json === true, {
            ok: false,
            target,
            netId,
            mode,
            fingerprint: null,
            steps: [{ name: 'fingerprint', ok: false, ms: 0 }],
            error: {
              code: 'fingerprint-unverified',
              message: `no fingerprint is known for ${netId}`,
              fix: 'pass --fingerprint after comparing it with "About TwinCAT" on the target',
            },
          });
        }
        fingerprint = known.fingerprint;
        if (values.json !== true) io.stdout(`  using the fingerprint known for ${netId} since ${known.firstSeen}\n`);
      } else if (fingerprint !== null) {
        const known = await knownFingerprints.get(netId);
        if (known && known.fingerprint !== fingerprint) io.stderr(`${changedWarning(netId, known.firstSeen)}\n`);
      }
      let request: RoutesAddRequest;
      try {
        request = routesRequests['routes:add'].request.parse({
          targets: [
            {
              settings: {
                routeName: (routeName ?? target).slice(0, 63),
                netId,
                address: target,
                addressKind: isIP(target) ? 'ip' : 'hostname',
                connectionTimeoutMs: Math.max(500, timeoutMs),
                targetRoute: values.temporary ? 'temporary' : 'static',
                remoteRoute: values.temporary ? 'temporary' : 'static',
                remoteRouteName: (values['remote-route-name'] ?? (await identity.hostname())).slice(0, 63),
                security: mode,
                legacyCrypto: values['legacy-crypto'] === true,
              },
              expectedFingerprint: fingerprint,
            },
          ],
          credentials,
          concurrency: 1,
          ports: Object.fromEntries(Object.entries(ports).filter(([, v]) => v !== undefined)),
        });
      } catch (error) {
        throw new UsageError(`invalid arguments: ${zodSummary(error)}`);
      }
      const [result] = await createRoutes(request, deps, values.json ? () => undefined : (e) => printStep(io, e), signal);
      return report(io, values.json === true, toJson(result!, mode));
    },
  };
}

async function readCredentials(mode: Mode, values: Record<string, string | boolean | undefined>, io: CliIo): Promise<unknown> {
  const text = (name: string) => values[name] as string | undefined;
  if (mode === 'psk') {
    const identity = text('psk-identity');
    if (!identity) throw new UsageError('--secure psk needs --psk-identity');
    const secrets = await readSecrets([['psk-password', 'psk-key']], values, io);
    if (!hasOnePskSecret(secrets))
      throw new UsageError(
        '--secure psk needs a PSK password or key (one of them): --psk-password-stdin, --psk-key-stdin, ADSROUTE_PSK_PASSWORD or ADSROUTE_PSK_KEY',
      );
    if (secrets['psk-key'] !== undefined && !/^[0-9a-fA-F]{64}$/.test(secrets['psk-key']))
      throw new UsageError('the PSK key must be 64 hex digits');
    return { kind: 'psk', identity, password: secrets['psk-password'], keyHex: secrets['psk-key'] };
  }
  if (mode === 'ca') {
    const [caPath, certPath, keyPath] = [text('ca'), text('cert'), text('key')];
    if (!caPath || !certPath || !keyPath) throw new UsageError('--secure ca needs --ca, --cert and --key');
    const secrets = await readSecrets([['key-password']], values, io);
    return { kind: 'ca', caPath, certPath, keyPath, keyPassword: secrets['key-password'], ignoreCn: values['ignore-cn'] === true };
  }
  const user = text('user');
  if (!user) throw new UsageError(`--secure ${mode} needs --user (an OS account on the target)`);
  const { password } = await readSecrets([['password']], values, io);
  if (password === undefined) throw new UsageError('a password is needed: --password-stdin (preferred), ADSROUTE_PASSWORD or --password');
  const textProblem = osLoginTextProblem(user, password);
  if (textProblem) throw new UsageError(textProblem);
  return { kind: 'os', user, password };
}

function toJson(result: TargetResult, mode: Mode): AddRouteJson {
  const out: AddRouteJson = {
    ok: result.ok,
    target: result.target,
    netId: result.netId,
    mode,
    fingerprint: result.fingerprint,
    steps: result.steps.map((s) => ({ name: s.step, ok: s.ok, ms: s.ms })),
  };
  if (result.error) out.error = { code: result.error.code, message: result.error.message, fix: result.error.fix };
  return out;
}

function report(io: CliIo, json: boolean, out: AddRouteJson): number {
  if (json) io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  else if (out.ok) io.stdout(`route to ${out.target} (${out.netId}) created and verified\n`);
  else
    io.stderr(
      `route to ${out.target} failed: ${out.error?.code}: ${out.error?.message}${out.error?.fix ? `\n  → ${out.error.fix}` : ''}\n`,
    );
  return out.ok ? 0 : 1;
}

function printStep(io: CliIo, e: StepEvent): void {
  if (e.status === 'running') return;
  const mark = e.status === 'ok' ? 'ok  ' : e.status === 'failed' ? 'FAIL' : 'skip';
  const ms = e.ms === null ? '' : ` (${e.ms} ms)`;
  const detail = e.error ? e.error.message : (e.detail ?? '');
  io.stdout(`  ${mark} ${e.step.padEnd(12)}${ms}${detail ? `  ${detail}` : ''}\n`);
}

/** Said whenever a NetId presents another certificate than the one remembered; the user's --fingerprint still decides. */
function changedWarning(netId: string, since: string): string {
  return `WARNING: the fingerprint of ${netId} changed since ${since.slice(0, 10)}: the target was reinstalled, or someone is in between. Continuing only because --fingerprint pins the new one.`;
}

function zodSummary(error: unknown): string {
  const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
  if (!issues) return error instanceof Error ? error.message : String(error);
  return issues
    .map(
      (i) =>
        `${i.path
          .map(String)
          .filter((p) => !/^\d+$/.test(p) && p !== 'targets' && p !== 'settings')
          .join('.')}: ${i.message}`,
    )
    .join('; ');
}

export const addRouteCommand = createAddRouteCommand();
