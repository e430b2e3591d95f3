import { describe, expect, it } from 'vitest';
import { goalsSection } from './goals-summary';

describe('goals at a glance', () => {
  it('lists only the rows with a goal, with what was met and how long each benchmark took', () => {
    const text = goalsSection(
      [
        { name: 'SSC: 20 routes at once', value: 412.3, unit: 'ms', baseline: 330, ratio: 1.25, goal: '≤ 1.5x', met: true },
        { name: 'SSC: client CPU per route', value: 7.5, unit: 'ms', baseline: null, ratio: null, goal: null, met: null },
        { name: 'N=1000 broadcast: replies lost', value: 3, unit: 'count', baseline: 0, ratio: null, goal: '0', met: false },
        { name: 'page JS heap', value: 11.04, unit: 'MB', baseline: 6.67, ratio: 1.66, goal: '< 150 MB', met: true },
      ],
      [
        { name: 'discovery', seconds: 80.4, ok: true },
        { name: 'routes', seconds: 30.2, ok: false },
      ],
      '2026-11-29, 2 cores',
    );
    expect(text).toContain('2 of 3 goals met. Took 111 s (discovery 80 s, routes 30 s (failed))');
    expect(text).toContain('| SSC: 20 routes at once | 412 ms | 330 ms | 1.25x | ≤ 1.5x | ok |');
    expect(text).toContain('| N=1000 broadcast: replies lost | 3 | 0 | - | 0 | MISSED |');
    expect(text).toContain('| page JS heap | 11.0 MB | 6.7 MB | 1.66x | < 150 MB | ok |');
    expect(text).not.toContain('client CPU per route');
  });
});
