/**
 * Big range searches ask first: above this many addresses a sweep takes seconds to minutes, sends a datagram to
 * every address of a plant network, and is easy to start by a typo (a /16 for a /24).
 */
export const BIG_RANGE_ADDRESSES = 1024;

/**
 * Time left in a sweep, from its own pace so far: the rest of the requests at the rate they went out, plus one
 * answer window for the last of them. null until enough has gone out to tell (or once everything has).
 */
export function sweepEtaMs(progress: { sent: number; total: number }, elapsedMs: number, perHostWindowMs: number): number | null {
  if (progress.total <= 0 || progress.sent <= 0 || progress.sent >= progress.total || elapsedMs <= 0) return null;
  const remaining = progress.total - progress.sent;
  return (elapsedMs / progress.sent) * remaining + perHostWindowMs;
}
