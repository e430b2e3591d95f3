import { resolve } from 'node:path';
import { CertificateError } from '../../services/certificates/certificate-error';
import { loadCertificateFile, loadPrivateKeyFile } from '../../services/certificates/load-files';
import { readUserFile } from '../../services/certificates/user-file';
import { startVirtualTargets, type VirtualTarget } from '../../sim/virtual-target';
import { MAX_SERVICE_TIME_MS, type VirtualTargetInput } from '../../sim/config';
import { isSimOs, OS_WITH_BUILD, SIM_OS_NAMES, type SimOs } from '../../sim/os-presets';
import type { SimLogEntry } from '../../sim/sim-log';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { parseArgs } from '../run-cli';

const USAGE = `Usage: adsroute sim [options]

Runs one or more virtual TwinCAT systems (UDP 48899 discovery/add route, TCP 48898 ADS, TCP 8016 Secure ADS)
until Ctrl+C. Bind them to loopback addresses (127.x) or to lab network namespaces only.

Options:
  --bind IP              address to listen on (default 127.0.0.2); outside 127.0.0.0/8 only with --allow-lan
  --allow-lan            allow addresses outside loopback (and broadcast addresses): the target accepts a well-known
                         login (Administrator / 1 unless --password says otherwise), so keep it to lab networks
  --name NAME            host name (default SIM-<address>)
  --netid NETID          AMS NetId (default <address>.1.1)
  --os win10[:BUILD]|win7|ce|ce7|tcbsd
                         OS in discovery: Windows 10 (build 19045 unless given, e.g. win10:22621 = Windows 11),
                         Windows 7 SP1, Windows CE 6 (ce), Windows CE 7 (ce7), TwinCAT/BSD 14
  --twincat VERSION      e.g. 3.1.4024 (default per OS)
  --user NAME            account for route adds (default Administrator)
  --password TEXT        its password (default 1)
  --psk IDENTITY:SECRET  PSK identity for Secure ADS (repeatable)
  --psk-accept-ems       accept PSK handshakes whose ClientHello offers extended master secret or
                         encrypt-then-MAC (TwinCAT refuses them, and so does the target by default; OpenSSL 3.0's
                         s_client cannot leave EMS out)
  --ca FILE --cert FILE --key FILE [--key-password TEXT] [--ignore-cn]
                         shared-CA mode: root CA, this target's certificate and key (.pem or .der)
  --secure-only          TCP 48898 listens but refuses plain ADS (--no-secure-only: it does not)
  --no-discovery         no UDP 48899      --no-tls   no TCP 8016      --no-tcp   no TCP 48898
  --discovery --tls --tcp                  turn a listener on that the state folder has switched off
  --config-mode          report ADS state CONFIG instead of RUN
  --state DIR            keep TcSelfSigned.xml, StaticRoutes.xml (routes, <Server>, SecureOnly) and
                         TcRegistry.xml (DisableAds* switches) here; when they exist they configure the target
                         unless a flag says otherwise (default: a fresh temp folder)
  --config FILE.json     JSON array of targets (each like the options above, e.g. {"address":"127.0.0.3","os":"tcbsd"}
                         or {"address":"127.0.0.4","os":"win10","osBuild":19044})
  --broadcast IP         also receive broadcasts sent to IP (repeatable)
  --no-subnet-broadcast  do not receive the subnet-directed broadcast of the bound interface (received by default
                         when bound to a non-loopback address, as TwinCAT does)
  --udp-port N --ads-port N --tls-port N   port overrides
  --handshake-delay MS   time this target takes per TLS handshake, as a timer (default 0): stands for a slow
                         PLC's DHE + RSA compute without using this PC's CPU
  --ads-delay MS         time per ADS request (TCP, TLS and UDP route adds), as a timer (default 0)
  --json                 one JSON line per target once listening, then one {"event":"log",...} line per log entry
                         (without --json: readable lines). The log names failed connections with their reason
                         and stored routes; it never contains a password, PSK secret or key.

Exit status: 0 after Ctrl+C; 1 when a target cannot start (address in use, unreadable state folder); 2 usage error.`;

