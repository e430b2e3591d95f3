/**
 * mulberry32: a tiny seeded PRNG for fuzz tests. The same seed gives the same inputs on every run, so a failure
 * reproduces from its iteration number. Test-only; pure TS so shared/ and electron/ tests can both use it.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
