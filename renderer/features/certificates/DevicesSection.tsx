import { useId, useState } from 'react';
import { visuallyHidden } from '@mui/utils';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { CertificatesOverview, IssuedDevice } from '../../../shared/ipc/channels/certificates';
import { useApi } from '../../api/ApiProvider';
import { useFormat, useTranslation } from '../../i18n';
import { ExpiryChip } from './ExpiryChip';
import { IssueForm } from './IssueForm';
import { SectionHeading } from './SectionHeading';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';

/**
 * Issue device certificates, list them with their expiry, export the chosen ones as folders for the targets, and
 * (with `onInstall`) hand one over to be installed on its target.
 */
export function DevicesSection({ overview, onInstall }: { overview: CertificatesOverview; onInstall?(device: IssuedDevice): void }) {
  const { t } = useTranslation('certificates');
  const format = useFormat();
  const api = useApi();
  const [notice, setNotice] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const rowIds = useId();
  const [folder, setFolder] = useState('');
  const [exportError, setExportError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const devices = overview.devices;
  const chosen = devices.filter((d) => selected.has(d.fileName));

  const toggle = (name: string) => {
    const next = new Set(selected);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setSelected(next);
  };

  const exportChosen = async () => {
    setBusy(true);
    setExportError(null);
    const result = await api.invoke('certificates:export', { names: chosen.map((d) => d.fileName), folder: folder.trim() });
    setBusy(false);
    if (result.ok) setNotice(t('devices.exported', { folders: result.data.exported.map((e) => e.folder).join(', ') }));
    else setExportError(result.error);
  };

  return (
    <Box component="section" aria-labelledby="devices-heading" sx={{ mb: 4 }}>
      <SectionHeading id="devices-heading" title={t('devices.heading')} description={t('devices.description')} />
      {notice && (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {!overview.ca ? (
        <Typography variant="body2" color="text.secondary">
          {t('devices.needCa')}
        </Typography>
      ) : (
        <Paper variant="outlined" sx={{ p: 2, mb: 2, maxWidth: 900 }}>
          <IssueForm onDone={setNotice} />
        </Paper>
      )}
      {devices.length === 0 ? (
        overview.ca && (
          <Typography variant="body2" color="text.secondary">
            {t('devices.none')}
          </Typography>
        )
      ) : (
        <>
          <Table aria-label={t('devices.table')}>
            <TableHead>
              <TableRow>
                <TableCell padding="checkbox">
                  <Box component="span" sx={visuallyHidden}>
                    {t('identity.export')}
                  </Box>
                </TableCell>
                <TableCell>{t('devices.name')}</TableCell>
                <TableCell>{t('devices.validUntil')}</TableCell>
                <TableCell>{t('expiry.status')}</TableCell>
                <TableCell>{t('devices.key')}</TableCell>
                <TableCell>{t('devices.folder')}</TableCell>
                {onInstall && (
                  <TableCell>
                    <Box component="span" sx={visuallyHidden}>
                      {t('devices.actions')}
                    </Box>
                  </TableCell>
                )}
              </TableRow>
            </TableHead>
            <TableBody>
              {devices.map((device, index) => {
                const expiry = overview.expiry.find((e) => e.role === 'device' && e.name === device.commonName);
                return (
                  <TableRow key={device.fileName} hover selected={selected.has(device.fileName)}>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={selected.has(device.fileName)}
                        onChange={() => toggle(device.fileName)}
                        slotProps={{ input: { 'aria-label': t('devices.selectIssued', { name: device.commonName }) } }}
                      />
                    </TableCell>
                    <TableCell component="th" scope="row" id={`${rowIds}-${index}`}>
                      {device.commonName}
                    </TableCell>
                    <TableCell>{format.date(device.certificate.notAfter)}</TableCell>
                    <TableCell>{expiry && <ExpiryChip entry={expiry} />}</TableCell>
                    <TableCell>{device.keyEncrypted ? t('devices.keyEncrypted') : t('devices.keyPlain')}</TableCell>
                    <TableCell sx={{ typography: 'mono', fontSize: '0.8rem', wordBreak: 'break-all' }}>{device.folder}</TableCell>
                    {onInstall && (
                      <TableCell>
                        {/* Every row's button says the same; its device's name tells them apart for assistive technology. */}
                        <Button
                          size="small"
                          sx={{ whiteSpace: 'nowrap' }}
                          aria-describedby={`${rowIds}-${index}`}
                          onClick={() => onInstall(device)}
                        >
                          {t('devices.install')}
                        </Button>
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ mt: 2, alignItems: 'flex-start', maxWidth: 900 }}>
            <TextField
              label={t('devices.exportFolder')}
              value={folder}
              onChange={(event) => setFolder(event.target.value)}
              fullWidth
              helperText={t('devices.exportHelp')}
              slotProps={{ htmlInput: { spellCheck: false } }}
            />
            <Button
              variant="outlined"
              sx={{ height: 40, whiteSpace: 'nowrap', flexShrink: 0 }}
              disabled={chosen.length === 0 || !folder.trim() || busy}
              onClick={() => void exportChosen()}
            >
              {t('devices.export', { count: chosen.length })}
            </Button>
          </Stack>
          {exportError && <ServiceErrorAlert error={exportError} sx={{ mt: 1 }} />}
        </>
      )}
    </Box>
  );
}
