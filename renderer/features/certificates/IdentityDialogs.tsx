import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { useApi } from '../../api/ApiProvider';
import { useTranslation } from '../../i18n';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';

/** Export of the client certificate; the key only after ticking it AND confirming what it means. */
export function ExportIdentityDialog({ onClose }: { onClose(message?: string): void }) {
  const { t } = useTranslation(['certificates', 'common']);
  const api = useApi();
  const [folder, setFolder] = useState('');
  const [includeKey, setIncludeKey] = useState(false);
  const [keyConfirmed, setKeyConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const ready = folder.trim().length > 0 && (!includeKey || keyConfirmed) && !busy;

  const submit = async () => {
    setBusy(true);
    const result = await api.invoke('certificates:identity-export', {
      folder: folder.trim(),
      includeKey,
      keyConfirmed: includeKey && keyConfirmed,
    });
    setBusy(false);
    if (result.ok) onClose(t('exportIdentity.done', { files: result.data.files.join(', ') }));
    else setError(result.error);
  };

  return (
    <Dialog open onClose={() => onClose()} aria-labelledby="export-identity-title" fullWidth maxWidth="sm">
      <DialogTitle id="export-identity-title">{t('exportIdentity.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          <TextField
            label={t('exportIdentity.folder')}
            value={folder}
            onChange={(event) => setFolder(event.target.value)}
            fullWidth
            required
            autoFocus
            helperText={t('exportIdentity.folderHelp')}
            slotProps={{ htmlInput: { spellCheck: false } }}
          />
          <FormControlLabel
            control={
              <Checkbox
                checked={includeKey}
                onChange={(event) => {
                  setIncludeKey(event.target.checked);
                  setKeyConfirmed(false);
                }}
              />
            }
            label={t('exportIdentity.includeKey')}
          />
          {includeKey && (
            <Alert severity="warning">
              {t('exportIdentity.keyWarning')}
              <FormControlLabel
                sx={{ display: 'flex', mt: 1 }}
                control={<Checkbox checked={keyConfirmed} onChange={(event) => setKeyConfirmed(event.target.checked)} />}
                label={t('exportIdentity.keyConfirm')}
              />
            </Alert>
          )}
          {error && <ServiceErrorAlert error={error} />}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>{t('common:cancel')}</Button>
        <Button variant="contained" disabled={!ready} onClick={() => void submit()}>
          {t('exportIdentity.submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Regeneration, with what it breaks said before it happens. */
export function RegenerateDialog({ onClose }: { onClose(message?: string): void }) {
  const { t } = useTranslation(['certificates', 'common']);
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const submit = async () => {
    setBusy(true);
    const result = await api.invoke('certificates:identity-regenerate', { confirm: true });
    setBusy(false);
    if (result.ok) onClose(t('regenerate.done', { fingerprint: formatFingerprint(result.data.certificate.fingerprint, 'grouped') }));
    else setError(result.error);
  };
  return (
    <Dialog open onClose={() => onClose()} aria-labelledby="regenerate-title" aria-describedby="regenerate-warning" maxWidth="sm">
      <DialogTitle id="regenerate-title">{t('regenerate.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="regenerate-warning">{t('regenerate.warning')}</DialogContentText>
        {error && <ServiceErrorAlert error={error} sx={{ mt: 2 }} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()} autoFocus>
          {t('common:cancel')}
        </Button>
        <Button variant="contained" color="warning" disabled={busy} onClick={() => void submit()}>
          {t('regenerate.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
