import type { DiscoveredTarget } from '../../../shared/domain/target';
import { isIpv4, ipv4ToInt } from '../../../shared/domain/ipv4';

/** The sortable columns of the Targets table, in on-screen order after the selection checkbox. */
export const TARGET_COLUMNS = [
  { id: 'hostname' },
  { id: 'connected' },
  { id: 'address' },
  { id: 'netId' },
  { id: 'twincat' },
  { id: 'os' },
  { id: 'comment' },
  { id: 'secureAds' },
  { id: 'fingerprint' },
] as const;

export type TargetColumn = (typeof TARGET_COLUMNS)[number]['id'];
export type SortDirection = 'asc' | 'desc';
export interface TargetSort {
  column: TargetColumn;
  direction: SortDirection;
}

/** The adapters a row names in the Comment column: worth saying only when two adapters hear the same system. */
export function commentFor(target: DiscoveredTarget): string {
  return target.adapters.length > 1 ? target.adapters.join(', ') : '';
}

/** "A1B2C3D4…E5F6A7B8": both ends, which is what people compare by eye, in the width a table cell can spare. */
export function shortFingerprint(fingerprint: string): string {
  const hex = fingerprint.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  if (hex.length <= 16) return hex;
  return `${hex.slice(0, 8)}…${hex.slice(-8)}`;
}

/** Case-insensitive match on what a user remembers of a system: its name, address, NetId or OS. */
export function matchesFilter(target: DiscoveredTarget, filter: string): boolean {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [target.hostname, target.address, target.netId, target.os?.text ?? ''].join(' ').toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Numbers compare as numbers ("10.77.1.9" before "10.77.1.10", "3.1.4024" before "3.1.4026"). */
function numericParts(text: string): number[] {
  return text.split('.').map((part) => Number(part) || 0);
}

function compareNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const diff = (a[i] ?? -1) - (b[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return 0;
}

const text = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

function compareBy(column: TargetColumn, connected: (target: DiscoveredTarget) => boolean) {
  return (a: DiscoveredTarget, b: DiscoveredTarget): number => {
    switch (column) {
      case 'hostname':
        return text.compare(a.hostname, b.hostname);
      case 'connected':
        return Number(connected(a)) - Number(connected(b));
      case 'address':
        return isIpv4(a.address) && isIpv4(b.address) ? ipv4ToInt(a.address) - ipv4ToInt(b.address) : text.compare(a.address, b.address);
      case 'netId':
        return compareNumbers(numericParts(a.netId), numericParts(b.netId));
      case 'twincat':
        return compareNumbers(
          a.twincat ? [a.twincat.major, a.twincat.minor, a.twincat.build] : [],
          b.twincat ? [b.twincat.major, b.twincat.minor, b.twincat.build] : [],
        );
      case 'os':
        return text.compare(a.os?.text ?? '', b.os?.text ?? '');
      case 'comment':
        return text.compare(commentFor(a), commentFor(b));
      case 'secureAds':
        return Number(a.secureAds) - Number(b.secureAds);
      case 'fingerprint':
        return text.compare(a.fingerprint ?? '', b.fingerprint ?? '');
    }
  };
}

/** Filtered and sorted rows; without a sort the rows keep their order of arrival. Ties keep arrival order too. */
export function visibleTargets(
  targets: readonly DiscoveredTarget[],
  options: { filter: string; sort: TargetSort | null; connected: (target: DiscoveredTarget) => boolean },
): DiscoveredTarget[] {
  const shown = targets.filter((target) => matchesFilter(target, options.filter));
  if (!options.sort) return shown;
  const compare = compareBy(options.sort.column, options.connected);
  const sign = options.sort.direction === 'asc' ? 1 : -1;
  return shown.sort((a, b) => sign * compare(a, b));
}

/** Clicking a header sorts by it ascending, a second click descending, a third returns to arrival order. */
export function nextSort(current: TargetSort | null, column: TargetColumn): TargetSort | null {
  if (current?.column !== column) return { column, direction: 'asc' };
  return current.direction === 'asc' ? { column, direction: 'desc' } : null;
}
