import { isIPv4 } from 'node:net';
import { z } from 'zod';
import { isNetId } from '../../shared/protocol/netid';
import { parseTwinCatVersion } from '../../shared/protocol/twincat-version';
import { TypedError } from '../../shared/typed-error';
import { OS_PRESETS, OS_WITH_BUILD, SIM_OS_NAMES, type SimOs } from './os-presets';
import { NO_SERVICE_TIME, type ServiceTime } from './service-time';

export interface PskIdentity {
  identity: string;
  secret: string;
}

export interface SimCaConfig {
  caPem: string;
  /** The target's CA-issued certificate and its key (TE1000 CA sample: ipc.crt / ipc.key). */
  certPem: string;
  keyPem: string;
  /** `<Tls IgnoreCn="true">`: accept a client whose certificate CN differs from its TlsConnectInfo host name. */
  ignoreCn: boolean;
}

/**
 * Behaviour where public sources are silent (facts no public source confirms): each choice is a switch,
 * so tests against real hardware can flip it instead of editing code.
 */
export interface SimQuirks {
  /** Echo the request's invoke id in UDP replies (captures only show 0; PLC4X assumes an echo). Default true. */
  echoInvokeId: boolean;
  /** Answer unknown UDP services with a tag-less reply carrying our NetId (PLC4X comment, L). Default false. */
  answerUnknownServices: boolean;
  /**
   * Status for an add-route that carries only XAE's encrypted credential tags (0x0E/0x0F): their key is not
   * public, so the simulator cannot check them and refuses like a wrong password. Default 0x704.
   */
  encryptedCredentialsStatus: number;
  /** `<Flags>` written for routes whose address is an IPv4 literal (32 is what public samples show). */
  routeFlagsIp: number;
  /** `<Flags>` for routes stored by host name (semantics unknown; 0 = none). */
  routeFlagsHostName: number;
  /** Whether a client's TlsConnectInfo IgnoreCn flag (0x40) waives the CA-mode CN check. Unknown; default false. */
  honorClientIgnoreCn: boolean;
  /** Certificate the TLS server presents when CA mode is configured: the CA-issued one (default) or the SSC. */
  serverCertificate: 'ca' | 'ssc';
  /** How long a client may take to send its TlsConnectInfo after the handshake. */
  connectInfoTimeoutMs: number;
}

export interface SimPorts {
  udp: number;
  ads: number;
  tls: number;
}

export interface VirtualTargetConfig {
  /** Host name reported in discovery and TlsConnectInfo responses. */
  name: string;
  netId: string;
  /** IPv4 address every listener binds to (a 127.x address on one host, or a lab namespace address). */
  address: string;
  os: SimOs;
  /** Windows 10/11 build reported in the OS blob (win10 only; default 19045). Absent = the preset's build. */
  osBuild?: number;
  twincat: string;
  user: string;
  password: string;
  psk: PskIdentity[];
  ca?: SimCaConfig;
  /** `<RemoteConnections SecureOnly="True">`: TCP 48898 listens but refuses every connection. */
  secureOnly: boolean;
  /**
   * Accept a PSK ClientHello with extended_master_secret or encrypt_then_mac. TwinCAT refuses one (default false),
   * so the target catches clients that wrongly send them; true for clients that cannot leave EMS out (OpenSSL 3.0).
   */
  pskAcceptEms: boolean;
  /** false = DisableAdsDiscovery: no UDP 48899. */
  discovery: boolean;
  /** false = DisableAdsTlsListening: no TCP 8016 and no fingerprint tag in discovery. */
  tls: boolean;
  /** false = DisableAdsTcpListening: no TCP 48898. */
  tcp: boolean;
  /** Folder for TcSelfSigned.xml and StaticRoutes.xml; a fresh temp folder when absent. */
  stateDir?: string;
  runState: 'run' | 'config';
  ports: SimPorts;
  /** Extra addresses to receive broadcasts on (Linux delivers broadcasts only to sockets bound to them or to 0.0.0.0). */
  broadcastAddresses: string[];
  /** Also receive the subnet-directed broadcast of the interface that owns `address` (ignored on loopback). */
  subnetBroadcast: boolean;
  quirks: SimQuirks;
  /** Time the target takes per TLS handshake and per ADS request, as timers (see service-time.ts); 0 by default. */
  serviceTime: ServiceTime;
  /**
   * Whether it may listen outside 127.0.0.0/8. Off by default: its login (Administrator / 1 unless set) would
   * otherwise be offered to the whole network. Labs with their own namespaces turn it on.
   */
  allowLan: boolean;
  /** Open connections per TCP listener; further ones are dropped until one closes. */
  maxConnections: number;
}

