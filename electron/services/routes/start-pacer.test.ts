import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROUTE_START_SPACING_MS, startPacer, startSpacingFor } from './start-pacer';

afterEach(() => {
  vi.useRealTimers();
});

describe('route start pacer', () => {
  it('lets the first start go at once and holds each later one until its own slot', async () => {
    vi.useFakeTimers();
    let clock = 1000;
    const pace = startPacer(() => clock);
    const started: number[] = [];
    const starts = [0, 1, 2].map((i) => pace(2).then(() => started.push(i)));
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

  it('gives each plain ADS start an event-loop turn of its own instead of milliseconds', async () => {
    expect(startSpacingFor('none')).toBe(0);
    const pace = startPacer();
    const started: number[] = [];
    const starts = [0, 1, 2].map((i) => pace(startSpacingFor('none')).then(() => started.push(i)));
    await Promise.resolve();
    expect(started).toEqual([0]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all(starts);
    expect(started).toEqual([0, 1, 2]);
  });

  it('holds the start after a secure route its full spacing', async () => {
    expect(startSpacingFor('ssc')).toBe(ROUTE_START_SPACING_MS);
    expect(ROUTE_START_SPACING_MS).toBe(2);
    vi.useFakeTimers();
    let clock = 0;
    const pace = startPacer(() => clock);
    await pace(startSpacingFor('ssc'));
    let went = false;
    const second = pace(startSpacingFor('psk')).then(() => (went = true));
    clock += 1;
    await vi.advanceTimersByTimeAsync(1);
    expect(went).toBe(false);
    clock += 1;
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(went).toBe(true);
  });

  it('does not hold a start that comes after its slot has passed', async () => {
    let clock = 0;
    const pace = startPacer(() => clock);
    await pace(2);
    clock = 50;
    let went = false;
    const second = pace(2).then(() => (went = true));
    await Promise.resolve();
    expect(went).toBe(true);
    await second;
  });
});
