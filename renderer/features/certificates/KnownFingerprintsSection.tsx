import { useState } from 'react';
import { visuallyHidden } from '@mui/utils';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { useApi } from '../../api/ApiProvider';
import { useLiveQuery } from '../../api/use-live-query';
import { useFormat, useTranslation } from '../../i18n';
import { SectionHeading } from './SectionHeading';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';

/** Target fingerprints remembered after self-signed routes, with first and last sighting; each can be forgotten. */
export function KnownFingerprintsSection() {
  const { t } = useTranslation('certificates');
  const format = useFormat();
  const api = useApi();
  const { data, error } = useLiveQuery('known-fingerprints:list', {}, 'known-fingerprints:changed', (event) => event.entries);
  const [forgetError, setForgetError] = useState<IpcError | null>(null);
  const forget = async (netId: string) => {
    const result = await api.invoke('known-fingerprints:forget', { netId });
    setForgetError(result.ok ? null : result.error);
  };
  return (
    <Box component="section" aria-labelledby="known-heading" sx={{ mb: 4 }}>
      <SectionHeading id="known-heading" title={t('known.heading')} description={t('known.description')} />
      {error && <ServiceErrorAlert error={error} />}
      {forgetError && <ServiceErrorAlert error={forgetError} sx={{ mb: 1 }} />}
      {data && data.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('known.none')}
        </Typography>
      )}
      {data && data.length > 0 && (
        <Table aria-label={t('known.table')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('known.netId')}</TableCell>
              <TableCell>{t('known.address')}</TableCell>
              <TableCell>{t('known.fingerprint')}</TableCell>
              <TableCell>{t('known.firstSeen')}</TableCell>
              <TableCell>{t('known.lastSeen')}</TableCell>
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  {t('known.forget')}
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.map((entry) => (
              <TableRow key={entry.netId}>
                <TableCell component="th" scope="row">
                  {entry.netId}
                </TableCell>
                <TableCell>{entry.address}</TableCell>
                <TableCell sx={{ typography: 'mono', fontSize: '0.8rem' }}>{formatFingerprint(entry.fingerprint, 'grouped')}</TableCell>
                <TableCell>{format.dateTime(entry.firstSeen)}</TableCell>
                <TableCell>{format.dateTime(entry.lastSeen)}</TableCell>
                <TableCell align="right">
                  <Button aria-label={t('known.forgetLabel', { netId: entry.netId })} onClick={() => void forget(entry.netId)}>
                    {t('known.forget')}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
