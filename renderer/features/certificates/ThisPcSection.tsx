import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DEVICE_DEFAULT_DAYS, type CertificatesOverview } from '../../../shared/ipc/channels/certificates';
import { useApi } from '../../api/ApiProvider';
import { SecretField } from '../../components/SecretField';
import { useTranslation } from '../../i18n';
import { CopyButton } from '../../components/CopyButton';
import { ExpiryChip } from './ExpiryChip';
import { SectionHeading } from './SectionHeading';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';

/** This PC's certificate from the plant CA, and the three files the Add Route dialog's Shared CA login needs. */
export function ThisPcSection({ overview, hostname }: { overview: CertificatesOverview; hostname: string }) {
  const { t } = useTranslation('certificates');
  const api = useApi();
  const [caPassword, setCaPassword] = useState('');
  const [keyPassword, setKeyPassword] = useState('');
  const [days, setDays] = useState(String(DEVICE_DEFAULT_DAYS));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const thisPc = overview.thisPc;
  const expiry = overview.expiry.find((e) => e.role === 'this-pc');
  const daysValue = Number(days);
  const valid = caPassword.length > 0 && Number.isInteger(daysValue) && daysValue >= 1 && daysValue <= 36_500 && !busy;
  const files = thisPc
    ? [
        { what: t('thisPc.caFile'), path: thisPc.files.ca },
        { what: t('thisPc.certFile'), path: thisPc.files.cert },
        { what: t('thisPc.keyFile'), path: thisPc.files.key },
      ]
    : [];

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await api.invoke('certificates:issue-this-pc', { caPassword, days: daysValue, ...(keyPassword ? { keyPassword } : {}) });
    setBusy(false);
    if (result.ok) {
      setCaPassword('');
      setNotice(t('thisPc.issued'));
    } else {
      setError(result.error);
    }
  };

  if (!overview.ca) return null;
  return (
    <Box component="section" aria-labelledby="this-pc-heading" sx={{ mb: 4 }}>
      <SectionHeading id="this-pc-heading" title={t('thisPc.heading')} description={t('thisPc.description', { host: hostname })} />
      {notice && (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {thisPc && (
        <Box sx={{ mb: 2 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="body2">{thisPc.certificate.subject}</Typography>
            {expiry && <ExpiryChip entry={expiry} />}
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {t('thisPc.use')}
          </Typography>
          <Box
            component="dl"
            data-testid="this-pc-files"
            sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, alignItems: 'center', m: 0, '& dd': { m: 0 } }}
          >
            {files.map((file) => (
              <Box key={file.what} sx={{ display: 'contents' }}>
                <Typography component="dt" variant="body2" color="text.secondary">
                  {file.what}
                </Typography>
                <Typography component="dd" variant="body2" sx={{ typography: 'mono', wordBreak: 'break-all' }}>
                  {file.path}
                  <CopyButton text={file.path} label={t('thisPc.copyPath', { what: file.what })} />
                </Typography>
              </Box>
            ))}
          </Box>
        </Box>
      )}
      <Paper variant="outlined" sx={{ p: 2, maxWidth: 900 }}>
        <Stack
          component="form"
          spacing={2}
          aria-label={t('thisPc.heading')}
          onSubmit={(event) => {
            event.preventDefault();
            if (valid) void submit();
          }}
        >
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label={t('thisPc.days')}
              value={days}
              onChange={(event) => setDays(event.target.value)}
              sx={{ width: 160, flexShrink: 0 }}
              slotProps={{ htmlInput: { inputMode: 'numeric' } }}
            />
            <SecretField
              label={t('thisPc.keyPassword')}
              value={keyPassword}
              onChange={setKeyPassword}
              toggleLabel={t('ca.showPassword')}
              autoComplete="new-password"
            />
            <SecretField
              label={t('thisPc.caPassword')}
              value={caPassword}
              onChange={setCaPassword}
              toggleLabel={t('ca.showPassword')}
              required
            />
          </Stack>
          {error && <ServiceErrorAlert error={error} />}
          <div>
            <Button type="submit" variant="outlined" disabled={!valid}>
              {thisPc ? t('thisPc.reissue') : t('thisPc.issue')}
            </Button>
          </div>
        </Stack>
      </Paper>
    </Box>
  );
}
