/**
 * A slow PLC's own compute, modelled as time and not as CPU: an ARM CX needs far longer for a DHE-2048 + RSA-2048
 * handshake than the PC running the simulator, and many of them work in parallel on their own CPUs. A timer gives a
 * batch of virtual targets that shape without billing it to the cores the client under test runs on.
 */
export interface ServiceTime {
  /** Added once per TLS session, before the target reads its first application data (the TlsConnectInfo). */
  handshakeMs: number;
  /** Added to every ADS request before the answer goes out: AMS over TCP 48898 and TLS, and UDP route adds. */
  adsMs: number;
}

export const NO_SERVICE_TIME: ServiceTime = { handshakeMs: 0, adsMs: 0 };

/** Runs `work` after `ms` (at once, in the same tick, for 0 so a fast target keeps its old timing exactly). */
export function afterServiceTime(ms: number, work: () => void): void {
  if (ms <= 0) {
    work();
    return;
  }
  setTimeout(work, ms);
}

/** The same as a promise, for answers that are already asynchronous. */
export function serviceDelay(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}
