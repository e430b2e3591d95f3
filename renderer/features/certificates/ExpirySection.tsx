import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CRITICAL_DAYS, WARN_DAYS, type CertificatesOverview, type ExpiryEntry } from '../../../shared/ipc/channels/certificates';
import { useFormat, useTranslation } from '../../i18n';
import { ExpiryChip } from './ExpiryChip';
import { SectionHeading } from './SectionHeading';

function attention(entry: ExpiryEntry): boolean {
  return entry.level !== 'ok';
}

/** Every certificate the tool knows with its days left; expired ones in red with what stops working. */
export function ExpirySection({ overview }: { overview: CertificatesOverview }) {
  const { t } = useTranslation('certificates');
  const format = useFormat();
  const consequence = (entry: ExpiryEntry): ReactNode => {
    // The reason is the services' own (English) wording, kept as the details.
    if (entry.problem)
      return (
        <>
          {t('expiry.unreadable')} <span lang="en">({entry.problem})</span>
        </>
      );
    const stops = t(`expiry.stops.${entry.role}`, { name: entry.name });
    if (entry.level === 'expired' || !entry.notAfter) return stops;
    return `${t('expiry.when', { date: format.date(entry.notAfter), what: stops })} ${t('expiry.renew')}`;
  };
  const urgent = overview.expiry.some((e) => e.level === 'expired' || e.level === 'critical' || e.level === 'unreadable');
  return (
    <Box component="section" aria-labelledby="expiry-heading" sx={{ mb: 4 }}>
      <SectionHeading
        id="expiry-heading"
        title={t('expiry.heading')}
        description={t('expiry.description', { warn: WARN_DAYS, critical: CRITICAL_DAYS })}
      />
      {overview.attention > 0 ? (
        <Alert severity={urgent ? 'error' : 'warning'} sx={{ mb: 1.5 }} data-testid="expiry-summary">
          {t('expiry.summary', { count: overview.attention })}
        </Alert>
      ) : (
        <Alert severity="success" sx={{ mb: 1.5 }} data-testid="expiry-summary">
          {t('expiry.allFine', { warn: WARN_DAYS })}
        </Alert>
      )}
      <Table aria-label={t('expiry.table')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('expiry.certificate')}</TableCell>
            <TableCell>{t('expiry.kind')}</TableCell>
            <TableCell>{t('expiry.validUntil')}</TableCell>
            <TableCell>{t('expiry.status')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {overview.expiry.map((entry) => {
            const bad = entry.level === 'expired' || entry.level === 'unreadable';
            return (
              <TableRow key={`${entry.role}:${entry.path}`} data-level={entry.level}>
                <TableCell component="th" scope="row" sx={{ color: bad ? 'error.main' : undefined, fontWeight: bad ? 600 : undefined }}>
                  {entry.name}
                  {attention(entry) && (
                    <Typography variant="body2" sx={{ color: bad ? 'error.main' : 'text.secondary', fontWeight: 400 }}>
                      {consequence(entry)}
                    </Typography>
                  )}
                </TableCell>
                <TableCell>{t(`expiry.role.${entry.role}`)}</TableCell>
                <TableCell>{entry.notAfter ? format.date(entry.notAfter) : '–'}</TableCell>
                <TableCell>
                  <ExpiryChip entry={entry} />
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
