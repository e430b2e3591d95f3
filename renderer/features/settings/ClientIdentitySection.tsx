import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { isNetId } from '../../../shared/protocol/netid';
import { useApi } from '../../api/ApiProvider';
import { useRequest } from '../../api/use-request';
import { useFormat, useTranslation } from '../../i18n';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';
import { LocalNetIdField } from './LocalNetIdField';

interface Draft {
  fixed: boolean;
  localNetId: string;
  hostname: string;
}

/** The Secure ADS client certificate of this PC and the NetId / host name it presents to targets. */
export function ClientIdentitySection() {
  const { t } = useTranslation(['settings', 'common']);
  const format = useFormat();
  const api = useApi();
  const { data, error, loading, reload } = useRequest('identity:get', {});
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saveError, setSaveError] = useState<IpcError | null>(null);
  const [copied, setCopied] = useState(false);

  const values: Draft | null =
    draft ?? (data ? { fixed: data.localNetIdConfigured ?? true, localNetId: data.localNetId, hostname: data.hostname } : null);
  const netIdInvalid = values !== null && values.fixed && !isNetId(values.localNetId);
  const hostnameInvalid = values !== null && (values.hostname.length === 0 || values.hostname.length > 31);

  const save = async () => {
    if (!values || netIdInvalid || hostnameInvalid) return;
    const result = await api.invoke('identity:set', {
      localNetId: values.fixed ? values.localNetId : null,
      hostname: values.hostname,
    });
    if (result.ok) {
      setDraft(null);
      setSaveError(null);
      reload();
    } else {
      setSaveError(result.error);
    }
  };

  const copy = async () => {
    if (!data) return;
    await navigator.clipboard?.writeText(data.fingerprint);
    setCopied(true);
  };

  return (
    <Box component="section" aria-labelledby="identity-heading" sx={{ mb: 4 }}>
      <Typography variant="h2" component="h2" id="identity-heading" sx={{ mb: 1 }}>
        {t('identity.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('identity.description')}
      </Typography>
      {loading && !data && <LinearProgress aria-label={t('identity.loading')} sx={{ mb: 1 }} />}
      {error && <ServiceErrorAlert error={error} sx={{ mb: 1 }} />}
      {data && values && (
        <Stack spacing={2} sx={{ maxWidth: 720 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
            <Box>
              <Typography variant="caption" color="text.secondary" component="div">
                {t('identity.fingerprint')}
              </Typography>
              <Typography component="div" sx={{ typography: 'mono', wordBreak: 'break-all' }} data-testid="client-fingerprint">
                {formatFingerprint(data.fingerprint, 'grouped')}
              </Typography>
            </Box>
            <Tooltip title={copied ? t('common:copied') : t('identity.copyFingerprint')}>
              <IconButton aria-label={t('identity.copyFingerprintLabel')} onClick={() => void copy()}>
                <ContentCopyIcon fontSize="small" />
              </IconButton>
            </Tooltip>
          </Stack>
          <Typography variant="body2" color="text.secondary">
            {t('identity.validUntil', { subject: data.subject, date: format.date(data.notAfter) })}
          </Typography>
          <LocalNetIdField
            fixed={values.fixed}
            netId={values.localNetId}
            invalid={netIdInvalid}
            adapterNetIds={data.adapterNetIds}
            onChange={(next) => setDraft({ ...values, fixed: next.fixed, localNetId: next.netId })}
          />
          <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
            <TextField
              label={t('identity.hostname')}
              value={values.hostname}
              error={hostnameInvalid}
              helperText={hostnameInvalid ? t('identity.hostnameInvalid') : t('identity.hostnameHelp')}
              onChange={(event) => setDraft({ ...values, hostname: event.target.value })}
            />
            <Box>
              <Button variant="outlined" onClick={() => void save()} disabled={draft === null || netIdInvalid || hostnameInvalid}>
                {t('common:save')}
              </Button>
            </Box>
          </Stack>
          {saveError && <ServiceErrorAlert error={saveError} />}
        </Stack>
      )}
    </Box>
  );
}
