import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window';

describe('rowWindow', () => {
  it('draws the rows on screen plus the overscan, never past the list', () => {
    // The table starts 300 px down a 1000 px screen: rows 0-19 are visible (35 px each), 5 more below.
    expect(rowWindow({ bodyTop: 300, viewport: 1000, rowHeight: 35, count: 2000 })).toEqual({ start: 0, end: 25 });
    expect(rowWindow({ bodyTop: 300, viewport: 1000, rowHeight: 35, count: 5 })).toEqual({ start: 0, end: 5 });
  });

  it('follows the page as it scrolls down the table', () => {
    // Scrolled so that the body's top is 35,000 px above the screen: row 1000 is the first visible one.
    expect(rowWindow({ bodyTop: -35_000, viewport: 700, rowHeight: 35, count: 2000 })).toEqual({ start: 995, end: 1025 });
    expect(rowWindow({ bodyTop: -69_900, viewport: 700, rowHeight: 35, count: 2000 })).toEqual({ start: 1992, end: 2000 });
  });

  it('draws nothing for an empty list and nothing of a table scrolled far below the screen', () => {
    expect(rowWindow({ bodyTop: 0, viewport: 700, rowHeight: 35, count: 0 })).toEqual({ start: 0, end: 0 });
    expect(rowWindow({ bodyTop: 5000, viewport: 700, rowHeight: 35, count: 100 })).toEqual({ start: 0, end: 5 });
  });
});
