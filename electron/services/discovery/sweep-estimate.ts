import { parseAddressRanges } from './address-range';
import { DISCOVERY_DEFAULTS } from './request';

export interface SweepEstimate {
  addresses: number;
  /** The longest the sweep can take: every address silent, `concurrency` asked at a time, each for its window. */
  estimatedMs: number;
}

/** What a range search would cost, from the same parser and defaults the search itself uses. */
export function estimateSweep(ranges: readonly string[], perHostTimeoutMs: number = DISCOVERY_DEFAULTS.perHostTimeoutMs): SweepEstimate {
  const { total } = parseAddressRanges(ranges);
  return { addresses: total, estimatedMs: Math.ceil(total / DISCOVERY_DEFAULTS.concurrency) * perHostTimeoutMs };
}
