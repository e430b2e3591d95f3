/**
 * Spaces the starts of a batch's routes a little apart. A hundred routes started in the same tick meet their targets'
 * answers in the same tick too (same network, same kind of PLC, same service time), and each answer costs the
 * services' thread a slice of work; lined up back to back they would hold Electron's main process, IPC and the UI
 * with it, for a hundred slices at once. A couple of milliseconds between starts keeps those slices apart for the
 * whole route, costs a 100-route batch about 0.2 s at its end, and spares the plant network a burst of SYNs.
 */
export const ROUTE_START_SPACING_MS = 2;

/**
 * A plain ADS route has no handshake: its answers cost the services' thread a fraction of a secure route's. Its starts
 * are spaced by event-loop turns, not milliseconds: each start gets a turn of its own, so timers, IPC and the other
 * routes' answers run between them, and a batch of 100 is not held back by the spacing (0.5 ms each still added 50 ms
 * to a batch whose CPU floor is about 120 ms).
 */
export function startSpacingFor(security: 'ssc' | 'psk' | 'ca' | 'none'): number {
  return security === 'none' ? 0 : ROUTE_START_SPACING_MS;
}

/**
 * Each call waits for its start's slot; `gapMs` (from startSpacingFor) is how long the next start is held after this
 * one. A gap of 0 holds the next start until the event loop has turned once after this one.
 */
export function startPacer(now: () => number = () => performance.now()): (gapMs: number) => Promise<void> {
  let nextAt = Number.NEGATIVE_INFINITY;
  let nextTurn: Promise<void> = Promise.resolve();
  return (gapMs) => {
    if (gapMs <= 0) {
      const mine = nextTurn;
      nextTurn = mine.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
      return mine;
    }
    const at = Math.max(now(), nextAt);
    nextAt = at + gapMs;
    const wait = at - now();
    return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
  };
}
