import { TypedError } from '../../../shared/typed-error';
import { intToIpv4 } from '../../../shared/domain/ipv4';
import { MAX_SWEEP_ADDRESSES, parseRangeEntries, type AddressRange, type RangesRefusal } from '../../../shared/discovery/search-entry';

export type { AddressRange } from '../../../shared/discovery/search-entry';

const count = (n: number): string => n.toLocaleString('en-US');

/** The service's wording of a refused range, for the CLI and the details of the page's error. */
function rangeMessage(refusal: RangesRefusal): string {
  const shown = refusal.entry.slice(0, 60);
  const limit = `the limit is ${count(MAX_SWEEP_ADDRESSES)}`;
  switch (refusal.reason) {
    case 'empty':
      return 'empty range: use CIDR (192.168.1.0/24) or a span (192.168.1.10-192.168.1.50)';
    case 'bad-cidr':
      return `'${shown}' is not a CIDR range like 192.168.1.0/24`;
    case 'bad-span':
      return `'${shown}' is not an address span like 192.168.1.10-192.168.1.50`;
    case 'bad-range':
      return `'${shown}' is not a range: use CIDR (192.168.1.0/24) or a span (192.168.1.10-192.168.1.50)`;
    case 'backwards':
      return `${refusal.entry} ends before it starts`;
    case 'range-too-big':
      return `${refusal.entry} has ${count(refusal.addresses ?? 0)} addresses; ${limit}`;
    case 'ranges-too-big':
      return `the ranges together have ${count(refusal.addresses)} addresses; ${limit}`;
  }
}

/** Parses every range and merges overlaps; a refused entry or a total over the limit is an 'invalid-range' error. */
export function parseAddressRanges(inputs: readonly string[]): { ranges: AddressRange[]; total: number } {
  const parsed = parseRangeEntries(inputs);
  if (!parsed.ok) throw new TypedError('invalid-range', rangeMessage(parsed));
  return { ranges: parsed.ranges, total: parsed.total };
}

/** Lazily yields dotted addresses so a /16 never sits in memory as 65,536 strings. */
export function* addressesOf(ranges: readonly AddressRange[]): Generator<string> {
  for (const range of ranges) {
    for (let value = range.first; value <= range.last; value++) yield intToIpv4(value);
  }
}
