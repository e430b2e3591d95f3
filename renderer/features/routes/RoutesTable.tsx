import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import ListAltOutlined from '@mui/icons-material/ListAltOutlined';
import NetworkCheckOutlined from '@mui/icons-material/NetworkCheckOutlined';
import type { LocalRoute } from '../../../shared/domain/route';
import { useFormat, useTranslation } from '../../i18n';

export interface RoutesTableProps {
  routes: readonly LocalRoute[];
  onRemove(route: LocalRoute): void;
  /** Re-runs the verification (ReadState + ReadDeviceInfo). */
  onTest?(route: LocalRoute): void;
  /** Opens the target's own route list. */
  onShowTargetRoutes?(route: LocalRoute): void;
  labels?: { test(route: string): string; targetRoutes(route: string): string };
}

export function RoutesTable({ routes, onRemove, onTest, onShowTargetRoutes, labels }: RoutesTableProps) {
  const { t } = useTranslation(['routes', 'common']);
  const format = useFormat();
  // One phrase per security ("Secure ADS, PSK"), not the method's full name in brackets inside another bracket.
  const security = (route: LocalRoute) => t(`common:security.${route.tls?.mode ?? 'none'}`);
  const when = (iso: string | null) => (iso && !Number.isNaN(Date.parse(iso)) ? format.dateTime(iso) : (iso ?? t('table.never')));
  return (
    <Table aria-label={t('table.label')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('table.route')}</TableCell>
          <TableCell>{t('table.netId')}</TableCell>
          <TableCell>{t('table.address')}</TableCell>
          <TableCell>{t('table.security')}</TableCell>
          <TableCell>{t('table.type')}</TableCell>
          <TableCell>{t('table.verified')}</TableCell>
          <TableCell align="right">{t('table.actions')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {routes.map((route) => (
          <TableRow key={route.name} hover>
            <TableCell>
              {route.tls && (
                <LockOutlined
                  fontSize="inherit"
                  titleAccess={security(route)}
                  sx={{ mr: 0.5, verticalAlign: '-2px', color: 'success.main' }}
                />
              )}
              {route.name}
            </TableCell>
            <TableCell>
              {route.netId}
              {route.virtualNetId && <Chip label={t('table.nat', { netId: route.virtualNetId })} variant="outlined" sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell>{route.address}</TableCell>
            <TableCell>{security(route)}</TableCell>
            <TableCell>
              {route.temporary ? t('table.temporary') : t('table.static')}
              {route.unidirectional && <Chip label={t('table.unidirectional')} variant="outlined" sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell>{when(route.verifiedAt)}</TableCell>
            <TableCell align="right" sx={{ py: 0, whiteSpace: 'nowrap' }}>
              {onTest && labels && (
                <Tooltip title={labels.test(route.name)}>
                  <IconButton aria-label={labels.test(route.name)} onClick={() => onTest(route)}>
                    <NetworkCheckOutlined fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
              {onShowTargetRoutes && labels && (
                <Tooltip title={labels.targetRoutes(route.name)}>
                  <IconButton aria-label={labels.targetRoutes(route.name)} onClick={() => onShowTargetRoutes(route)}>
                    <ListAltOutlined fontSize="small" />
                  </IconButton>
                </Tooltip>
              )}
              <Tooltip title={t('table.remove')}>
                <IconButton aria-label={t('table.removeRoute', { name: route.name })} onClick={() => onRemove(route)}>
                  <DeleteOutline fontSize="small" />
                </IconButton>
              </Tooltip>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
