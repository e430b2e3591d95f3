import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import { useLayoutEffect, useMemo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import Checkbox from '@mui/material/Checkbox';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import { alpha, darken, lighten, type Theme } from '@mui/material/styles';
import type { LocalRoute } from '../../../shared/domain/route';
import { targetKey, type DiscoveredTarget } from '../../../shared/domain/target';
import { useRowWindow } from './row-window';
import type { ColumnLayout } from './use-column-layout';
import { TargetRow } from './TargetRow';
import type { TargetColumn, TargetSort } from './target-table-model';
import { useTranslation } from '../../i18n';

interface TargetsTableProps {
  rows: readonly DiscoveredTarget[];
  /** Shown when there are no rows (no search yet, nothing found, filter hides all). */
  emptyText: string;
  selected: ReadonlySet<string>;
  onSelectionChange(selected: Set<string>): void;
  sort: TargetSort | null;
  onSort(column: TargetColumn): void;
  routes: ReadonlyMap<string, LocalRoute>;
  /** Remembered fingerprints by NetId. */
  known?: ReadonlyMap<string, KnownFingerprint>;
  /** The columns to draw (shared with the column chooser) and the elements they are fitted to. */
  layout: ColumnLayout;
}

/** What MUI's TableCell gives a body cell, once for the whole table; headers may wrap, cells stay on one line. */
const tableStyles = (theme: Theme) => ({
  '& th, & td': { px: 1 },
  '& th:first-of-type, & td:first-of-type': { pl: 1.5 },
  '& th': { whiteSpace: 'normal', verticalAlign: 'bottom' },
  '& tbody td': {
    ...theme.typography.body2,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
    py: '6px',
    borderBottom: `1px solid ${
      theme.palette.mode === 'light' ? lighten(alpha(theme.palette.divider, 1), 0.88) : darken(alpha(theme.palette.divider, 1), 0.68)
    }`,
  },
  '& tbody td[data-select]': { width: 48, py: 0, pr: 0, pl: 0.5 },
  // Windows names have at most 15 characters; a longer (TwinCAT/BSD) name ends in an ellipsis, the full one in its title.
  '& td[data-col="hostname"]': { fontWeight: 500, maxWidth: 200, overflow: 'hidden', textOverflow: 'ellipsis' },
  '& td[data-col="address"], & td[data-col="netId"]': { fontFamily: theme.typography.mono.fontFamily },
  '& td[data-col="comment"]': { color: 'text.secondary' },
});

/**
 * The list of found systems. A row click chooses that one system, the checkboxes (or Ctrl-click, Space) build a
 * multi-selection for adding several routes at once; the arrow keys walk the rows. Only the rows near the screen are
 * in the DOM (a sweep of a big plant lists thousands); aria-rowcount and aria-rowindex tell assistive technology the
 * whole list.
 */
export function TargetsTable(props: TargetsTableProps) {
  const { rows, emptyText, selected, onSelectionChange, sort, onSort, routes, known, layout } = props;
  const { t } = useTranslation('targets');
  const body = useRef<HTMLTableSectionElement>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);
  const { columns, rowHeight, container, table } = layout;
  const { start, end } = useRowWindow(body, rows.length, rowHeight);

  const keys = useMemo(() => rows.map(targetKey), [rows]);
  const position = useMemo(() => new Map(keys.map((key, index) => [key, index])), [keys]);
  // The table is one Tab stop: the row last focused, or the first drawn one when that row is scrolled out of the DOM.
  const focusIndex = focusKey === null ? undefined : position.get(focusKey);
  const tabStop = focusIndex !== undefined && focusIndex >= start && focusIndex < end ? focusKey : (keys[start] ?? null);
  const selectedShown = keys.filter((key) => selected.has(key)).length;

  // A row reached by the keyboard may only be drawn after the window moved to it.
  useLayoutEffect(() => {
    const key = pendingFocus.current;
    if (key === null) return;
    const row = Array.from(body.current?.querySelectorAll<HTMLElement>('tr[data-key]') ?? []).find((r) => r.dataset.key === key);
    if (row) {
      pendingFocus.current = null;
      row.focus();
    }
  });

  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onSelectionChange(next);
  };
  const focusRow = (index: number) => {
    const key = keys[Math.max(0, Math.min(keys.length - 1, index))];
    if (key === undefined) return;
    setFocusKey(key);
    pendingFocus.current = key;
    const bodyTop = body.current?.getBoundingClientRect().top;
    const at = Math.max(0, Math.min(keys.length - 1, index)) * rowHeight;
    // Out of the drawn window: scroll the page there first; the layout effect above focuses the row once drawn.
    if (bodyTop !== undefined && (bodyTop + at < 0 || bodyTop + at + rowHeight > window.innerHeight)) {
      window.scrollBy(0, bodyTop + at - window.innerHeight / 2);
    }
  };
  // One set of handlers on the body instead of per row: rows then take no callbacks and stay memoized while a search
  // streams in.
  const rowOf = (event: { target: EventTarget }) => {
    const row = (event.target as Element).closest?.('tr[data-key]');
    return row instanceof HTMLElement && row.dataset.key !== undefined ? { row, key: row.dataset.key } : undefined;
  };
  const onBodyClick = (event: MouseEvent) => {
    const hit = rowOf(event);
    if (!hit) return;
    setFocusKey(hit.key);
    // The checkbox (and its cell) adds to or removes from the choice; a plain row click chooses this one system.
    if ((event.target as Element).closest('td[data-select]') || event.ctrlKey || event.metaKey) toggle(hit.key);
    else onSelectionChange(new Set([hit.key]));
  };
  const onBodyKeyDown = (event: KeyboardEvent) => {
    const hit = rowOf(event);
    if (!hit) return;
    const index = position.get(hit.key) ?? 0;
    const page = Math.max(1, Math.floor(window.innerHeight / rowHeight) - 2);
    const moves: Record<string, number> = {
      ArrowDown: index + 1,
      ArrowUp: index - 1,
      PageDown: index + page,
      PageUp: index - page,
      Home: 0,
      End: keys.length - 1,
    };
    const move = moves[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusRow(move);
    } else if (event.key === ' ' && event.target === hit.row) {
      event.preventDefault();
      toggle(hit.key);
    }
  };
  const onBodyFocus = (event: FocusEvent) => {
    const hit = rowOf(event);
    if (hit) setFocusKey(hit.key);
  };
  const selectAll = (checked: boolean) => {
    const shown = new Set(keys);
    onSelectionChange(checked ? new Set([...selected, ...keys]) : new Set([...selected].filter((key) => !shown.has(key))));
  };
  const spacer = (height: number, edge: string) =>
    height > 0 && (
      <TableRow aria-hidden data-spacer={edge} sx={{ height }}>
        <TableCell colSpan={columns.length + 1} sx={{ p: 0, border: 0 }} />
      </TableRow>
    );

  return (
    <TableContainer ref={container} component={Paper} variant="outlined">
      {/* Tighter cell padding than the app's default tables; headers may wrap, cells stay on one line. */}
      <Table ref={table} aria-label={t('table.label')} aria-rowcount={rows.length + 1} sx={tableStyles}>
        <TableHead>
          <TableRow aria-rowindex={1}>
            <TableCell padding="checkbox">
              <Checkbox
                indeterminate={selectedShown > 0 && selectedShown < keys.length}
                checked={keys.length > 0 && selectedShown === keys.length}
                disabled={keys.length === 0}
                onChange={(event) => selectAll(event.target.checked)}
                slotProps={{ input: { 'aria-label': t('table.selectAll') } }}
              />
            </TableCell>
            {columns.map((column) => (
              <TableCell key={column} sortDirection={sort?.column === column ? sort.direction : false}>
                <TableSortLabel
                  active={sort?.column === column}
                  direction={sort?.column === column ? sort.direction : 'asc'}
                  onClick={() => onSort(column)}
                  // An invisible arrow on every header would cost ten icons of width the fingerprint needs.
                  sx={sort?.column === column ? undefined : { '& .MuiTableSortLabel-icon': { display: 'none' } }}
                >
                  {t(`table.columns.${column}`)}
                </TableSortLabel>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody ref={body} onClick={onBodyClick} onKeyDown={onBodyKeyDown} onFocus={onBodyFocus}>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={columns.length + 1} sx={{ color: 'text.secondary', py: 3, textAlign: 'center' }}>
                {emptyText}
              </TableCell>
            </TableRow>
          )}
          {spacer(start * rowHeight, 'top')}
          {rows.slice(start, end).map((target, offset) => {
            const key = keys[start + offset] ?? targetKey(target);
            return (
              <TargetRow
                key={key}
                rowKey={key}
                rowIndex={start + offset + 2}
                target={target}
                columns={columns}
                selected={selected.has(key)}
                tabStop={key === tabStop}
                route={routes.get(target.netId)}
                known={known?.get(target.netId)}
              />
            );
          })}
          {spacer((rows.length - end) * rowHeight, 'bottom')}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