/** `adsroute sim`: a virtual TwinCAT target for tests, demos and training. */
export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'run virtual TwinCAT systems (discovery, add route, ADS, Secure ADS)',
  usage: USAGE,
  async run(argv: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        bind: { type: 'string' },
        name: { type: 'string' },
        netid: { type: 'string' },
        os: { type: 'string' },
        twincat: { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        psk: { type: 'string', multiple: true },
        'psk-accept-ems': { type: 'boolean' },
        ca: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'key-password': { type: 'string' },
        'ignore-cn': { type: 'boolean' },
        'secure-only': { type: 'boolean' },
        'no-secure-only': { type: 'boolean' },
        discovery: { type: 'boolean' },
        'no-discovery': { type: 'boolean' },
        tls: { type: 'boolean' },
        'no-tls': { type: 'boolean' },
        tcp: { type: 'boolean' },
        'no-tcp': { type: 'boolean' },
        'config-mode': { type: 'boolean' },
        'allow-lan': { type: 'boolean' },
        state: { type: 'string' },
        config: { type: 'string' },
        broadcast: { type: 'string', multiple: true },
        'no-subnet-broadcast': { type: 'boolean' },
        'udp-port': { type: 'string' },
        'ads-port': { type: 'string' },
        'tls-port': { type: 'string' },
        'handshake-delay': { type: 'string' },
        'ads-delay': { type: 'string' },
        json: { type: 'boolean' },
      },
    });

    const serviceTime = {
      ...(values['handshake-delay'] !== undefined ? { handshakeMs: delayArg('--handshake-delay', values['handshake-delay']) } : {}),
      ...(values['ads-delay'] !== undefined ? { adsMs: delayArg('--ads-delay', values['ads-delay']) } : {}),
    };
    let inputs: VirtualTargetInput[];
    if (values.config) {
      // The delay flags apply to every target of the file unless its entry names its own.
      inputs = await readConfigFile(values.config);
      if (Object.keys(serviceTime).length) {
        inputs = inputs.map((input) =>
          typeof input === 'object' && input !== null && !Array.isArray(input)
            ? { ...input, serviceTime: { ...serviceTime, ...input.serviceTime } }
            : input,
        );
      }
    } else {
      const os = values.os !== undefined ? osArg(values.os) : undefined;
      const psk = (values.psk ?? []).map((entry) => {
        const at = entry.indexOf(':');
        if (at <= 0) throw new UsageError('--psk expects IDENTITY:SECRET');
        return { identity: entry.slice(0, at), secret: entry.slice(at + 1) };
      });
      const caFiles = [values.ca, values.cert, values.key];
      if (caFiles.some(Boolean) && !caFiles.every(Boolean)) throw new UsageError('--ca, --cert and --key go together');
      const ca =
        values.ca && values.cert && values.key
          ? {
              caPem: (await loadCertificateFile(values.ca)).pem,
              certPem: (await loadCertificateFile(values.cert)).pem,
              keyPem: await loadPrivateKeyFile(values.key, values['key-password']),
              ignoreCn: values['ignore-cn'] ?? false,
            }
          : undefined;
      const ports = {
        ...(values['udp-port'] ? { udp: portArg('--udp-port', values['udp-port']) } : {}),
        ...(values['ads-port'] ? { ads: portArg('--ads-port', values['ads-port']) } : {}),
        ...(values['tls-port'] ? { tls: portArg('--tls-port', values['tls-port']) } : {}),
      };
      inputs = [
        {
          ...(values.bind ? { address: values.bind } : {}),
          ...(values.name ? { name: values.name } : {}),
          ...(values.netid ? { netId: values.netid } : {}),
          ...(os ? { os: os.os } : {}),
          ...(os?.build !== undefined ? { osBuild: os.build } : {}),
          ...(values.twincat ? { twincat: values.twincat } : {}),
          ...(values.user !== undefined ? { user: values.user } : {}),
          ...(values.password !== undefined ? { password: values.password } : {}),
          ...(psk.length ? { psk } : {}),
          ...(values['psk-accept-ems'] ? { pskAcceptEms: true } : {}),
          ...(ca ? { ca } : {}),
          // Only switches the user named: the others come from the state folder (or the defaults).
          ...switchArg('secure-only', values['secure-only'], values['no-secure-only'], 'secureOnly'),
          ...switchArg('discovery', values.discovery, values['no-discovery'], 'discovery'),
          ...switchArg('tls', values.tls, values['no-tls'], 'tls'),
          ...switchArg('tcp', values.tcp, values['no-tcp'], 'tcp'),
          runState: values['config-mode'] ? 'config' : 'run',
          ...(values.state ? { stateDir: resolve(values.state) } : {}),
          ...(Object.keys(ports).length ? { ports } : {}),
          ...(values.broadcast?.length ? { broadcastAddresses: values.broadcast } : {}),
          ...(values['no-subnet-broadcast'] ? { subnetBroadcast: false } : {}),
          ...(Object.keys(serviceTime).length ? { serviceTime } : {}),
        },
      ];
    }

    // Only this flag lets a target listen on the network, whatever a --config file says.
    const allowLan = values['allow-lan'] === true;
    const targets = await startVirtualTargets(
      inputs.map((input) => (typeof input === 'object' && input !== null && !Array.isArray(input) ? { ...input, allowLan } : input)),
    );
    for (const target of targets) io.stdout(`${values.json ? readyJson(target) : readyText(target)}\n`);
    // The event log follows the ready lines: first what happened while later targets were starting, then live.
    const unsubscribe: Array<() => void> = [];
    for (const target of targets) {
      const print = (entry: SimLogEntry) => io.stdout(`${values.json ? logJson(target, entry) : logText(target, entry)}\n`);
      for (const entry of target.log()) if (entry.kind !== 'listening') print(entry);
      target.events.on('entry', print);
      unsubscribe.push(() => target.events.off('entry', print));
    }
    await io.interrupted;
    await Promise.all(targets.map((t) => t.stop()));
    for (const off of unsubscribe) off();
    if (!values.json) io.stdout('virtual targets stopped\n');
    return 0;
  },
};

