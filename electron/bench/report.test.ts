import { describe, expect, it } from 'vitest';
import { benchJson, jsonRequested, toJsonRow } from './report';

describe('benchmark --json output', () => {
  it('prints one object {rows} whose rows carry name, value, unit, baseline, ratio, goal and met', () => {
    const text = benchJson([
      { name: 'SSC: 20 routes at once', value: 412.3456, unit: 'ms', baseline: 330, baselineLabel: '1 route', goal: '≤ 1.5x', pass: true },
      { name: 'SSC: client CPU per route', value: 7.5, unit: 'ms' },
      { name: 'N=250: replies lost', value: 0, unit: 'count', baseline: 0, goal: '0', pass: true },
      { name: 'broken', value: Number.NaN, unit: 'ms', baseline: Number.POSITIVE_INFINITY, goal: '< 50 ms', pass: false },
    ]);
    expect(JSON.parse(text)).toEqual({
      rows: [
        { name: 'SSC: 20 routes at once', value: 412.346, unit: 'ms', baseline: 330, ratio: 1.25, goal: '≤ 1.5x', met: true },
        { name: 'SSC: client CPU per route', value: 7.5, unit: 'ms', baseline: null, ratio: null, goal: null, met: null },
        { name: 'N=250: replies lost', value: 0, unit: 'count', baseline: 0, ratio: null, goal: '0', met: true },
        { name: 'broken', value: null, unit: 'ms', baseline: null, ratio: null, goal: '< 50 ms', met: false },
      ],
    });
    expect(text.includes('\n')).toBe(false);
  });

  it('is asked for with --json and is off otherwise', () => {
    expect(jsonRequested(['node', 'routes.cjs', '--json'])).toBe(true);
    expect(jsonRequested(['node', 'routes.cjs', '--write-docs'])).toBe(false);
    expect(Object.keys(toJsonRow({ name: 'x', value: 1, unit: 'x' }))).toEqual([
      'name',
      'value',
      'unit',
      'baseline',
      'ratio',
      'goal',
      'met',
    ]);
  });
});
