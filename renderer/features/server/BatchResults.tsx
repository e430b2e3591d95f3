import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useTranslation } from '../../i18n';
import { useServerErrorMeaning } from './use-server-error-meaning';
import type { BatchRow, Cell, CellStatus } from './use-server-batch';
import { usePlaceName } from './PlacesTable';
import { ServiceErrorText } from '../../components/ServiceError';

const COLOUR: Record<CellStatus, 'default' | 'primary' | 'success' | 'error' | 'info'> = {
  pending: 'default',
  running: 'primary',
  ok: 'success',
  unchanged: 'info',
  absent: 'default',
  failed: 'error',
  skipped: 'default',
};

function CellView({ cell, column }: { cell: Cell | null; column: string }) {
  const { t } = useTranslation('server');
  const meaning = useServerErrorMeaning();
  if (!cell) return <>—</>;
  return (
    <Box data-column={column} data-status={cell.status}>
      <Chip
        label={t(`results.status.${cell.status}`)}
        color={COLOUR[cell.status]}
        variant={cell.status === 'pending' ? 'outlined' : 'filled'}
      />
      {cell.detail && (
        <Typography
          variant="body2"
          color={cell.status === 'failed' ? 'error' : 'text.secondary'}
          sx={{ mt: 0.5, wordBreak: 'break-word' }}
          // What a proof or restart reported is the services' own English, marked as such like other service details.
          lang={(column === 'change' && cell.status === 'ok') || cell.status === 'failed' ? undefined : 'en'}
        >
          {column === 'change' && cell.status === 'ok' ? (
            t('results.backup', { backup: cell.detail })
          ) : cell.status === 'failed' ? (
            <ServiceErrorText error={{ code: cell.code ?? '', message: cell.detail }} lead={meaning(cell.code ?? '')} />
          ) : (
            cell.detail
          )}
        </Typography>
      )}
      {cell.diff && (
        <Box sx={{ mt: 0.5 }}>
          <Typography variant="caption" component="p">
            {t('results.diff')}
          </Typography>
          <Box
            component="pre"
            aria-label={t('results.diff')}
            sx={{ m: 0, p: 1, bgcolor: 'action.hover', typography: 'mono', fontSize: 12, overflowX: 'auto', maxHeight: 200 }}
          >
            {cell.diff.join('\n')}
          </Box>
        </Box>
      )}
    </Box>
  );
}

/** One row per system: the file change, the restart and the proof, each with its outcome and what went wrong. */
export function BatchResults({ rows, columns }: { rows: BatchRow[]; columns: Array<'change' | 'restart' | 'verify'> }) {
  const { t } = useTranslation('server');
  const nameOf = usePlaceName();
  const cellOf = (row: BatchRow, column: 'change' | 'restart' | 'verify') =>
    column === 'change' ? row.apply : column === 'restart' ? row.restart : row.verify;
  return (
    <Table aria-label={t('results.table')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('results.system')}</TableCell>
          {columns.map((column) => (
            <TableCell key={column}>{t(`results.${column}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key} data-place={nameOf(row.place)}>
            <TableCell sx={{ verticalAlign: 'top' }}>
              {nameOf(row.place)}
              <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                {row.place.netId ?? ''}
                {row.attempt > 1 && ` · ${t('results.attempt', { attempt: row.attempt })}`}
              </Typography>
            </TableCell>
            {columns.map((column) => (
              <TableCell key={column} sx={{ verticalAlign: 'top', maxWidth: 360 }}>
                <CellView cell={cellOf(row, column)} column={column} />
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
