import { memo, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import TableRow from '@mui/material/TableRow';
import CheckCircleOutlined from '@mui/icons-material/CheckCircleOutlined';
import Lock from '@mui/icons-material/Lock';
import LockOutlined from '@mui/icons-material/LockOutlined';
import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import type { LocalRoute } from '../../../shared/domain/route';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import { FingerprintCell } from './FingerprintCell';
import { commentFor, type TargetColumn } from './target-table-model';
import { useTranslation } from '../../i18n';

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

export interface TargetRowProps {
  rowKey: string;
  target: DiscoveredTarget;
  /** 1-based position among all rows of the table, header included: only a window of them is in the DOM. */
  rowIndex: number;
  columns: readonly TargetColumn[];
  selected: boolean;
  tabStop: boolean;
  route: LocalRoute | undefined;
  known: KnownFingerprint | undefined;
}

/**
 * One system. Its cells are plain <td>s styled once by the table (TargetsTable's bodyCellStyles): a screenful of rows
 * is re-drawn on every sort, filter and scroll step, and a styled cell component per value is what made that slow.
 */
export const TargetRow = memo(function TargetRow({ rowKey, target, rowIndex, columns, selected, tabStop, route, known }: TargetRowProps) {
  const { t } = useTranslation('targets');
  const cell = (column: TargetColumn): ReactNode => {
    switch (column) {
      case 'hostname':
        return target.hostname;
      case 'connected':
        return <ConnectedCell route={route} />;
      case 'address':
        return target.address;
      case 'netId':
        return target.netId;
      case 'twincat':
        return target.twincat?.text ?? '—';
      case 'os':
        return target.os?.text ?? '—';
      case 'comment': {
        const comment = commentFor(target);
        return comment && t('table.answeredOn', { adapters: comment });
      }
      case 'secureAds':
        return <SecureAdsCell offered={target.secureAds} route={route} />;
      case 'fingerprint':
        return <FingerprintCell fingerprint={target.fingerprint} hostname={target.hostname} known={known} />;
    }
  };
  return (
    <TableRow data-key={rowKey} aria-rowindex={rowIndex} hover selected={selected} aria-selected={selected} tabIndex={tabStop ? 0 : -1}>
      <td data-select="">
        <Checkbox
          tabIndex={-1}
          checked={selected}
          onChange={leaveToBody}
          slotProps={{ input: { 'aria-label': t('table.select', { name: target.hostname }) } }}
        />
      </td>
      {columns.map((column) => (
        <td key={column} data-col={column} title={column === 'hostname' ? target.hostname : undefined}>
          {cell(column)}
        </td>
      ))}
    </TableRow>
  );
});
