import { TypedError } from '../../../shared/typed-error';
import { intToIpv4, ipv4ToInt, isIpv4 } from '../../../shared/domain/ipv4';

/** A sweep can cover a /16 at most: beyond that a UDP sweep takes minutes and looks like a port scan. */
export const MAX_SWEEP_ADDRESSES = 65_536;

/** Inclusive span of IPv4 addresses as unsigned 32-bit integers. */
export interface AddressRange {
  /** What the user typed, for messages. */
  text: string;
  first: number;
  last: number;
}

const count = (n: number): string => n.toLocaleString('en-US');

function invalid(message: string): TypedError {
  return new TypedError('invalid-range', message);
}

/**
 * Accepts "192.168.1.0/24" (network and broadcast address skipped up to /30, host bits ignored),
 * "192.168.1.10-192.168.1.50", the short form "192.168.1.10-50", and a single address.
 */
export function parseAddressRange(input: string): AddressRange {
  const text = input.trim();
  if (text === '') throw invalid('empty range: use CIDR (192.168.1.0/24) or a span (192.168.1.10-192.168.1.50)');
  const shown = text.slice(0, 60);

  const slash = text.indexOf('/');
  if (slash >= 0) {
    const base = text.slice(0, slash);
    const bitsText = text.slice(slash + 1);
    if (!isIpv4(base) || !/^\d{1,2}$/.test(bitsText) || Number(bitsText) > 32) {
      throw invalid(`'${shown}' is not a CIDR range like 192.168.1.0/24`);
    }
    const bits = Number(bitsText);
    const size = 2 ** (32 - bits);
    if (size > MAX_SWEEP_ADDRESSES) {
      throw invalid(`${text} has ${count(size)} addresses; the limit is ${count(MAX_SWEEP_ADDRESSES)}`);
    }
    const network = bits === 0 ? 0 : (ipv4ToInt(base) & (~0 << (32 - bits))) >>> 0;
    const broadcast = network + size - 1;
    // Nobody answers on a subnet's network or broadcast address, and sending to the latter would ask every host.
    return size >= 4 ? { text, first: network + 1, last: broadcast - 1 } : { text, first: network, last: broadcast };
  }

  const dash = text.indexOf('-');
  if (dash >= 0) {
    const from = text.slice(0, dash).trim();
    let to = text.slice(dash + 1).trim();
    if (isIpv4(from) && /^\d{1,3}$/.test(to)) to = `${from.slice(0, from.lastIndexOf('.'))}.${to}`;
    if (!isIpv4(from) || !isIpv4(to)) {
      throw invalid(`'${shown}' is not an address span like 192.168.1.10-192.168.1.50`);
    }
    const first = ipv4ToInt(from);
    const last = ipv4ToInt(to);
    if (last < first) throw invalid(`${text} ends before it starts`);
    const size = last - first + 1;
    if (size > MAX_SWEEP_ADDRESSES) {
      throw invalid(`${text} has ${count(size)} addresses; the limit is ${count(MAX_SWEEP_ADDRESSES)}`);
    }
    return { text, first, last };
  }

  if (isIpv4(text)) {
    const value = ipv4ToInt(text);
    return { text, first: value, last: value };
  }
  throw invalid(`'${shown}' is not a range: use CIDR (192.168.1.0/24) or a span (192.168.1.10-192.168.1.50)`);
}

/** Parses every range and merges overlaps, so an address typed twice is asked once; enforces the total limit. */
export function parseAddressRanges(inputs: readonly string[]): { ranges: AddressRange[]; total: number } {
  const parsed = inputs.map(parseAddressRange).sort((a, b) => a.first - b.first);
  const merged: AddressRange[] = [];
  for (const range of parsed) {
    const previous = merged[merged.length - 1];
    if (previous && range.first <= previous.last + 1) {
      previous.last = Math.max(previous.last, range.last);
      previous.text = `${previous.text}, ${range.text}`;
    } else {
      merged.push({ ...range });
    }
  }
  const total = merged.reduce((sum, r) => sum + (r.last - r.first + 1), 0);
  if (total > MAX_SWEEP_ADDRESSES) {
    throw invalid(`the ranges together have ${count(total)} addresses; the limit is ${count(MAX_SWEEP_ADDRESSES)}`);
  }
  return { ranges: merged, total };
}

/** Lazily yields dotted addresses so a /16 never sits in memory as 65,536 strings. */
export function* addressesOf(ranges: readonly AddressRange[]): Generator<string> {
  for (const range of ranges) {
    for (let value = range.first; value <= range.last; value++) yield intToIpv4(value);
  }
}
