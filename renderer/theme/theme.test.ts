import { describe, expect, it } from 'vitest';
import { createAppTheme } from './theme';

describe('app theme', () => {
  it('drops every transition for people who ask for reduced motion', () => {
    const calm = createAppTheme('light', true);
    expect(calm.transitions.create('opacity')).toBe('none');
    expect(calm.transitions.duration.enteringScreen).toBe(0);
  });

  it('keeps the normal transitions otherwise', () => {
    const normal = createAppTheme('dark');
    expect(normal.transitions.create('opacity')).toContain('opacity');
    expect(normal.transitions.duration.enteringScreen).toBeGreaterThan(0);
  });
});
