import { useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useTranslation } from '../../i18n';
import { BatchResults } from './BatchResults';
import type { BatchHooks } from './ChangeDialog';
import type { Place } from './places';
import { RestartConfirm } from './RestartConfirm';
import { useServerBatch, type RestartMode } from './use-server-batch';

/** Restarts the selected systems into Config or Run: the confirmation first, then a result per system. */
export function RestartDialog({
  mode,
  places,
  hooks,
  onClose,
}: {
  mode: RestartMode;
  places: Place[];
  hooks: BatchHooks;
  onClose(): void;
}) {
  const { t } = useTranslation('server');
  const batch = useServerBatch(places, hooks);
  const [confirmed, setConfirmed] = useState(false);
  if (!confirmed) {
    return (
      <RestartConfirm
        mode={mode}
        places={places}
        onCancel={onClose}
        onConfirm={() => {
          setConfirmed(true);
          void batch.restart(
            mode,
            places.map((place) => place.key),
          );
        }}
      />
    );
  }
  return (
    <Dialog open onClose={batch.busy ? undefined : onClose} aria-labelledby="server-restart-results-title" maxWidth="md" fullWidth>
      <DialogTitle id="server-restart-results-title">{t(mode === 'config' ? 'actions.restartConfig' : 'actions.restartRun')}</DialogTitle>
      <DialogContent>
        <BatchResults rows={batch.rows} columns={['restart']} />
      </DialogContent>
      <DialogActions>
        <Button disabled={!batch.canRetry} onClick={() => void batch.retryFailed()}>
          {t('results.retryFailed')}
        </Button>
        <Button variant="contained" disabled={batch.busy} onClick={onClose}>
          {t('change.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
