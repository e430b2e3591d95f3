import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import { memo, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import Lock from '@mui/icons-material/Lock';
import LockOutlined from '@mui/icons-material/LockOutlined';
import type { LocalRoute } from '../../../shared/domain/route';
import { targetKey, type DiscoveredTarget } from '../../../shared/domain/target';
import { FingerprintCell } from './FingerprintCell';
import { commentFor, TARGET_COLUMNS, type TargetColumn, type TargetSort } from './target-table-model';
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
}

function ConnectedCell({ route }: { route: LocalRoute | undefined }) {
  const { t } = useTranslation('targets');
  if (!route) return null;
  const title = route.verifiedAt ? t('table.routeVerified', { name: route.name }) : t('table.routeUnverified', { name: route.name });
  return (
    <Box component="span" role="img" aria-label={t('table.routeExists')} title={title} sx={{ display: 'inline-flex' }}>
      <CheckCircleOutlined fontSize="small" color={route.verifiedAt ? 'success' : 'action'} />
    </Box>
  );
}

/** Outlined lock: the system offers Secure ADS. Filled lock: this PC holds a Secure ADS route to it. */
function SecureAdsCell({ offered, route }: { offered: boolean; route: LocalRoute | undefined }) {
  const { t } = useTranslation(['targets', 'common']);
  if (route?.tls) {
    const method = t(`common:secureMethod.${route.tls.mode}`);
    return (
      <Box
        component="span"
        role="img"
        aria-label={t('table.secureRoute', { method })}
        title={t('table.secureRouteTitle', { name: route.name, method })}
        sx={{ display: 'inline-flex', color: 'success.main' }}
      >
        <Lock fontSize="small" />
      </Box>
    );
  }
  return offered ? (
    <Box
      component="span"
      role="img"
      aria-label={t('table.secureOffered')}
      title={t('table.secureOfferedTitle')}
      sx={{ display: 'inline-flex', color: 'success.main' }}
    >
      <LockOutlined fontSize="small" />
    </Box>
  ) : (
    <Box component="span" role="img" aria-label={t('table.noSecure')} title={t('table.noSecureTitle')} sx={{ color: 'text.disabled' }}>
      —
    </Box>
  );
}

/** The click on the checkbox reaches the body's handler, which owns the selection; the input itself stays controlled. */
const leaveToBody = () => {};

interface TargetRowProps {
  rowKey: string;
  target: DiscoveredTarget;
  selected: boolean;
  tabStop: boolean;
  route: LocalRoute | undefined;
  known: KnownFingerprint | undefined;
}

const TargetRow = memo(function TargetRow({ rowKey, target, selected, tabStop, route, known }: TargetRowProps) {
  const { t } = useTranslation('targets');
  const comment = commentFor(target);
  return (
    <TableRow
      data-key={rowKey}
      hover
      selected={selected}
      aria-selected={selected}
      tabIndex={tabStop ? 0 : -1}
      sx={{ cursor: 'pointer', '& > td': { whiteSpace: 'nowrap' } }}
    >
      <TableCell padding="checkbox" data-select="">
        <Checkbox
          tabIndex={-1}
          checked={selected}
          onChange={leaveToBody}
          slotProps={{ input: { 'aria-label': t('table.select', { name: target.hostname }) } }}
        />
      </TableCell>
      <TableCell sx={{ fontWeight: 500 }}>{target.hostname}</TableCell>
      <TableCell>
        <ConnectedCell route={route} />
      </TableCell>
      <TableCell sx={{ typography: 'mono' }}>{target.address}</TableCell>
      <TableCell sx={{ typography: 'mono' }}>{target.netId}</TableCell>
      <TableCell>{target.twincat?.text ?? '—'}</TableCell>
      <TableCell>{target.os?.text ?? '—'}</TableCell>
      <TableCell sx={{ color: 'text.secondary' }}>{comment && t('table.answeredOn', { adapters: comment })}</TableCell>
      <TableCell>
        <SecureAdsCell offered={target.secureAds} route={route} />
      </TableCell>
      <TableCell>
        <FingerprintCell fingerprint={target.fingerprint} hostname={target.hostname} known={known} />
      </TableCell>
    </TableRow>
  );
});

