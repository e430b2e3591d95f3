import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { LocalRoute } from '../../../shared/domain/route';
import { useApi } from '../../api/ApiProvider';
import { PageLayout } from '../../components/PageLayout';
import { RoutesTable } from './RoutesTable';
import { useLocalRoutes } from './use-local-routes';
import { useTranslation } from '../../i18n';

/** Remove asks first, as XAE does: a route removed by mistake needs the target's login to come back. */
function ConfirmRemove({ route, onCancel, onConfirm, busy }: { route: LocalRoute | undefined; onCancel(): void; onConfirm(): void; busy: boolean }) {
  const { t } = useTranslation(['routes', 'common']);
  return (
    <Dialog open={route !== undefined} onClose={onCancel} aria-labelledby="remove-route-title">
      <DialogTitle id="remove-route-title">{t('confirm.title', { name: route?.name ?? '' })}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {t('confirm.text', { address: route?.address ?? '', netId: route?.netId ?? '' })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          {t('common:cancel')}
        </Button>
        <Button color="error" variant="contained" onClick={onConfirm} disabled={busy}>
          {t('confirm.remove')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function RoutesPage() {
  const { t } = useTranslation(['routes', 'common']);
  const api = useApi();
  const { routes, loading, error, reload } = useLocalRoutes();
  const [removing, setRemoving] = useState<LocalRoute | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | undefined>(undefined);

  const remove = async () => {
    if (!removing) return;
    setBusy(true);
    const result = await api.invoke('routes:remove', { name: removing.name });
    setBusy(false);
    setRemoving(undefined);
    if (!result.ok) setRemoveError(t('removeFailed', { name: removing.name, error: result.error.message }));
    else {
      setRemoveError(undefined);
      reload();
    }
  };

  return (
    <PageLayout
      title={t('title')}
      description={t('description')}
      actions={
        <Button size="small" startIcon={<RefreshIcon />} onClick={reload}>
          {t('common:refresh')}
        </Button>
      }
    >
      {loading && <LinearProgress aria-label={t('loading')} sx={{ mb: 1 }} />}
      {error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {error}
        </Alert>
      )}
      {removeError && (
        <Alert severity="error" sx={{ mb: 1 }} onClose={() => setRemoveError(undefined)}>
          {removeError}
        </Alert>
      )}
      {routes && routes.length === 0 && (
        <Typography color="text.secondary">{t('empty')}</Typography>
      )}
      {routes && routes.length > 0 && (
        <Paper variant="outlined">
          <RoutesTable routes={routes} onRemove={setRemoving} />
        </Paper>
      )}
      <ConfirmRemove route={removing} busy={busy} onCancel={() => setRemoving(undefined)} onConfirm={() => void remove()} />
    </PageLayout>
  );
}
