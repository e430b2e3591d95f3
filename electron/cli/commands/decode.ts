import { parseArgs } from '../run-cli';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { fromHex, toHex } from '../../../shared/protocol/bytes';
import { ProtocolError } from '../../../shared/protocol/errors';
import { formatNetId } from '../../../shared/protocol/netid';
import {
  decodeUdpMessage,
  decodeUdpString,
  interpretAddRouteReply,
  interpretAddRouteRequest,
  interpretDiscoveryReply,
  previewHex,
  UdpService,
  UdpTag,
  type UdpMessage,
  type UdpTagEntry,
} from '../../../shared/protocol/udp48899';

const USAGE = `Usage: adsroute decode HEX [--json]

Decodes one UDP 48899 datagram (discovery or add route) given as hex; spaces and colons are allowed.
Passwords are never printed.

Options:
  --json   print the decoded fields as JSON

Exit status: 0 decoded; 1 the datagram is malformed (truncated, bad tag, fields that cannot be interpreted);
2 usage error (no HEX, not hex digits, an odd number of digits, unknown option).`;

/** Credential tags: their values are shown as *** everywhere. The XAE blobs can be replayed, so they count too. */
const SECRET_TAGS = new Set<number>([UdpTag.Password, UdpTag.EncryptedPassword]);
const STRING_TAGS = new Set<number>([UdpTag.HostName, UdpTag.RouteName, UdpTag.UserName, UdpTag.Fingerprint]);
const U32_TAGS = new Set<number>([UdpTag.Status, UdpTag.Options, UdpTag.MaxFragment]);
const MASK = '***';

type TagValue = string | number;

function tagValue(tag: UdpTagEntry): TagValue {
  if (SECRET_TAGS.has(tag.id)) return MASK;
  if (STRING_TAGS.has(tag.id)) return decodeUdpString(tag.value);
  if (U32_TAGS.has(tag.id) && tag.value.length === 4) return new DataView(tag.value.buffer, tag.value.byteOffset, 4).getUint32(0, true);
  if (tag.id === UdpTag.NetId && tag.value.length === 6) return formatNetId(tag.value);
  return toHex(tag.value);
}

function serviceLabel(msg: UdpMessage): string {
  const name =
    msg.service === UdpService.Discovery ? 'discovery' : msg.service === UdpService.AddRoute ? 'add-route' : `service ${msg.service}`;
  return `${name} ${msg.response ? 'reply' : 'request'}`;
}

/** Interpreted fields per message kind; a failure here is reported but the raw tags are still shown. */
function interpret(msg: UdpMessage): { fields: Record<string, unknown>; error: ProtocolError | null } {
  try {
    if (msg.service === UdpService.Discovery && msg.response) {
      const info = interpretDiscoveryReply(msg);
      const os = info.os && {
        platform: info.os.platform,
        platformId: info.os.platformId,
        major: info.os.major,
        minor: info.os.minor,
        build: info.os.build,
        csd: info.os.csd,
        text: info.os.text,
      };
      return {
        fields: { hostname: info.hostname, twincat: info.twincat, os, fingerprint: info.fingerprint, secureAds: info.fingerprint !== null },
        error: null,
      };
    }
    if (msg.service === UdpService.AddRoute && msg.response) return { fields: { ...interpretAddRouteReply(msg) }, error: null };
    if (msg.service === UdpService.AddRoute) {
      const r = interpretAddRouteRequest(msg);
      return {
        fields: {
          routeName: r.routeName,
          routeNetId: r.netId,
          address: r.address,
          user: r.user,
          password: r.password === null ? null : MASK,
          temporary: r.temporary,
          maxFragment: r.maxFragment,
          encryptedCredentials: r.encryptedCredentials,
        },
        error: null,
      };
    }
    return { fields: {}, error: null };
  } catch (error) {
    if (error instanceof ProtocolError) return { fields: {}, error };
    throw error;
  }
}

function renderText(msg: UdpMessage, fields: Record<string, unknown>): string {
  const lines = [
    `UDP 48899 ${serviceLabel(msg)} (service 0x${((msg.service | (msg.response ? 0x80000000 : 0)) >>> 0).toString(16).padStart(8, '0')})`,
    `  invoke id   ${msg.invokeId}`,
    `  AMS NetId   ${msg.netId}`,
    `  AMS port    ${msg.port}`,
    `  tags        ${msg.tags.length}`,
  ];
  const nameWidth = Math.max(4, ...msg.tags.map((t) => t.name.length));
  for (const tag of msg.tags) {
    const raw = tagValue(tag);
    const shown =
      typeof raw === 'string' && !SECRET_TAGS.has(tag.id) && !STRING_TAGS.has(tag.id) && tag.id !== UdpTag.NetId
        ? previewHex(tag.value)
        : String(raw);
    lines.push(
      `    0x${tag.id.toString(16).padStart(4, '0')}  ${tag.name.padEnd(nameWidth)}  ${String(tag.value.length).padStart(4)}  ${shown}`,
    );
  }
  const label: Record<string, string> = {
    hostname: 'Host name',
    twincat: 'TwinCAT',
    os: 'OS',
    fingerprint: 'Fingerprint',
    secureAds: 'Secure ADS',
    status: 'Status',
    statusText: 'Meaning',
    routeName: 'Route name',
    routeNetId: 'Route NetId',
    address: 'Address',
    user: 'User',
    password: 'Password',
    temporary: 'Temporary',
    maxFragment: 'Max fragment',
    encryptedCredentials: 'Encrypted credentials',
  };
  const entries = Object.entries(fields);
  if (entries.length) lines.push('');
  for (const [key, value] of entries) {
    let text: string;
    if (value === null || value === undefined) text = '-';
    else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
    else if (typeof value === 'object' && 'text' in value && typeof value.text === 'string') text = value.text;
    else if (typeof value === 'string' || typeof value === 'number') text = String(value);
    else text = JSON.stringify(value);
    if (key === 'status' && typeof value === 'number') text = `${value} (0x${value.toString(16)})`;
    lines.push(`${(label[key] ?? key).padEnd(22)}${text}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Text that is not hex is a mistake in the command line, not a malformed datagram: exit 2 like other usage errors. */
function hexArgument(text: string): Uint8Array {
  try {
    return fromHex(text);
  } catch (error) {
    if (error instanceof ProtocolError) throw new UsageError(`HEX: ${error.message}`);
    throw error;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new UsageError('missing HEX argument');
  const msg = decodeUdpMessage(hexArgument(positionals.join('')));
  const { fields, error } = interpret(msg);
  if (values.json) {
    const json = {
      service: msg.service,
      response: msg.response,
      invokeId: msg.invokeId,
      netId: msg.netId,
      port: msg.port,
      tags: msg.tags.map((t) => ({ id: t.id, name: t.name, len: t.value.length, value: tagValue(t) })),
      ...fields,
      ...(error ? { error: { code: error.code, message: error.message } } : {}),
    };
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    io.stdout(renderText(msg, fields));
  }
  if (error) {
    io.stderr(`adsroute decode: ${error.message}\n`);
    return 1;
  }
  return 0;
}

export const decodeCommand: CliCommand = {
  name: 'decode',
  summary: 'decode a UDP 48899 datagram given as hex',
  usage: USAGE,
  run,
};
