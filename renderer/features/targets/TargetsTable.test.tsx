// @vitest-environment jsdom
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { targetKey, type DiscoveredTarget } from '../../../shared/domain/target';
import { renderWithApi } from '../../test-utils/render';
import { discoveredTarget } from '../../test-utils/targets';
import { DEFAULT_ROW_HEIGHT } from './row-window';
import { TargetsTable } from './TargetsTable';
import { useColumnLayout } from './use-column-layout';
import type { TargetColumn } from './target-table-model';

const MANY: DiscoveredTarget[] = Array.from({ length: 2000 }, (_, i) =>
  discoveredTarget({ hostname: `CX-${1000 + i}`, address: `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}` }),
);

const NONE_HIDDEN: ReadonlySet<TargetColumn> = new Set();

function Harness({ rows, hidden = NONE_HIDDEN }: { rows: readonly DiscoveredTarget[]; hidden?: ReadonlySet<TargetColumn> }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const layout = useColumnLayout(hidden);
  return (
    <TargetsTable
      rows={rows}
      emptyText="none"
      selected={selected}
      onSelectionChange={setSelected}
      sort={null}
      onSort={() => {}}
      routes={new Map()}
      layout={layout}
    />
  );
}

const table = () => screen.getByRole('table', { name: 'Targets' });
const drawnRows = () =>
  within(table())
    .getAllByRole('row')
    .filter((row) => row.hasAttribute('data-key'));

// jsdom lays nothing out: the page "scrolls" by moving the table body's reported top, as a browser would.
let scrolled = 0;
beforeEach(() => {
  scrolled = 0;
  vi.spyOn(HTMLTableSectionElement.prototype, 'getBoundingClientRect').mockImplementation(
    () => ({ top: 300 - scrolled, bottom: 0, left: 0, right: 0, width: 0, height: 0, x: 0, y: 300 - scrolled }) as DOMRect,
  );
  window.scrollBy = ((_x: number, y: number) => {
    scrolled = Math.max(0, scrolled + y);
    window.dispatchEvent(new Event('scroll'));
  }) as typeof window.scrollBy;
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('Targets table with thousands of rows', () => {
  it('draws only the rows near the screen but tells assistive technology the whole list', () => {
    renderWithApi(<Harness rows={MANY} />);
    expect(table().getAttribute('aria-rowcount')).toBe('2001');
    const rows = drawnRows();
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(60);
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(within(rows[0]!).getByText('CX-1000')).toBeTruthy();
    // The rows not drawn still take their height, so the page scrolls as if they were there.
    const bottom = table().querySelector<HTMLElement>('tr[data-spacer="bottom"]');
    expect(bottom?.getAttribute('aria-hidden')).toBe('true');
  });

  it('draws the rows that scrolling brings to the screen, with their place in the list', () => {
    renderWithApi(<Harness rows={MANY} />);
    act(() => window.scrollBy(0, 1000 * DEFAULT_ROW_HEIGHT));
    const names = drawnRows().map((row) => row.querySelectorAll('td')[1]?.textContent);
    expect(names).toContain('CX-2000');
    expect(names).not.toContain('CX-1000');
    const row = drawnRows().find((r) => r.querySelectorAll('td')[1]?.textContent === 'CX-2000');
    expect(row?.getAttribute('aria-rowindex')).toBe('1002');
  });

  it('walks to rows that are not drawn yet: End, Home and Page Down move the focus and the window with them', async () => {
    const user = userEvent.setup();
    renderWithApi(<Harness rows={MANY} />);
    const first = drawnRows()[0]!;
    expect(first.tabIndex).toBe(0);
    first.focus();
    await user.keyboard('{End}');
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('2001');
    expect(document.activeElement?.textContent).toContain('CX-2999');
    await user.keyboard(' ');
    expect(document.activeElement?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{Home}');
    expect(document.activeElement?.getAttribute('aria-rowindex')).toBe('2');
    await user.keyboard('{PageDown}');
    const index = Number(document.activeElement?.getAttribute('aria-rowindex'));
    expect(index).toBeGreaterThan(10);
    expect(document.activeElement?.getAttribute('data-key')).toBe(targetKey(MANY[index - 2]!));
  });

  it('leaves out the columns the user switched off', () => {
    renderWithApi(<Harness rows={MANY.slice(0, 3)} hidden={new Set<TargetColumn>(['os', 'netId'])} />);
    const headers = within(table())
      .getAllByRole('columnheader')
      .map((th) => th.textContent);
    expect(headers).toEqual(['', 'Host Name', 'Connected', 'Address', 'TwinCAT', 'Comment', 'Secure ADS', 'Fingerprint']);
    expect(drawnRows()[0]?.querySelectorAll('td')).toHaveLength(headers.length);
  });

  it('selects every row with the header checkbox, drawn or not', () => {
    renderWithApi(<Harness rows={MANY} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all shown targets' }));
    expect(screen.getByRole('checkbox', { name: 'Select all shown targets' })).toHaveProperty('checked', true);
    act(() => window.scrollBy(0, 1500 * DEFAULT_ROW_HEIGHT));
    expect(drawnRows().length).toBeGreaterThan(0);
    expect(drawnRows().every((row) => row.getAttribute('aria-selected') === 'true')).toBe(true);
  });
});
