import { ipv4ToInt, isIpv4 } from '../domain/ipv4';

/**
 * What the Targets page's search boxes accept, read once for the page (which explains a refusal while the user types)
 * and for the discovery service (which refuses the request): a refusal is a reason code, each side words it itself.
 */

/** A sweep can cover a /16 at most: beyond that a UDP sweep takes minutes and looks like a port scan. */
export const MAX_SWEEP_ADDRESSES = 65_536;

export type HostRefusalReason = 'empty' | 'port-or-ipv6' | 'bad-address' | 'bad-host-name';
export type RangeRefusalReason = 'empty' | 'bad-cidr' | 'bad-span' | 'bad-range' | 'backwards' | 'range-too-big';

/** `entry` is the trimmed text refused; `addresses` how many a too big range holds. */
export interface Refusal<Reason extends string> {
  ok: false;
  reason: Reason;
  entry: string;
  addresses?: number;
}

export type HostRefusal = Refusal<HostRefusalReason>;
export type RangeRefusal = Refusal<RangeRefusalReason>;
/** All ranges together hold more than the limit; `entry` lists them. */
export type RangesRefusal = RangeRefusal | (Refusal<'ranges-too-big'> & { addresses: number });

export interface HostEntry {
  ok: true;
  kind: 'address' | 'name';
  host: string;
}

/** Inclusive span of IPv4 addresses as unsigned 32-bit integers; `text` is what the user typed, for messages. */
export interface AddressRange {
  text: string;
  first: number;
  last: number;
}

export type RangeEntry = AddressRange & { ok: true };

// RFC 952/1123 labels: letters, digits and '-' inside, 1..63 characters; '_' is kept because Windows names and DNS
// service records use it and the services always resolved such names.
const HOST_LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/i;

function refuse<Reason extends string>(reason: Reason, entry: string, addresses?: number): Refusal<Reason> {
  return addresses === undefined ? { ok: false, reason, entry } : { ok: false, reason, entry, addresses };
}

/** A label getaddrinfo may read as a number: decimal, octal or hex ("0x7f.1" is 127.0.0.1, "0xa000001" is 10.0.0.1). */
const NUMERIC_LABEL = /^(?:0x[0-9a-f]*|\d+)$/i;

function withoutTrailingDot(host: string): string {
  // One trailing dot marks a fully qualified name ("plc.local."); it is not part of the 253 characters.
  return host.endsWith('.') ? host.slice(0, -1) : host;
}

function isHostName(host: string): boolean {
  const name = withoutTrailingDot(host);
  return name.length <= 253 && name.split('.').every((label) => HOST_LABEL.test(label));
}

/**
 * Names the resolver would take for an address in another notation than the dotted quad: every label a number, or a
 * last label of digits only (no top-level domain is numeric).
 */
function looksNumeric(host: string): boolean {
  const labels = withoutTrailingDot(host).split('.');
  return labels.every((label) => NUMERIC_LABEL.test(label)) || /^\d+$/.test(labels[labels.length - 1] ?? '');
}

/** "10.77.1.9", "CX-1234", "plc.plant.local." are searchable; "999.1.1.1", "10.1" and "010.1.1.1" are not. */
export function parseHostEntry(input: string): HostEntry | HostRefusal {
  const host = input.trim();
  if (host === '') return refuse('empty', host);
  if (host.includes(':')) return refuse('port-or-ipv6', host);
  // Digits and dots that are no dotted quad would reach getaddrinfo as octal or short forms of another address.
  if (/^[\d.]+$/.test(host)) return isIpv4(host) ? { ok: true, kind: 'address', host } : refuse('bad-address', host);
  if (looksNumeric(host)) return refuse('bad-address', host);
  return isHostName(host) ? { ok: true, kind: 'name', host } : refuse('bad-host-name', host);
}

