import { useMemo, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import { useRequest } from '../../api/use-request';
import { needsNewLogin } from '../../components/route-error';
import { useFormat, useTranslation } from '../../i18n';
import type { FingerprintTarget } from './FingerprintCheck';
import { credentialsFor, emptyLogin, type LoginFields, type LoginMethod } from './login';
import { LoginPhase, type LoginVerdict } from './LoginPhase';
import { preselectMethod, type MethodPreselection } from './method-preselection';
import type { PlainTarget } from './PlainTargetsChoice';
import { ResultsTable } from './ResultsTable';
import {
  addressOf,
  hasErrors,
  initialForm,
  securityOf,
  settingsFor,
  targetsWithoutSecure,
  validateForm,
  type RouteForm,
  type TargetEntry,
} from './route-form';
import { batchSummary, errorOf, failedAddresses, isRunning, summaryOf } from './route-progress';
import { RouteSettingsForm } from './RouteSettingsForm';
import { RouteStepper } from './RouteStepper';
import { useRouteBatch, type AddRequest } from './use-route-batch';

export interface AddRouteDialogProps {
  open: boolean;
  /** The targets selected in the Targets view; one settings form and one login cover all of them. */
  targets: DiscoveredTarget[];
  /** The fingerprints remembered after verified routes, as the Targets view holds them (current, not asked for again). */
  knownFingerprints: readonly KnownFingerprint[];
  onClose: () => void;
}

type Phase = 'settings' | 'login' | 'progress';

const SETTINGS_FORM = 'add-route-settings';

/** Settings, then login (with the fingerprint compare), then live progress: the XAE flow, for one or many targets. */
export function AddRouteDialog({ open, targets, knownFingerprints, onClose }: AddRouteDialogProps) {
  return (
    <Dialog
      open={open}
      // A stray click beside the dialog must not throw away a half-typed login or hide a running batch; Escape still closes.
      onClose={(_event, reason) => {
        if (reason !== 'backdropClick') onClose();
      }}
      maxWidth="md"
      fullWidth
      aria-labelledby="add-route-title"
    >
      {open && <AddRouteFlow targets={targets} knownFingerprints={knownFingerprints} onClose={onClose} />}
    </Dialog>
  );
}

/** The sentence under the Secure ADS method that says why it is preselected; null once the user chose one. */
function usePreselectionNote(preselection: MethodPreselection, chosen: boolean, count: number): string | null {
  const { t } = useTranslation(['addRoute', 'common']);
  const format = useFormat();
  if (chosen) return null;
  if (preselection.kind === 'default') return t('settings.preselected.default', { count });
  const method = t(`common:secureMethod.${preselection.method}`);
  if (preselection.all) return t('settings.preselected.acceptedAll', { method });
  const { verifiedAt, createdAt } = preselection.evidence;
  if (verifiedAt) return t('settings.preselected.accepted', { method, date: format.date(verifiedAt) });
  return t('settings.preselected.created', { method, date: format.date(createdAt) });
}

function AddRouteFlow({ targets, knownFingerprints, onClose }: Omit<AddRouteDialogProps, 'open'>) {
  const { t } = useTranslation('addRoute');
  const format = useFormat();
  const identity = useRequest('identity:get', {});
  const earlierRoutes = useRequest('routes:list', {});
  const preselection = useMemo(
    () => preselectMethod(targets, earlierRoutes.data ?? [], knownFingerprints),
    [targets, earlierRoutes.data, knownFingerprints],
  );
  const [methodChosen, setMethodChosen] = useState(false);
  const preselectionNote = usePreselectionNote(preselection, methodChosen, targets.filter((target) => target.secureAds).length);
  // Captured once: discovery may refresh the selection while the dialog is open, the form must not jump.
  const [form, setForm] = useState<RouteForm>(() => initialForm(targets, ''));
  const [remoteNameEdited, setRemoteNameEdited] = useState(false);
  const [phase, setPhase] = useState<Phase>('settings');
  const [login, setLogin] = useState<LoginFields>(emptyLogin);
  const [compares, setCompares] = useState<Record<string, string>>({});
  const [ticks, setTicks] = useState<Record<string, string>>({});
  const [plainConfirmed, setPlainConfirmed] = useState<ReadonlySet<string>>(() => new Set());
  const lastRequest = useRef<AddRequest | undefined>(undefined);
  const batch = useRouteBatch();

  // Until the user picks a method, the one the targets are known to accept is shown (it may arrive after the dialog).
  const shownForm = useMemo<RouteForm>(
    () => ({
      ...form,
      ...(remoteNameEdited ? {} : { remoteRouteName: identity.data?.hostname ?? '' }),
      ...(methodChosen ? {} : { method: preselection.method }),
    }),
    [form, remoteNameEdited, identity.data, methodChosen, preselection.method],
  );
  const validation = useMemo(() => validateForm(shownForm), [shownForm]);
  // No red flash while this PC's name is still on its way: the field is empty only because it has not arrived.
  const waitingForName = !remoteNameEdited && identity.loading;
  const errors = waitingForName ? { ...validation, remoteRouteName: undefined } : validation;
  const method: LoginMethod = securityOf(shownForm) === 'none' ? 'none' : shownForm.method;
  const labelOf = (entry: TargetEntry) => entry.routeName || entry.hostname || entry.ip;
  const withoutSecure = targetsWithoutSecure(shownForm);
  // Only the targets that will run SSC have a fingerprint to decide on.
  const fingerprintTargets: FingerprintTarget[] =
    method === 'ssc'
      ? shownForm.targets
          .filter((entry) => entry.secureAds)
          .map((entry) => ({
            address: addressOf(entry, shownForm.addressKind),
            label: labelOf(entry),
            netId: entry.netId.trim(),
            discoveryFingerprint: entry.discoveryFingerprint,
          }))
      : [];
  const plainTargets: PlainTarget[] = withoutSecure.map((entry) => ({
    key: entry.key,
    label: labelOf(entry),
    address: addressOf(entry, shownForm.addressKind),
  }));
  const labels = new Map(shownForm.targets.map((entry) => [addressOf(entry, shownForm.addressKind), labelOf(entry)]));

  const onChange = (update: Partial<RouteForm>) => {
    if (update.remoteRouteName !== undefined) setRemoteNameEdited(true);
    if (update.method !== undefined) setMethodChosen(true);
    setForm((current) => ({
      ...current,
      ...(remoteNameEdited ? {} : { remoteRouteName: shownForm.remoteRouteName }),
      ...(methodChosen ? {} : { method: shownForm.method }),
      ...update,
    }));
  };
  const onTargetChange = (key: string, update: Partial<TargetEntry>) =>
    setForm((current) => ({ ...current, targets: current.targets.map((entry) => (entry.key === key ? { ...entry, ...update } : entry)) }));

  const openLogin = (event: FormEvent) => {
    event.preventDefault();
    if (hasErrors(validation)) return;
    // The identity of the earlier PSK route is not a secret; its key is never kept, so it is asked for again.
    const knownIdentity = preselection.kind === 'known' ? preselection.evidence.pskIdentity : null;
    if (method === 'psk' && knownIdentity && login.pskIdentity === '') setLogin((current) => ({ ...current, pskIdentity: knownIdentity }));
    // From here on the method is the one the user saw: a route list or fingerprint arriving later must not change it.
    setForm((current) => ({ ...current, method: shownForm.method }));
    setMethodChosen(true);
    setPhase('login');
  };

  // The same name with a new password: the secrets are cleared so a wrong one is not sent again by accident.
  const changeLogin = () => {
    setLogin((current) => ({ ...current, password: '', pskKey: '', keyPassword: '' }));
    setPhase('login');
  };

  const send = (request: AddRequest) => {
    lastRequest.current = request;
    setPhase('progress');
    void batch.start(request, labels);
  };

  const submitLogin = (verdict: LoginVerdict) => (event: FormEvent) => {
    event.preventDefault();
    if (!verdict.ready) return;
    send({
      // Every SSC target pins the fingerprint it was decided on: compared, vouched for, or known. Never none.
      targets: settingsFor(shownForm, plainConfirmed).map((settings) => {
        const decided = settings.security === 'ssc' ? verdict.decisions[settings.address] : undefined;
        return decided ? { settings, expectedFingerprint: decided.fingerprint, fingerprintBasis: decided.basis } : { settings };
      }),
      credentials: credentialsFor(method, login),
    });
  };

  const retryFailed = () => {
    const previous = lastRequest.current;
    if (!previous) return;
    const failed = new Set(failedAddresses(batch.state));
    const again = { ...previous, targets: previous.targets.filter((target) => failed.has(target.settings.address)) };
    if (again.targets.length > 0) void batch.start(again, labels);
  };

  const running = isRunning(batch.state);
  const failedCount = failedAddresses(batch.state).length;
  // A wrong password fails the same way every time: offer to change the login, not a retry that cannot help.
  const failedRows = batch.state.rows.filter((row) => row.outcome === 'failed');
  const loginFix = failedRows.length > 0 && failedRows.every((row) => needsNewLogin(errorOf(row)));

  return (
    <>
      <DialogTitle id="add-route-title">
        {t('title', { count: form.targets.length, name: form.targets[0]?.hostname || form.targets[0]?.ip || '' })}
      </DialogTitle>
      {phase === 'settings' && (
        <>
          <DialogContent dividers>
            <Box component="form" id={SETTINGS_FORM} aria-label={t('settingsForm')} noValidate onSubmit={openLogin}>
              <RouteSettingsForm
                form={shownForm}
                errors={errors}
                onChange={onChange}
                onTargetChange={onTargetChange}
                methodNote={preselectionNote}
              />
              {/* Enter in any field submits; the visible button lives in the dialog's action bar. */}
              <button type="submit" hidden tabIndex={-1} aria-hidden />
            </Box>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('cancel')}</Button>
            <Button type="submit" form={SETTINGS_FORM} variant="contained" disabled={hasErrors(validation)}>
              {t('add')}
            </Button>
          </DialogActions>
        </>
      )}
      {phase === 'login' && (
        <LoginPhase
          method={method}
          known={knownFingerprints}
          login={login}
          onLoginChange={(update) => setLogin((current) => ({ ...current, ...update }))}
          targets={fingerprintTargets}
          compares={compares}
          onCompareChange={(address, value) => setCompares((current) => ({ ...current, [address]: value }))}
          ticks={ticks}
          onTick={(address, fingerprint) =>
            setTicks((current) => {
              const next = { ...current };
              if (fingerprint) next[address] = fingerprint;
              else delete next[address];
              return next;
            })
          }
          plainTargets={plainTargets}
          plainConfirmed={plainConfirmed}
          onPlainChange={(key, plain) =>
            setPlainConfirmed((current) => {
              const next = new Set(current);
              if (plain) next.add(key);
              else next.delete(key);
              return next;
            })
          }
          included={settingsFor(shownForm, plainConfirmed).length}
          onBack={() => setPhase('settings')}
          onSubmit={submitLogin}
        />
      )}
      {phase === 'progress' && (
        <>
          {/* Focusable: a failure with its fix can make the steps taller than the dialog, and the region has no control
              of its own, so keyboard users need it to take focus to scroll it. */}
          <DialogContent dividers tabIndex={0} role="region" aria-label={t('progress')} aria-busy={running}>
            <Box>
              {batch.state.rows.length === 1 && batch.state.rows[0] ? (
                <>
                  <RouteStepper row={batch.state.rows[0]} />
                  {!running && (
                    <Alert severity={batch.state.rows[0].outcome === 'ok' ? 'success' : 'error'} role="status" sx={{ mt: 2 }}>
                      {summaryOf(batch.state.rows[0], t, format)}
                      {batch.state.rows[0].outcome === 'failed' && batch.state.rows[0].error && (
                        // The services' own message, in English, after the translated line.
                        <>
                          : <span lang="en">{batch.state.rows[0].error.message}</span>
                        </>
                      )}
                    </Alert>
                  )}
                </>
              ) : (
                <>
                  <Typography role="status" variant="subtitle2" sx={{ mb: 1 }}>
                    {batchSummary(batch.state, t)}
                  </Typography>
                  <ResultsTable rows={batch.state.rows} />
                </>
              )}
            </Box>
          </DialogContent>
          <DialogActions>
            {running && <Button onClick={batch.cancel}>{t('cancel')}</Button>}
            {!running && failedCount > 0 && !loginFix && <Button onClick={() => setPhase('login')}>{t('back')}</Button>}
            {!running && loginFix && (
              <Button variant="outlined" onClick={changeLogin}>
                {t('changeLogin')}
              </Button>
            )}
            {!running && failedCount > 0 && !loginFix && (
              <Button variant="outlined" onClick={retryFailed}>
                {batch.state.rows.length > 1 ? t('retryFailed') : t('retry')}
              </Button>
            )}
            <Button variant={running || failedCount > 0 ? 'text' : 'contained'} onClick={onClose}>
              {t('close')}
            </Button>
          </DialogActions>
        </>
      )}
    </>
  );
}
