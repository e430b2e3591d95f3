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
import type { LocalRoute } from '../../../shared/domain/route';
import { useFormat, useTranslation } from '../../i18n';

export function RoutesTable({ routes, onRemove }: { routes: readonly LocalRoute[]; onRemove(route: LocalRoute): void }) {
  const { t } = useTranslation(['routes', 'common']);
  const format = useFormat();
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
              {route.tls && <LockOutlined fontSize="inherit" titleAccess={t(`common:security.${route.tls?.mode ?? 'none'}`)} sx={{ mr: 0.5, verticalAlign: '-2px', color: 'success.main' }} />}
              {route.name}
            </TableCell>
            <TableCell>
              {route.netId}
              {route.virtualNetId && <Chip label={t('table.nat', { netId: route.virtualNetId })} variant="outlined" sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell>{route.address}</TableCell>
            <TableCell>{t(`common:security.${route.tls?.mode ?? 'none'}`)}</TableCell>
            <TableCell>
              {route.temporary ? t('table.temporary') : t('table.static')}
              {route.unidirectional && <Chip label={t('table.unidirectional')} variant="outlined" sx={{ ml: 1 }} />}
            </TableCell>
            <TableCell>{route.verifiedAt ? format.dateTime(route.verifiedAt) : t('table.never')}</TableCell>
            <TableCell align="right" sx={{ py: 0 }}>
              <Tooltip title={t('table.remove')}>
                <IconButton size="small" aria-label={t('table.removeRoute', { name: route.name })} onClick={() => onRemove(route)}>
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
