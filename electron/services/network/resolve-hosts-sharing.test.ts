import { describe, expect, it, vi } from 'vitest';

// A resolver that answers only when the test says so, counting how many lookups the OS would have run.
const pending: Array<(address: string) => void> = [];
const lookup = vi.fn(
  () => new Promise<{ address: string; family: number }>((resolve) => pending.push((address) => resolve({ address, family: 4 }))),
);
vi.mock('node:dns/promises', () => ({ lookup }));

const { resolveHosts } = await import('./resolve-hosts');

describe('resolveHosts against a slow resolver', () => {
  it('shares a lookup still in flight instead of tying up another resolver thread', async () => {
    const first = resolveHosts(['cx-slow'], undefined, 10);
    const second = resolveHosts(['cx-slow'], undefined, 10);
    // Both callers gave up on time, yet only one lookup went to the OS.
    expect(await first).toEqual([{ host: 'cx-slow', address: null, error: 'no answer from the name resolver within 0.01 s' }]);
    expect(await second).toEqual([{ host: 'cx-slow', address: null, error: 'no answer from the name resolver within 0.01 s' }]);
    expect(lookup).toHaveBeenCalledTimes(1);

    // Another host is its own lookup.
    await resolveHosts(['cx-other'], undefined, 10);
    expect(lookup).toHaveBeenCalledTimes(2);

    // The answers arrive; asked at once, the same hosts get them from the lookups already out (no third or fourth).
    pending.shift()?.('10.77.1.10');
    pending.shift()?.('10.77.1.11');
    expect(await resolveHosts(['cx-slow', 'cx-other'], undefined, 1000)).toEqual([
      { host: 'cx-slow', address: '10.77.1.10', error: null },
      { host: 'cx-other', address: '10.77.1.11', error: null },
    ]);
    expect(lookup).toHaveBeenCalledTimes(2);
  });
});
