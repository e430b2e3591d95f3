import { describe, expect, it } from 'vitest';
import { coalesced } from './coalesced-task';

describe('coalesced', () => {
  it('runs once for a call made while idle, and once more for all calls made while it runs', async () => {
    const seen: number[] = [];
    let value = 0;
    let release: () => void = () => undefined;
    const announce = coalesced(async () => {
      const at = value;
      await new Promise<void>((resolve) => (release = resolve));
      seen.push(at);
    });
    const first = announce();
    value = 1;
    const second = announce();
    value = 2;
    const third = announce();
    expect(third).toBe(second);
    release();
    await first;
    await Promise.resolve();
    release();
    await second;
    expect(seen).toEqual([0, 2]);
  });

  it('a failed run does not stop the next one', async () => {
    let calls = 0;
    const task = coalesced(async () => {
      calls++;
      if (calls === 1) throw new Error('disk gone');
    });
    const first = task();
    const second = task();
    await expect(first).rejects.toThrow('disk gone');
    await expect(second).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });
});
