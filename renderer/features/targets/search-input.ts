import { parseHostEntries, parseRangeEntries, type HostRefusalReason, type RangesRefusal } from '../../../shared/discovery/search-entry';

type EntryKey = 'hostAddress' | 'hostName' | 'hostPort' | 'range' | 'cidr' | 'span' | 'backwards';

/** Why an entry of the host or range field cannot be searched: a catalogue key under `search.invalid` and its values. */
export type InputProblem = { key: EntryKey; entry: string } | { key: 'tooBig'; addresses: number };

// The fields drop empty entries before they get here; an empty one would still read as "not a host name / range".
const HOST_KEYS: Record<HostRefusalReason, EntryKey> = {
  empty: 'hostName',
  'port-or-ipv6': 'hostPort',
  'bad-address': 'hostAddress',
  'bad-host-name': 'hostName',
};

const RANGE_KEYS: Record<Exclude<RangesRefusal['reason'], 'range-too-big' | 'ranges-too-big'>, EntryKey> = {
  empty: 'range',
  'bad-cidr': 'cidr',
  'bad-span': 'span',
  'bad-range': 'range',
  backwards: 'backwards',
};

/** The first host entry the services would refuse, read by the parser they use. */
export function hostsProblem(entries: readonly string[]): InputProblem | null {
  const parsed = parseHostEntries(entries);
  return parsed.ok ? null : { key: HOST_KEYS[parsed.reason], entry: parsed.entry };
}

/** The first range entry the services would refuse, or the address count when the ranges are over their limit. */
export function rangesProblem(entries: readonly string[]): InputProblem | null {
  const parsed = parseRangeEntries(entries);
  if (parsed.ok) return null;
  if (parsed.reason === 'range-too-big' || parsed.reason === 'ranges-too-big') return { key: 'tooBig', addresses: parsed.addresses ?? 0 };
  return { key: RANGE_KEYS[parsed.reason], entry: parsed.entry };
}
