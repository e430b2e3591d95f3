import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import type { IpcError } from '../../../shared/ipc/result';
import { ServiceErrorAlert } from '../../components/ServiceError';
import { useTranslation } from '../../i18n';

/** No TwinCAT target folder on this PC: which folders were tried, and a way to name the right one. */
export function NoTwincat({ tried, onSetFolder }: { tried: string[]; onSetFolder(folder: string | null): Promise<IpcError | null> }) {
  const { t } = useTranslation('server');
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = async (value: string | null) => {
    setBusy(true);
    const failed = await onSetFolder(value);
    setBusy(false);
    setError(failed);
  };
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      <AlertTitle>{t('noTwincat.title')}</AlertTitle>
      {t('noTwincat.tried')}
      <Box component="ul" sx={{ my: 0.5, pl: 3, typography: 'mono' }}>
        {tried.map((path) => (
          <li key={path}>{path}</li>
        ))}
      </Box>
      <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'flex-start', flexWrap: 'wrap' }}>
        <TextField
          label={t('noTwincat.folder')}
          value={folder}
          onChange={(event) => setFolder(event.target.value)}
          sx={{ minWidth: 360 }}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
        <Button variant="outlined" disabled={busy || !folder.trim()} onClick={() => void set(folder.trim())} sx={{ height: 40 }}>
          {t('noTwincat.set')}
        </Button>
        <Button disabled={busy} onClick={() => void set(null)} sx={{ height: 40 }}>
          {t('noTwincat.automatic')}
        </Button>
      </Stack>
      {error && <ServiceErrorAlert error={error} lead={t('noTwincat.failed')} sx={{ mt: 1 }} />}
    </Alert>
  );
}
