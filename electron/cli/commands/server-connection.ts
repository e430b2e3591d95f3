import { isNetId } from '../../../shared/protocol/netid';
import { normalizeFingerprint } from '../../../shared/protocol/fingerprint';
import { targetConnectionSchema, type TargetConnection } from '../../../shared/ipc/channels/server-config';
import { discoverHost } from '../../services/ads/udp/udp-discover';
import { RouteFailure } from '../../services/ads/route-failure';
import { UsageError, type CliIo } from '../command';
import { readSecrets } from '../secrets';
import { choiceOption, PORT_OVERRIDE_OPTIONS, PSK_OPTIONS, TIMEOUT_OPTION, hasOnePskSecret, msOption, portOverrides } from '../options';

/** How server-config and restart reach a target: the connection options of add-route, for the route that exists. */
export const CONNECTION_OPTIONS = {
  secure: { type: 'string' },
  fingerprint: { type: 'string' },
  ...PSK_OPTIONS,
  'via-ca': { type: 'string' },
  'via-cert': { type: 'string' },
  'via-key': { type: 'string' },
  'via-key-password': { type: 'string' },
  'via-ignore-cn': { type: 'boolean' },
  netid: { type: 'string' },
  'local-netid': { type: 'string' },
  'data-dir': { type: 'string' },
  ...TIMEOUT_OPTION,
  ...PORT_OVERRIDE_OPTIONS,
} as const;

export const CONNECTION_USAGE = `Connection (the route this PC already has to TARGET, as for add-route):
  --secure none|psk|ssc|ca   plain ADS (default) or Secure ADS
  --fingerprint FP           ssc: the target's pinned certificate fingerprint
  --psk-identity ID with --psk-password-stdin | --psk-key-stdin (or ADSROUTE_PSK_PASSWORD / ADSROUTE_PSK_KEY)   psk
  --via-ca F --via-cert F --via-key F [--via-key-password P] [--via-ignore-cn]   ca (this PC's CA files)
  --netid NETID              the target's AMS NetId (default: ask it over UDP 48899)
  --local-netid NETID        this PC's AMS NetId
  --data-dir DIR             this PC's client certificate, routes and settings
  --timeout MS               per step (default 5000)
  --udp-port N --ads-port N --tls-port N   other ports (labs and tests)`;

type Values = Record<string, string | boolean | undefined>;

export interface ConnectionArgs {
  target: TargetConnection;
  localNetId: string | undefined;
  dataDir: string | undefined;
  timeoutMs: number;
}

export async function connectionFrom(address: string, values: Values, io: CliIo): Promise<ConnectionArgs> {
  const text = (name: string) => values[name] as string | undefined;
  const mode: TargetConnection['mode'] = choiceOption(text('secure') ?? 'none', 'secure', ['none', 'psk', 'ssc', 'ca'] as const);
  for (const flag of ['netid', 'local-netid']) {
    if (text(flag) !== undefined && !isNetId(text(flag)!)) throw new UsageError(`--${flag} must be an AMS NetId like 5.36.69.176.1.1`);
  }
  const timeoutMs = msOption(text('timeout'), 'timeout', 5000);
  const ports = portOverrides(values);
  let fingerprint: string | null = null;
  if (mode === 'ssc') {
    fingerprint = normalizeFingerprint(text('fingerprint') ?? '');
    if (!fingerprint) throw new UsageError('--secure ssc needs --fingerprint (64 hex digits) of the target');
  }
  let psk: TargetConnection['psk'] = null;
  if (mode === 'psk') {
    const identity = text('psk-identity');
    if (!identity) throw new UsageError('--secure psk needs --psk-identity');
    if (values['secret-stdin'] === true && (values['psk-password-stdin'] === true || values['psk-key-stdin'] === true)) {
      throw new UsageError(
        'standard input holds one secret: give the connection PSK with --psk-password/--psk-key or their environment variables',
      );
    }
    const secrets = await readSecrets([['psk-password', 'psk-key']], values, io);
    if (!hasOnePskSecret(secrets))
      throw new UsageError(
        '--secure psk needs a PSK password or key (one of them): --psk-password-stdin, --psk-key-stdin, ADSROUTE_PSK_PASSWORD or ADSROUTE_PSK_KEY',
      );
    psk = {
      identity,
      ...(secrets['psk-password'] !== undefined ? { password: secrets['psk-password'] } : {}),
      ...(secrets['psk-key'] !== undefined ? { keyHex: secrets['psk-key'] } : {}),
    };
  }
  let ca: TargetConnection['ca'] = null;
  if (mode === 'ca') {
    const [caPath, certPath, keyPath] = [text('via-ca'), text('via-cert'), text('via-key')];
    if (!caPath || !certPath || !keyPath) throw new UsageError('--secure ca needs --via-ca, --via-cert and --via-key');
    ca = {
      caPath,
      certPath,
      keyPath,
      ignoreCn: values['via-ignore-cn'] === true,
      ...(text('via-key-password') !== undefined ? { keyPassword: text('via-key-password')! } : {}),
    };
  }
  let netId = text('netid');
  let name = address;
  if (!netId) {
    try {
      const info = await discoverHost({ host: address, port: ports.udp, localNetId: text('local-netid') ?? '0.0.0.0.1.1', timeoutMs });
      netId = info.netId;
      name = info.hostname || address;
    } catch (error) {
      const message = error instanceof RouteFailure ? error.message : String(error);
      throw new RouteFailure('unreachable', `cannot ask ${address} for its NetId: ${message}`, 'pass --netid');
    }
  }
  const target = targetConnectionSchema.parse({
    name,
    address,
    netId,
    mode,
    fingerprint,
    psk,
    ca,
    ports: Object.fromEntries(Object.entries({ ads: ports.ads, tls: ports.tls }).filter(([, v]) => v !== undefined)),
  });
  return { target, localNetId: text('local-netid'), dataDir: text('data-dir'), timeoutMs };
}
