import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import type { TypedSecrets } from '../../components/route-connection';
import { SecretField } from '../../components/SecretField';
import { useTranslation } from '../../i18n';
import type { Place } from './places';

/** The secrets of one route that this PC does not keep: the PSK secret, or the password of the CA key. */
export function CredentialsDialog({ place, onCancel, onUse }: { place: Place; onCancel(): void; onUse(secrets: TypedSecrets): void }) {
  const { t } = useTranslation('server');
  const [pskPassword, setPskPassword] = useState('');
  const [keyPassword, setKeyPassword] = useState('');
  const mode = place.route?.tls?.mode;
  const name = place.name ?? '';
  return (
    <Dialog open onClose={onCancel} aria-labelledby="server-credentials-title" maxWidth="sm" fullWidth>
      <DialogTitle id="server-credentials-title">{t('credentials.title', { name })}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 2 }}>{t('credentials.text')}</DialogContentText>
        <Stack spacing={2}>
          {mode === 'psk' && (
            <SecretField
              label={t('credentials.pskPassword', { identity: place.route?.tls?.pskIdentity ?? '' })}
              value={pskPassword}
              onChange={setPskPassword}
              toggleLabel={t('credentials.show')}
              autoFocus
              required
            />
          )}
          {mode === 'ca' && (
            <SecretField
              label={t('credentials.keyPassword')}
              value={keyPassword}
              onChange={setKeyPassword}
              toggleLabel={t('credentials.show')}
              autoFocus
            />
          )}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('change.cancel')}</Button>
        <Button variant="contained" disabled={mode === 'psk' && !pskPassword} onClick={() => onUse({ pskPassword, keyPassword })}>
          {t('credentials.use')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
