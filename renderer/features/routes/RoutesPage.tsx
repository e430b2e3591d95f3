import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import type { LocalRoute } from '../../../shared/domain/route';
import { useApi } from '../../api/ApiProvider';
import { PageLayout } from '../../components/PageLayout';
import { RoutesTable } from './RoutesTable';
import { connectionOf, TargetRoutesDialog, type TargetRoutesSubject } from '../../components/TargetRoutesDialog';
import { subjectOfRoute } from '../../components/route-connection';
import { useTranslation } from '../../i18n';

import type { TwinCatRemoval } from '../../../shared/ipc/channels/routes';
import { ConfirmRemoveRoute, type RemoveChoice } from './ConfirmRemoveRoute';
import { useLocalRoutes } from './use-local-routes';
import { useTwinCatRoutes } from './use-twincat-routes';
import { TwinCatRoutesView } from './TwinCatRoutesSection';

type Feedback = { severity: 'info' | 'success' | 'warning' | 'error'; text: string };

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
  const twincat = useTwinCatRoutes();
  const [twinCatFeedback, setTwinCatFeedback] = useState<Feedback | undefined>(undefined);
  // The page lists the file's routes already: the confirmation offers the file only for a route it holds.
  const twinCatPath = (name: string | undefined) =>
    twincat.data?.found && twincat.data.path !== null && twincat.data.routes.some((r) => r.name === name) ? twincat.data.path : null;
  const removalFeedback = (name: string, removal: TwinCatRemoval): Feedback => {
    const path = removal.path ?? '';
    switch (removal.outcome) {
      case 'removed':
        return { severity: 'success', text: t('twincatRemoval.removed', { name, path }) };
      case 'differs':
        return { severity: 'warning', text: t('twincatRemoval.differs', { name, path }) };
      case 'not-there':
        return { severity: 'info', text: t('twincatRemoval.notThere', { name, path }) };
      case 'refused':
        return { severity: 'error', text: t('twincatRemoval.refused', { detail: removal.detail }) };
      case 'no-twincat':
        return { severity: 'info', text: t('twincatRemoval.noTwinCat') };
    }
  };

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

  const remove = async ({ alsoOnTarget, fromTwinCat }: RemoveChoice) => {
    if (!removing) return;
    setBusy(true);
    setNotice(undefined);
    setTwinCatFeedback(undefined);
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
    const result = await api.invoke('routes:remove', { name: removing.name, fromTwinCat });
    setBusy(false);
    setRemoving(undefined);
    if (!result.ok) setRemoveError(t('removeFailed', { name: removing.name, error: result.error.message }));
    else {
      setRemoveError(undefined);
      if (result.data.twincat) setTwinCatFeedback(removalFeedback(removing.name, result.data.twincat));
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
      {twinCatFeedback && (
        <Alert severity={twinCatFeedback.severity} sx={{ mb: 1 }} role="status" onClose={() => setTwinCatFeedback(undefined)}>
          {twinCatFeedback.text}
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
      <TwinCatRoutesView routes={routes ?? []} data={twincat.data} error={twincat.error} />
      <ConfirmRemoveRoute
        key={removing?.name ?? ''}
        route={removing}
        twinCatPath={twinCatPath(removing?.name)}
        busy={busy}
        onCancel={() => setRemoving(undefined)}
        onConfirm={(choice) => void remove(choice)}
      />
      <TargetRoutesDialog subject={routesOf} onClose={() => setRoutesOf(null)} />
    </PageLayout>
  );
}
