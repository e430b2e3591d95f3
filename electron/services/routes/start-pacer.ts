/**
 * Spaces the starts of a batch's routes a little apart. A hundred routes started in the same tick meet their targets'
 * answers in the same tick too (same network, same kind of PLC, same service time), and each answer costs the
 * services' thread a slice of work; lined up back to back they would hold Electron's main process, IPC and the UI
 * with it, for a hundred slices at once. A couple of milliseconds between starts keeps those slices apart for the
 * whole route, costs a 100-route batch about 0.2 s at its end, and spares the plant network a burst of SYNs.
 */
export const ROUTE_START_SPACING_MS = 2;

/**
 * A plain ADS route has no handshake: its answers cost the services' thread a fraction of a secure route's, so a
 * quarter of the gap keeps its bursts as small while a batch of 100 is not held back 0.2 s by the spacing alone.
 */
export function startSpacingFor(security: 'ssc' | 'psk' | 'ca' | 'none'): number {
  return security === 'none' ? ROUTE_START_SPACING_MS / 4 : ROUTE_START_SPACING_MS;
}

/** Each call waits for its start's slot; `gapMs` is how long the next start is held after this one. */
export function startPacer(
  spacingMs: number = ROUTE_START_SPACING_MS,
  now: () => number = () => performance.now(),
): (gapMs?: number) => Promise<void> {
  let nextAt = Number.NEGATIVE_INFINITY;
  return (gapMs = spacingMs) => {
    const at = Math.max(now(), nextAt);
    nextAt = at + gapMs;
    const wait = at - now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
}
