import Chip, { type ChipProps } from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { LogEntry, LogLevel } from './merge-log';
import { useFormat, useTranslation } from '../../i18n';

const LEVEL_COLOUR: Record<LogLevel, ChipProps['color']> = { debug: 'default', info: 'primary', warn: 'warning', error: 'error' };

/** Newest line first, so that what just happened is visible without scrolling. */
export function LogTable({ entries, emptyText }: { entries: readonly LogEntry[]; emptyText: string }) {
  const { t } = useTranslation('log');
  const format = useFormat();
  const newestFirst = [...entries].reverse();
  return (
    <TableContainer component={Paper} variant="outlined" sx={{ maxHeight: 'calc(100vh - 220px)' }}>
      <Table aria-label={t('table.label')} stickyHeader>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 110 }}>{t('table.time')}</TableCell>
            <TableCell sx={{ width: 80 }}>{t('table.level')}</TableCell>
            <TableCell sx={{ width: 140 }}>{t('table.source')}</TableCell>
            <TableCell sx={{ width: 120 }}>{t('table.target')}</TableCell>
            <TableCell>{t('table.message')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {newestFirst.length === 0 ? (
            <TableRow>
              <TableCell colSpan={5} sx={{ color: 'text.secondary' }}>
                {emptyText}
              </TableCell>
            </TableRow>
          ) : (
            newestFirst.map((entry, index) => (
              <TableRow key={newestFirst.length - index} hover>
                <TableCell title={entry.time} sx={{ typography: 'mono', whiteSpace: 'nowrap' }}>
                  {format.timeWithMs(entry.time)}
                </TableCell>
                <TableCell>
                  <Chip
                    label={t(`levels.${entry.level}`)}
                    color={LEVEL_COLOUR[entry.level]}
                    variant={entry.level === 'debug' ? 'outlined' : 'filled'}
                  />
                </TableCell>
                {/* Source and message are the services' own record, in English as on disk and in the export. */}
                <TableCell sx={{ whiteSpace: 'nowrap', typography: 'mono' }} lang="en">
                  {entry.source}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap', typography: 'mono' }}>{entry.target ?? ''}</TableCell>
                <TableCell sx={{ wordBreak: 'break-word' }} lang="en">
                  {entry.message}
                </TableCell>
              </TableRow>
            ))
          )}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
