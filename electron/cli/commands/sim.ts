import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadCertificateFile, loadPrivateKeyFile } from '../../services/certificates/load-files';
import { startVirtualTargets, type VirtualTarget } from '../../sim/virtual-target';
import type { VirtualTargetInput } from '../../sim/config';
import { isSimOs } from '../../sim/os-presets';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { parseArgs } from '../run-cli';

const USAGE = `Usage: adsroute sim [options]

Runs one or more virtual TwinCAT systems (UDP 48899 discovery/add route, TCP 48898 ADS, TCP 8016 Secure ADS)
until Ctrl+C. Bind them to loopback addresses (127.x) or to lab network namespaces only.

Options:
  --bind IP              address to listen on (default 127.0.0.2)
  --name NAME            host name (default SIM-<address>)
  --netid NETID          AMS NetId (default <address>.1.1)
  --os win10|win7|ce|tcbsd
  --twincat VERSION      e.g. 3.1.4024 (default per OS)
  --user NAME            account for route adds (default Administrator)
  --password TEXT        its password (default 1)
  --psk IDENTITY:SECRET  PSK identity for Secure ADS (repeatable)
  --ca FILE --cert FILE --key FILE [--key-password TEXT] [--ignore-cn]
                         shared-CA mode: root CA, this target's certificate and key (.pem or .der)
  --secure-only          TCP 48898 listens but refuses plain ADS
  --no-discovery         no UDP 48899      --no-tls   no TCP 8016      --no-tcp   no TCP 48898
  --config-mode          report ADS state CONFIG instead of RUN
  --state DIR            keep TcSelfSigned.xml and StaticRoutes.xml here (default: a temp folder)
  --config FILE.json     JSON array of targets (each like the options above, e.g. {"address":"127.0.0.3","os":"tcbsd"})
  --broadcast IP         also receive broadcasts sent to IP (repeatable)
  --udp-port N --ads-port N --tls-port N   port overrides
  --json                 one JSON line per target once listening`;

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
        ca: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        'key-password': { type: 'string' },
        'ignore-cn': { type: 'boolean' },
        'secure-only': { type: 'boolean' },
        'no-discovery': { type: 'boolean' },
        'no-tls': { type: 'boolean' },
        'no-tcp': { type: 'boolean' },
        'config-mode': { type: 'boolean' },
        state: { type: 'string' },
        config: { type: 'string' },
        broadcast: { type: 'string', multiple: true },
        'udp-port': { type: 'string' },
        'ads-port': { type: 'string' },
        'tls-port': { type: 'string' },
        json: { type: 'boolean' },
      },
    });

    let inputs: VirtualTargetInput[];
    if (values.config) {
      inputs = await readConfigFile(values.config);
    } else {
      if (values.os !== undefined && !isSimOs(values.os)) throw new UsageError(`--os must be win10, win7, ce or tcbsd`);
      const psk = (values.psk ?? []).map((entry) => {
        const at = entry.indexOf(':');
        if (at <= 0) throw new UsageError('--psk expects IDENTITY:SECRET');
        return { identity: entry.slice(0, at), secret: entry.slice(at + 1) };
      });
      const caFiles = [values.ca, values.cert, values.key];
      if (caFiles.some(Boolean) && !caFiles.every(Boolean)) throw new UsageError('--ca, --cert and --key go together');
      const ca = values.ca && values.cert && values.key
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
          ...(values.os ? { os: values.os as VirtualTargetInput['os'] } : {}),
          ...(values.twincat ? { twincat: values.twincat } : {}),
          ...(values.user !== undefined ? { user: values.user } : {}),
          ...(values.password !== undefined ? { password: values.password } : {}),
          ...(psk.length ? { psk } : {}),
          ...(ca ? { ca } : {}),
          secureOnly: values['secure-only'] ?? false,
          discovery: !values['no-discovery'],
          tls: !values['no-tls'],
          tcp: !values['no-tcp'],
          runState: values['config-mode'] ? 'config' : 'run',
          ...(values.state ? { stateDir: resolve(values.state) } : {}),
          ...(Object.keys(ports).length ? { ports } : {}),
          ...(values.broadcast?.length ? { broadcastAddresses: values.broadcast } : {}),
        },
      ];
    }

    const targets = await startVirtualTargets(inputs);
    for (const target of targets) io.stdout(`${values.json ? readyJson(target) : readyText(target)}\n`);
    await io.interrupted;
    await Promise.all(targets.map((t) => t.stop()));
    if (!values.json) io.stdout('virtual targets stopped\n');
    return 0;
  },
};

async function readConfigFile(path: string): Promise<VirtualTargetInput[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    const why = (error as { code?: unknown }).code === 'ENOENT' ? 'does not exist' : 'is not valid JSON';
    throw new UsageError(`--config ${path} ${why}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) throw new UsageError(`--config ${path} must hold a non-empty JSON array of targets`);
  // Each entry is validated by the simulator itself, which names the offending field.
  return parsed as VirtualTargetInput[];
}

function portArg(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be a port number 0-65535`);
  return n;
}

function readyJson(t: VirtualTarget): string {
  return JSON.stringify({ event: 'ready', name: t.config.name, netId: t.netId, address: t.address, fingerprint: t.config.tls ? t.fingerprint : null });
}

function readyText(t: VirtualTarget): string {
  const c = t.config;
  const parts = [
    `udp ${t.ports.udp ?? 'off'}`,
    `ads ${t.ports.ads ?? 'off'}${c.secureOnly ? ' (secure only)' : ''}`,
    `tls ${t.ports.tls ?? 'off'}`,
  ];
  const lines = [`ready: ${c.name}  NetId ${t.netId}  at ${t.address}  (${c.os}, TwinCAT ${c.twincat}; ${parts.join(', ')})`];
  if (c.tls) lines.push(`       fingerprint ${t.fingerprint}`);
  lines.push(`       state ${t.stateDir}`);
  return lines.join('\n');
}
