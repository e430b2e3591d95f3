import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Paper from '@mui/material/Paper';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { useTranslation } from '../../i18n';

const COLUMNS = ['name', 'address', 'netmask', 'broadcast', 'linkLocal'] as const;

/** One row per adapter address (an adapter with two addresses has two rows). */
export function AdaptersTable({ adapters }: { adapters: readonly NetworkAdapter[] }) {
  const { t } = useTranslation(['settings', 'common']);
  return (
    <TableContainer component={Paper} variant="outlined">
      <Table aria-label={t('adapters.table')}>
        <TableHead>
          <TableRow>
            {COLUMNS.map((column) => (
              <TableCell key={column}>{t(`adapters.${column}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {adapters.length === 0 ? (
            <TableRow>
              <TableCell colSpan={COLUMNS.length} sx={{ color: 'text.secondary' }}>
                {t('adapters.none')}
              </TableCell>
            </TableRow>
          ) : (
            adapters.map((adapter) => (
              <TableRow key={`${adapter.name}/${adapter.address}`} hover>
                <TableCell>{adapter.name}</TableCell>
                <TableCell sx={{ typography: 'mono' }}>{adapter.address}</TableCell>
                <TableCell sx={{ typography: 'mono' }}>{adapter.netmask}</TableCell>
                <TableCell sx={{ typography: 'mono' }}>{adapter.broadcast}</TableCell>
                <TableCell>
                  {adapter.linkLocal ? (
                    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                      <span>{t('common:yes')}</span>
                      {/* 169.254.x.x usually means no DHCP lease: a common reason a search finds nothing. */}
                      <Chip label={t('adapters.linkLocalChip')} color="warning" title={t('adapters.linkLocalHint')} />
                    </Stack>
                  ) : (
                    t('common:no')
                  )}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