async function readConfigFile(path: string): Promise<VirtualTargetInput[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse((await readUserFile(resolve(path), 'config file')).toString('utf8'));
  } catch (error) {
    throw new UsageError(error instanceof CertificateError ? `--config: ${error.message}` : `--config ${path} is not valid JSON`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new UsageError(`--config ${path} must hold a non-empty JSON array of targets`);
  // Each entry is validated by the simulator itself, which names the offending field.
  return parsed as VirtualTargetInput[];
}

function osArg(text: string): { os: SimOs; build?: number } {
  const [name = '', build, ...rest] = text.split(':');
  if (!isSimOs(name) || rest.length) throw new UsageError(`--os must be ${SIM_OS_NAMES.join(', ')} (win10 optionally with :BUILD)`);
  if (build === undefined) return { os: name };
  if (!OS_WITH_BUILD.has(name)) throw new UsageError(`--os ${name} takes no build number; only ${[...OS_WITH_BUILD].join(', ')} does`);
  const n = Number(build);
  if (!/^\d+$/.test(build) || !Number.isSafeInteger(n) || n > 0xffffffff)
    throw new UsageError(`--os ${name}:BUILD needs a build number such as 19045`);
  return { os: name, build: n };
}

type Switch = 'secureOnly' | 'discovery' | 'tls' | 'tcp';

/** `--x` / `--no-x`: true, false, or nothing when neither is given (the state folder or the default decides). */
function switchArg(flag: string, on: boolean | undefined, off: boolean | undefined, field: Switch): Partial<Record<Switch, boolean>> {
  if (on && off) throw new UsageError(`--${flag} and --no-${flag} contradict each other`);
  if (on) return { [field]: true };
  if (off) return { [field]: false };
  return {};
}

function portArg(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number 0-65535`);
  return n;
}

function delayArg(flag: string, text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(n) || n > MAX_SERVICE_TIME_MS)
    throw new UsageError(`${flag} must be whole milliseconds 0-${MAX_SERVICE_TIME_MS}`);
  return n;
}

function readyJson(t: VirtualTarget): string {
  return JSON.stringify({
    event: 'ready',
    name: t.config.name,
    netId: t.netId,
    address: t.address,
    fingerprint: t.config.tls ? t.fingerprint : null,
  });
}

function logJson(t: VirtualTarget, e: SimLogEntry): string {
  return JSON.stringify({
    event: 'log',
    name: t.config.name,
    address: t.address,
    time: e.time,
    kind: e.kind,
    transport: e.transport,
    ...(e.peer !== undefined ? { peer: e.peer } : {}),
    ...(e.reason !== undefined ? { reason: e.reason } : {}),
    message: e.message,
  });
}

function logText(t: VirtualTarget, e: SimLogEntry): string {
  const where = `${e.transport}${e.peer ? ` ${e.peer}` : ''}`;
  return `${e.time}  ${t.config.name}  ${where}  ${e.kind}${e.reason ? ` (${e.reason})` : ''}: ${e.message}`;
}

function readyText(t: VirtualTarget): string {
  const c = t.config;
  const parts = [
    `udp ${t.ports.udp ?? 'off'}`,
    `ads ${t.ports.ads ?? 'off'}${c.secureOnly ? ' (secure only)' : ''}`,
    `tls ${t.ports.tls ?? 'off'}`,
  ];
  const lines = [
    `ready: ${c.name}  NetId ${t.netId}  at ${t.address}  (${c.os}${c.osBuild !== undefined ? `:${c.osBuild}` : ''}, TwinCAT ${c.twincat}; ${parts.join(', ')})`,
  ];
  if (c.tls) lines.push(`       fingerprint ${t.fingerprint}`);
  lines.push(`       state ${t.stateDir}`);
  return lines.join('\n');
}