/**
 * The list of found systems. A row click chooses that one system, the checkboxes (or Ctrl-click, Space) build a
 * multi-selection for adding several routes at once; the arrow keys walk the rows.
 */
export function TargetsTable({ rows, emptyText, selected, onSelectionChange, sort, onSort, routes, known }: TargetsTableProps) {
  const { t } = useTranslation('targets');
  const body = useRef<HTMLTableSectionElement>(null);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const keys = rows.map(targetKey);
  const tabStop = focusKey !== null && keys.includes(focusKey) ? focusKey : (keys[0] ?? null);
  const selectedShown = keys.filter((key) => selected.has(key)).length;

  const toggle = (key: string) => {
    const next = new Set(selected);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onSelectionChange(next);
  };
  const focusRow = (key: string | undefined) => {
    if (key === undefined) return;
    setFocusKey(key);
    const rowElements = body.current?.querySelectorAll<HTMLElement>('tr[data-key]') ?? [];
    Array.from(rowElements)
      .find((row) => row.dataset.key === key)
      ?.focus();
  };
  // One set of handlers on the body instead of per row: rows then take no callbacks and stay memoized while a search
  // streams in (re-rendering every row per result made 250 results take seconds).
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
    const index = keys.indexOf(hit.key);
    const move = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: keys.length - 1 }[event.key];
    if (move !== undefined) {
      event.preventDefault();
      focusRow(keys[Math.max(0, Math.min(keys.length - 1, move))]);
    } else if (event.key === ' ' && event.target === hit.row) {
      event.preventDefault();
      toggle(hit.key);
    }
  };
  const onBodyFocus = (event: FocusEvent) => {
    const hit = rowOf(event);
    if (hit) setFocusKey(hit.key);
  };

  return (
    <TableContainer component={Paper} variant="outlined">
      {/* Ten columns must fit a laptop screen: tighter cell padding than the app's default tables. */}
      <Table aria-label={t('table.label')} sx={{ '& th, & td': { px: 1 }, '& th:first-of-type, & td:first-of-type': { pl: 1.5 } }}>
        <TableHead>
          <TableRow>
            <TableCell padding="checkbox">
              <Checkbox
                indeterminate={selectedShown > 0 && selectedShown < keys.length}
                checked={keys.length > 0 && selectedShown === keys.length}
                disabled={keys.length === 0}
                onChange={(event) =>
                  onSelectionChange(
                    event.target.checked ? new Set([...selected, ...keys]) : new Set([...selected].filter((key) => !keys.includes(key))),
                  )
                }
                slotProps={{ input: { 'aria-label': t('table.selectAll') } }}
              />
            </TableCell>
            {TARGET_COLUMNS.map((column) => (
              <TableCell key={column.id} sortDirection={sort?.column === column.id ? sort.direction : false}>
                <TableSortLabel
                  active={sort?.column === column.id}
                  direction={sort?.column === column.id ? sort.direction : 'asc'}
                  onClick={() => onSort(column.id)}
                  // An invisible arrow on every header would cost ten icons of width the fingerprint needs.
                  sx={sort?.column === column.id ? undefined : { '& .MuiTableSortLabel-icon': { display: 'none' } }}
                >
                  {t(`table.columns.${column.id}`)}
                </TableSortLabel>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody ref={body} onClick={onBodyClick} onKeyDown={onBodyKeyDown} onFocus={onBodyFocus}>
          {rows.length === 0 && (
            <TableRow>
              <TableCell colSpan={TARGET_COLUMNS.length + 1} sx={{ color: 'text.secondary', py: 3, textAlign: 'center' }}>
                {emptyText}
              </TableCell>
            </TableRow>
          )}
          {rows.map((target) => {
            const key = targetKey(target);
            return (
              <TargetRow
                key={key}
                rowKey={key}
                target={target}
                selected={selected.has(key)}
                tabStop={key === tabStop}
                route={routes.get(target.netId)}
                known={known?.get(target.netId)}
              />
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
