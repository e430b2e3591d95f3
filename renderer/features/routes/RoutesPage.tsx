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
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import { connectionOf, TargetRoutesDialog, type TargetRoutesSubject } from '../../components/TargetRoutesDialog';
import { subjectOfRoute } from '../../components/route-connection';
import { useTranslation } from '../../i18n';

import { useLocalRoutes } from './use-local-routes';
import { TwinCatRoutesSection } from './TwinCatRoutesSection';

/** Remove asks first, as XAE does: a route removed by mistake needs the target's login to come back. */
function ConfirmRemove({
  route,
  onCancel,
  onConfirm,
  busy,
}: {
  route: LocalRoute | undefined;
  onCancel(): void;
  onConfirm(alsoOnTarget: boolean): void;
  busy: boolean;
}) {
  const { t } = useTranslation(['targetRoutes', 'routes', 'common']);
  const [alsoOnTarget, setAlsoOnTarget] = useState(false);
  return (
    <Dialog open={route !== undefined} onClose={onCancel} aria-labelledby="remove-route-title">
      <DialogTitle id="remove-route-title">{t('routes:confirm.title', { name: route?.name ?? '' })}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('routes:confirm.text', { address: route?.address ?? '', netId: route?.netId ?? '' })}</DialogContentText>
        <FormControlLabel
          sx={{ mt: 1 }}
          control={<Checkbox checked={alsoOnTarget} onChange={(e) => setAlsoOnTarget(e.target.checked)} />}
          label={t('localRemove.alsoOnTarget')}
        />
        <Typography variant="body2" color="text.secondary">
          {t('localRemove.alsoOnTargetHint')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          {t('common:cancel')}
        </Button>
        <Button color="error" variant="contained" onClick={() => onConfirm(alsoOnTarget)} disabled={busy}>
          {t('routes:confirm.remove')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

export function RoutesPage() {
  const api = useApi();
  const { routes, loading, error, reload } = useLocalRoutes();
  const [removing, setRemoving] = useState<LocalRoute | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [routesOf, setRoutesOf] = useState<TargetRoutesSubject | null>(null);
  const [test, setTest] = useState<{ severity: 'info' | 'success' | 'error'; text: string } | undefined>(undefined);
  const { t: tRoutes } = useTranslation('targetRoutes');
  const { t } = useTranslation(['routes', 'common']);

  const runTest = async (route: LocalRoute) => {
    setTest({ severity: 'info', text: tRoutes('test.running', { route: route.name }) });
    const connection = connectionOf(subjectOfRoute(route), {
      security: route.tls?.mode ?? 'none',
      pskIdentity: route.tls?.pskIdentity ?? '',
      pskPassword: '',
      keyPassword: '',
    });
    const result = await api.invoke('target-routes:verify', connection);
    setTest(
      result.ok
        ? {
            severity: 'success',
            text: tRoutes('test.ok', {
              route: route.name,
              device: result.data.deviceName,
              version: result.data.version,
              state: result.data.adsStateName,
            }),
          }
        : { severity: 'error', text: tRoutes('test.failed', { route: route.name, message: result.error.message }) },
    );
  };

  const remove = async (alsoOnTarget: boolean) => {
    if (!removing) return;
    setBusy(true);
    setNotice(undefined);
    if (alsoOnTarget) {
      // The target's entry goes first: once this PC's route is gone, nothing would reach the target any more.
      const connection = connectionOf(subjectOfRoute(removing), {
        security: removing.tls?.mode ?? 'none',
        pskIdentity: removing.tls?.pskIdentity ?? '',
        pskPassword: '',
        keyPassword: '',
      });
      const list = await api.invoke('target-routes:list', connection);
      const own = list.ok ? list.data.routes.find((r) => r.thisPc) : undefined;
      if (!list.ok) {
        setBusy(false);
        setRemoving(undefined);
        setRemoveError(tRoutes('error.generic', { target: removing.name, message: list.error.message }));
        return;
      }
      if (own) {
        const removed = await api.invoke('target-routes:remove', { ...connection, name: own.name });
        if (!removed.ok) {
          setBusy(false);
          setRemoving(undefined);
          setRemoveError(tRoutes('error.remove', { name: own.name, message: removed.error.message }));
          return;
        }
      } else setNotice(tRoutes('localRemove.notOnTarget'));
    }
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
        <Button startIcon={<RefreshIcon />} onClick={reload}>
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
      {test && (
        <Alert severity={test.severity} sx={{ mb: 1 }} role="status" onClose={() => setTest(undefined)}>
          {test.text}
        </Alert>
      )}
      {notice && (
        <Alert severity="info" sx={{ mb: 1 }} onClose={() => setNotice(undefined)}>
          {notice}
        </Alert>
      )}
      {routes && routes.length === 0 && <Typography color="text.secondary">{t('empty')}</Typography>}
      {routes && routes.length > 0 && (
        <Paper variant="outlined">
          <RoutesTable
            routes={routes}
            onRemove={setRemoving}
            onTest={(route) => void runTest(route)}
            onShowTargetRoutes={(route) => setRoutesOf(subjectOfRoute(route))}
            labels={{ test: (route) => tRoutes('test.label', { route }), targetRoutes: (route) => tRoutes('openFromRoutes', { route }) }}
          />
        </Paper>
      )}
      <TwinCatRoutesSection routes={routes ?? []} />
      <ConfirmRemove
        key={removing?.name ?? ''}
        route={removing}
        busy={busy}
        onCancel={() => setRemoving(undefined)}
        onConfirm={(also) => void remove(also)}
      />
      <TargetRoutesDialog subject={routesOf} onClose={() => setRoutesOf(null)} />
    </PageLayout>
  );
}