/** Every host, each once in the order typed (PLC, plc and plc. are one host), or the first refused. */
export function parseHostEntries(inputs: readonly string[]): { ok: true; hosts: string[] } | HostRefusal {
  const hosts = new Map<string, string>();
  for (const input of inputs) {
    const entry = parseHostEntry(input);
    if (!entry.ok) return entry;
    const key = withoutTrailingDot(entry.host).toLowerCase();
    if (!hosts.has(key)) hosts.set(key, entry.host);
  }
  return { ok: true, hosts: [...hosts.values()] };
}

function span(text: string, first: number, last: number): RangeEntry | RangeRefusal {
  const size = last - first + 1;
  return size > MAX_SWEEP_ADDRESSES ? refuse('range-too-big', text, size) : { ok: true, text, first, last };
}

function parseCidr(text: string, slash: number): RangeEntry | RangeRefusal {
  const base = text.slice(0, slash);
  const bitsText = text.slice(slash + 1);
  if (!isIpv4(base) || !/^\d{1,2}$/.test(bitsText) || Number(bitsText) > 32) return refuse('bad-cidr', text);
  const bits = Number(bitsText);
  const size = 2 ** (32 - bits);
  // The limit counts the whole block, so "a /16" is exactly what fits.
  if (size > MAX_SWEEP_ADDRESSES) return refuse('range-too-big', text, size);
  const network = bits === 0 ? 0 : (ipv4ToInt(base) & (~0 << (32 - bits))) >>> 0;
  const broadcast = network + size - 1;
  // Nobody answers on a subnet's network or broadcast address, and sending to the latter would ask every host.
  return size >= 4 ? span(text, network + 1, broadcast - 1) : span(text, network, broadcast);
}

function parseSpan(text: string, dash: number): RangeEntry | RangeRefusal {
  const from = text.slice(0, dash).trim();
  let to = text.slice(dash + 1).trim();
  if (isIpv4(from) && /^\d{1,3}$/.test(to)) to = `${from.slice(0, from.lastIndexOf('.'))}.${to}`;
  if (!isIpv4(from) || !isIpv4(to)) return refuse('bad-span', text);
  const first = ipv4ToInt(from);
  const last = ipv4ToInt(to);
  return last < first ? refuse('backwards', text) : span(text, first, last);
}

/**
 * "192.168.1.0/24" (network and broadcast address skipped up to /30, host bits ignored), "192.168.1.10-192.168.1.50",
 * the short form "192.168.1.10-50", and a single address.
 */
export function parseRangeEntry(input: string): RangeEntry | RangeRefusal {
  const text = input.trim();
  if (text === '') return refuse('empty', text);
  const slash = text.indexOf('/');
  if (slash >= 0) return parseCidr(text, slash);
  const dash = text.indexOf('-');
  if (dash >= 0) return parseSpan(text, dash);
  return isIpv4(text) ? span(text, ipv4ToInt(text), ipv4ToInt(text)) : refuse('bad-range', text);
}

/** Every range with overlaps merged, so an address typed twice is asked once; the total is held to the limit. */
export function parseRangeEntries(inputs: readonly string[]): { ok: true; ranges: AddressRange[]; total: number } | RangesRefusal {
  const parsed: AddressRange[] = [];
  for (const input of inputs) {
    const entry = parseRangeEntry(input);
    if (!entry.ok) return entry;
    parsed.push({ text: entry.text, first: entry.first, last: entry.last });
  }
  const typed = parsed.map((r) => r.text).join(', ');
  parsed.sort((a, b) => a.first - b.first);
  const merged: AddressRange[] = [];
  for (const range of parsed) {
    const previous = merged[merged.length - 1];
    if (previous && range.first <= previous.last + 1) {
      previous.last = Math.max(previous.last, range.last);
      previous.text = `${previous.text}, ${range.text}`;
    } else {
      // A copy: merging changes it, and the ranges as typed must stay as they were.
      merged.push({ ...range });
    }
  }
  const total = merged.reduce((sum, r) => sum + (r.last - r.first + 1), 0);
  if (total > MAX_SWEEP_ADDRESSES) return { ...refuse('ranges-too-big', typed), addresses: total };
  return { ok: true, ranges: merged, total };
}