export const DEFAULT_MAX_CONNECTIONS = 64;

export const DEFAULT_SIM_ADDRESS = '127.0.0.2';

export const DEFAULT_QUIRKS: SimQuirks = {
  echoInvokeId: true,
  answerUnknownServices: false,
  encryptedCredentialsStatus: 0x704,
  routeFlagsIp: 32,
  routeFlagsHostName: 0,
  honorClientIgnoreCn: false,
  serverCertificate: 'ca',
  connectInfoTimeoutMs: 5000,
};

const port = z.number().int().min(0).max(65535);
/** A minute per step is already far slower than any PLC; more is a typo. */
export const MAX_SERVICE_TIME_MS = 60_000;
const serviceMs = z.number().int().min(0).max(MAX_SERVICE_TIME_MS);

/** What callers (CLI flags, --config JSON, tests) may give; everything but the address has a default. */
export const virtualTargetInputSchema = z
  .object({
    name: z.string().min(1).max(63).optional(),
    netId: z.string().refine(isNetId, 'not an AMS NetId (six numbers 0-255)').optional(),
    address: z
      .string()
      .refine((a) => isIPv4(a), 'not an IPv4 address')
      .optional(),
    os: z.enum(SIM_OS_NAMES as [SimOs, ...SimOs[]]).optional(),
    osBuild: z.number().int().min(0).max(0xffffffff).optional(),
    twincat: z.string().optional(),
    user: z.string().optional(),
    password: z.string().optional(),
    psk: z.array(z.object({ identity: z.string().min(1), secret: z.string() }).strict()).optional(),
    ca: z.object({ caPem: z.string(), certPem: z.string(), keyPem: z.string(), ignoreCn: z.boolean().optional() }).strict().optional(),
    secureOnly: z.boolean().optional(),
    pskAcceptEms: z.boolean().optional(),
    discovery: z.boolean().optional(),
    tls: z.boolean().optional(),
    tcp: z.boolean().optional(),
    stateDir: z.string().optional(),
    runState: z.enum(['run', 'config']).optional(),
    ports: z.object({ udp: port.optional(), ads: port.optional(), tls: port.optional() }).strict().optional(),
    broadcastAddresses: z.array(z.string().refine((a) => isIPv4(a), 'not an IPv4 address')).optional(),
    subnetBroadcast: z.boolean().optional(),
    quirks: z
      .object({
        echoInvokeId: z.boolean(),
        answerUnknownServices: z.boolean(),
        encryptedCredentialsStatus: z.number().int().min(0).max(0xffffffff),
        routeFlagsIp: z.number().int().min(0).max(0xffff),
        routeFlagsHostName: z.number().int().min(0).max(0xffff),
        honorClientIgnoreCn: z.boolean(),
        serverCertificate: z.enum(['ca', 'ssc']),
        connectInfoTimeoutMs: z.number().int().min(10).max(600_000),
      })
      .partial()
      .strict()
      .optional(),
    serviceTime: z.object({ handshakeMs: serviceMs.optional(), adsMs: serviceMs.optional() }).strict().optional(),
    allowLan: z.boolean().optional(),
    maxConnections: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

export type VirtualTargetInput = z.input<typeof virtualTargetInputSchema>;

/** Thrown for an unusable simulator configuration; the message names the field. */
export class SimConfigError extends TypedError {
  constructor(message: string) {
    super('sim-config', message);
    this.name = 'SimConfigError';
  }
}

function isLoopback(address: string): boolean {
  return address.split('.')[0] === '127';
}

/** `<ip>.1.1`, the NetId TwinCAT proposes for a system with that address. */
export function defaultNetIdFor(address: string): string {
  return `${address}.1.1`;
}

/**
 * Secure ADS (TCP 8016, discovery tag 0x12) exists from TwinCAT 3.1.4024 on, and never on the CE 6 / TwinCAT 2
 * family: a preset without it answers discovery exactly like the real system.
 */
export function secureAdsByDefault(os: SimOs, twincat: string): boolean {
  const v = parseTwinCatVersion(twincat);
  const from4024 = v.major > 3 || (v.major === 3 && (v.minor > 1 || (v.minor === 1 && v.build >= 4024)));
  return OS_PRESETS[os].secureAds && from4024;
}

/** Validates input and fills defaults: Windows 10 / 3.1.4024, Administrator / 1, all listeners on, RUN. */
export function resolveTargetConfig(input: VirtualTargetInput): VirtualTargetConfig {
  const parsed = virtualTargetInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SimConfigError(`virtual target config: ${issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'invalid'}`);
  }
  const v = parsed.data;
  const address = v.address ?? DEFAULT_SIM_ADDRESS;
  const os = v.os ?? 'win10';
  if (v.osBuild !== undefined && !OS_WITH_BUILD.has(os)) {
    throw new SimConfigError(`virtual target config: osBuild: only ${[...OS_WITH_BUILD].join(', ')} takes a build number, not ${os}`);
  }
  const twincat = v.twincat ?? OS_PRESETS[os].defaultTwinCat;
  try {
    parseTwinCatVersion(twincat);
  } catch {
    throw new SimConfigError(`virtual target config: twincat: "${twincat}" is not a version like 3.1.4024`);
  }
  const allowLan = v.allowLan ?? false;
  for (const bound of [address, ...(v.broadcastAddresses ?? [])]) {
    if (!allowLan && !isLoopback(bound)) {
      throw new SimConfigError(
        `virtual target config: address: ${bound} is outside 127.0.0.0/8; the virtual target accepts a well-known login, so it listens on the network only with --allow-lan (allowLan: true)`,
      );
    }
  }
  const name = v.name ?? `SIM-${address.replace(/\./g, '-')}`;
  if (!/^[\x21-\x7e]+$/.test(name)) throw new SimConfigError(`virtual target config: name: host names are printable ASCII without spaces`);
  return {
    name,
    netId: v.netId ?? defaultNetIdFor(address),
    address,
    os,
    ...(v.osBuild !== undefined ? { osBuild: v.osBuild } : {}),
    twincat,
    user: v.user ?? 'Administrator',
    password: v.password ?? '1',
    psk: v.psk ?? [],
    ...(v.ca ? { ca: { ...v.ca, ignoreCn: v.ca.ignoreCn ?? false } } : {}),
    secureOnly: v.secureOnly ?? false,
    pskAcceptEms: v.pskAcceptEms ?? false,
    discovery: v.discovery ?? true,
    tls: v.tls ?? secureAdsByDefault(os, twincat),
    tcp: v.tcp ?? true,
    ...(v.stateDir !== undefined ? { stateDir: v.stateDir } : {}),
    runState: v.runState ?? 'run',
    ports: { udp: v.ports?.udp ?? 48899, ads: v.ports?.ads ?? 48898, tls: v.ports?.tls ?? 8016 },
    broadcastAddresses: v.broadcastAddresses ?? [],
    subnetBroadcast: v.subnetBroadcast ?? true,
    quirks: { ...DEFAULT_QUIRKS, ...v.quirks },
    serviceTime: { ...NO_SERVICE_TIME, ...v.serviceTime },
    allowLan,
    maxConnections: v.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
  };
}
