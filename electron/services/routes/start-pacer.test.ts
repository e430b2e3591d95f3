import { afterEach, describe, expect, it, vi } from 'vitest';
import { startPacer, startSpacingFor } from './start-pacer';

afterEach(() => {
  vi.useRealTimers();
});

describe('route start pacer', () => {
  it('lets the first start go at once and holds each later one until its own slot', async () => {
    vi.useFakeTimers();
    let clock = 1000;
    const pace = startPacer(2, () => clock);
    const started: number[] = [];
    const starts = [0, 1, 2].map((i) => pace().then(() => started.push(i)));
    await Promise.resolve();
    expect(started).toEqual([0]);
    clock += 2;
    await vi.advanceTimersByTimeAsync(2);
    expect(started).toEqual([0, 1]);
    clock += 2;
    await vi.advanceTimersByTimeAsync(2);
    await Promise.all(starts);
    expect(started).toEqual([0, 1, 2]);
  });

  it('holds the start after a plain ADS route a quarter as long as after a secure one', async () => {
    vi.useFakeTimers();
    let clock = 0;
    const pace = startPacer(2, () => clock);
    await pace(startSpacingFor('none'));
    let went = false;
    const second = pace(startSpacingFor('ssc')).then(() => (went = true));
    clock += 0.5;
    await vi.advanceTimersByTimeAsync(0.5);
    expect(went).toBe(true);
    await second;
    let third = false;
    const after = pace().then(() => (third = true));
    clock += 1;
    await vi.advanceTimersByTimeAsync(1);
    expect(third).toBe(false);
    clock += 1;
    await vi.advanceTimersByTimeAsync(1);
    await after;
    expect(third).toBe(true);
  });

  it('does not hold a start that comes after its slot has passed', async () => {
    let clock = 0;
    const pace = startPacer(2, () => clock);
    await pace();
    clock = 50;
    let went = false;
    const second = pace().then(() => (went = true));
    await Promise.resolve();
    expect(went).toBe(true);
    await second;
  });
});
