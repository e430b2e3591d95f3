import { ipv4ToInt, isIpv4 } from '../../../shared/domain/ipv4';

/** The services refuse larger sweeps; saying so while the user types beats a refused search. */
export const MAX_SWEEP_ADDRESSES = 65_536;

/** Why an entry of the host or range field cannot be searched: a catalogue key under `search.invalid` and its values. */
export type InputProblem =
  { key: 'hostAddress' | 'hostName' | 'range' | 'backwards'; entry: string } | { key: 'tooBig'; addresses: number };

const HOST_LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;

/** "999.1.1.1" looks like an address and is not one; "CX-1234" and "plc.plant.local" are names DNS may resolve. */
function hostProblem(entry: string): InputProblem | null {
  if (/^[\d.]+$/.test(entry)) return isIpv4(entry) ? null : { key: 'hostAddress', entry };
  const labels = entry.split('.');
  return entry.length <= 253 && labels.every((label) => HOST_LABEL.test(label)) ? null : { key: 'hostName', entry };
}

export function hostsProblem(entries: readonly string[]): InputProblem | null {
  for (const entry of entries) {
    const problem = hostProblem(entry);
    if (problem) return problem;
  }
  return null;
}

/** The span a range entry covers, as the services read it: CIDR without network and broadcast, "a-b", "a-n", "a". */
export function rangeSpan(entry: string): { first: number; last: number } | InputProblem {
  const cidr = /^([\d.]+)\/(\d{1,2})$/.exec(entry);
  if (cidr) {
    const [, base = '', bitsText = ''] = cidr;
    const bits = Number(bitsText);
    if (!isIpv4(base) || bits > 32) return { key: 'range', entry };
    const size = 2 ** (32 - bits);
    const network = bits === 0 ? 0 : (ipv4ToInt(base) & (~0 << (32 - bits))) >>> 0;
    return size >= 4 ? { first: network + 1, last: network + size - 2 } : { first: network, last: network + size - 1 };
  }
  const dash = entry.indexOf('-');
  if (dash >= 0) {
    const from = entry.slice(0, dash);
    let to = entry.slice(dash + 1);
    if (isIpv4(from) && /^\d{1,3}$/.test(to)) to = `${from.slice(0, from.lastIndexOf('.'))}.${to}`;
    if (!isIpv4(from) || !isIpv4(to)) return { key: 'range', entry };
    const first = ipv4ToInt(from);
    const last = ipv4ToInt(to);
    return last < first ? { key: 'backwards', entry } : { first, last };
  }
  if (isIpv4(entry)) return { first: ipv4ToInt(entry), last: ipv4ToInt(entry) };
  return { key: 'range', entry };
}

/** The first entry that is no range, else the total (overlaps counted once) when it is over the services' limit. */
export function rangesProblem(entries: readonly string[]): InputProblem | null {
  const spans: { first: number; last: number }[] = [];
  for (const entry of entries) {
    const span = rangeSpan(entry);
    if ('key' in span) return span;
    spans.push(span);
  }
  spans.sort((a, b) => a.first - b.first);
  let total = 0;
  let reach = -1;
  for (const span of spans) {
    const first = Math.max(span.first, reach + 1);
    if (span.last >= first) total += span.last - first + 1;
    reach = Math.max(reach, span.last);
  }
  return total > MAX_SWEEP_ADDRESSES ? { key: 'tooBig', addresses: total } : null;
}
