import { useMemo, useRef, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import { useRequest } from '../../api/use-request';
import { useTranslation } from '../../i18n';
import { credentialsFor, emptyLogin, loginTextProblem, missingLoginFields, type LoginFields, type LoginMethod } from './login';
import { LoginStep } from './LoginStep';
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
import { useKnownFingerprints } from '../../api/use-known-fingerprints';
import type { TFunction } from 'i18next';
import { PlainTargetsChoice, type PlainTarget } from './PlainTargetsChoice';
import { trustOf, type TargetTrust } from './trust-decisions';
import type { FingerprintTarget } from './FingerprintCheck';
import { batchSummary, failedAddresses, isRunning, summaryOf } from './route-progress';
import { RouteSettingsForm } from './RouteSettingsForm';
import { RouteStepper } from './RouteStepper';
import { useLiveCertificates } from './use-live-certificates';
import { useRouteBatch, type AddRequest } from './use-route-batch';

export interface AddRouteDialogProps {
  open: boolean;
  /** The targets selected in the Targets view; one settings form and one login cover all of them. */
  targets: DiscoveredTarget[];
  onClose: () => void;
}

type Phase = 'settings' | 'login' | 'progress';

const SETTINGS_FORM = 'add-route-settings';
const LOGIN_FORM = 'add-route-login';

/** Settings, then login (with the fingerprint compare), then live progress: the XAE flow, for one or many targets. */
export function AddRouteDialog({ open, targets, onClose }: AddRouteDialogProps) {
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
      {open && <AddRouteFlow targets={targets} onClose={onClose} />}
    </Dialog>
  );
}

function titleOf(targets: readonly TargetEntry[]): string {
  const first = targets[0];
  if (targets.length === 1 && first) return `Add Route to ${first.hostname || first.ip}`;
  return `Add Route to ${targets.length} targets`;
}

function AddRouteFlow({ targets, onClose }: { targets: DiscoveredTarget[]; onClose(): void }) {
  const identity = useRequest('identity:get', {});
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

  const shownForm = useMemo<RouteForm>(
    () => (remoteNameEdited ? form : { ...form, remoteRouteName: identity.data?.hostname ?? '' }),
    [form, remoteNameEdited, identity.data],
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
    setForm((current) => ({ ...(remoteNameEdited ? current : { ...current, remoteRouteName: shownForm.remoteRouteName }), ...update }));
  };
  const onTargetChange = (key: string, update: Partial<TargetEntry>) =>
    setForm((current) => ({ ...current, targets: current.targets.map((entry) => (entry.key === key ? { ...entry, ...update } : entry)) }));

  const openLogin = (event: FormEvent) => {
    event.preventDefault();
    if (!hasErrors(validation)) setPhase('login');
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

  return (
    <>
      <DialogTitle id="add-route-title">{titleOf(form.targets)}</DialogTitle>
      {phase === 'settings' && (
        <>
          <DialogContent dividers>
            <Box component="form" id={SETTINGS_FORM} aria-label="Route settings" noValidate onSubmit={openLogin}>
              <RouteSettingsForm form={shownForm} errors={errors} onChange={onChange} onTargetChange={onTargetChange} />
              {/* Enter in any field submits; the visible button lives in the dialog's action bar. */}
              <button type="submit" hidden tabIndex={-1} aria-hidden />
            </Box>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Cancel</Button>
            <Button type="submit" form={SETTINGS_FORM} variant="contained" disabled={hasErrors(validation)}>
              Add Route
            </Button>
          </DialogActions>
        </>
      )}
      {phase === 'login' && (
        <LoginPhase
          method={method}
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
          <DialogContent dividers tabIndex={0} role="region" aria-label="Progress" aria-busy={running}>
            <Box>
              {batch.state.rows.length === 1 && batch.state.rows[0] ? (
                <>
                  <RouteStepper row={batch.state.rows[0]} />
                  {!running && (
                    <Alert severity={batch.state.rows[0].outcome === 'ok' ? 'success' : 'error'} role="status" sx={{ mt: 2 }}>
                      {summaryOf(batch.state.rows[0])}
                    </Alert>
                  )}
                </>
              ) : (
                <>
                  <Typography role="status" variant="subtitle2" sx={{ mb: 1 }}>
                    {batchSummary(batch.state)}
                  </Typography>
                  <ResultsTable rows={batch.state.rows} />
                </>
              )}
            </Box>
          </DialogContent>
          <DialogActions>
            {running && <Button onClick={batch.cancel}>Cancel</Button>}
            {!running && failedCount > 0 && <Button onClick={() => setPhase('login')}>Back</Button>}
            {!running && failedCount > 0 && (
              <Button variant="outlined" onClick={retryFailed}>
                {batch.state.rows.length > 1 ? 'Retry failed' : 'Retry'}
              </Button>
            )}
            <Button variant={running || failedCount > 0 ? 'text' : 'contained'} onClick={onClose}>
              Close
            </Button>
          </DialogActions>
        </>
      )}
    </>
  );
}

interface LoginVerdict {
  ready: boolean;
  /** Per SSC target address: the fingerprint it pins and how the user decided on it. */
  decisions: Record<string, Extract<TargetTrust, { kind: 'decided' }>>;
}

interface LoginPhaseProps {
  method: LoginMethod;
  login: LoginFields;
  onLoginChange(update: Partial<LoginFields>): void;
  targets: FingerprintTarget[];
  compares: Record<string, string>;
  onCompareChange(address: string, value: string): void;
  ticks: Record<string, string>;
  onTick(address: string, fingerprint: string | null): void;
  plainTargets: PlainTarget[];
  plainConfirmed: ReadonlySet<string>;
  onPlainChange(key: string, plain: boolean): void;
  /** How many targets the batch would send (targets without Secure ADS count only once confirmed). */
  included: number;
  onBack(): void;
  onSubmit(verdict: LoginVerdict): (event: FormEvent) => void;
}

/** Why Add is still disabled, naming the targets that hold it back. */
function blockedReason(
  t: TFunction<'trust'>,
  missing: string[],
  textProblem: string | null,
  targets: FingerprintTarget[],
  trusts: Record<string, TargetTrust>,
  included: number,
): string {
  if (included === 0) return t('blocked.nothingLeft');
  if (missing.length > 0) return `Fill in ${missing.join(', ')}`;
  if (textProblem !== null) return textProblem;
  const named = (kinds: Array<TargetTrust['kind']>) =>
    targets.filter((target) => kinds.includes(trusts[target.address]?.kind ?? 'waiting')).map((target) => target.label);
  const unreadable = named(['unreadable']);
  if (unreadable.length > 0) return t('blocked.unreadable', { names: unreadable.join(', ') });
  const open = named(['undecided', 'waiting']);
  if (open.length > 0) return targets.length === 1 ? t('blocked.compareOne') : t('blocked.compareMany', { names: open.join(', ') });
  return '';
}

/** Mounted only while the login shows, so the certificates are fetched live each time it opens. */
function LoginPhase(props: LoginPhaseProps) {
  const { method, login, targets, compares, ticks } = props;
  const { certificates, refetch } = useLiveCertificates(targets.map((target) => target.address));
  const known = useKnownFingerprints();
  const missing = missingLoginFields(method, login);
  const trusts: Record<string, TargetTrust> = {};
  const decisions: LoginVerdict['decisions'] = {};
  for (const target of targets) {
    const trust = trustOf(target, certificates[target.address], compares[target.address] ?? '', ticks[target.address], known);
    trusts[target.address] = trust;
    if (trust.kind === 'decided') decisions[target.address] = trust;
  }
  const { t } = useTranslation('trust');
  const { t: tChecks } = useTranslation('loginChecks');
  const textField = loginTextProblem(method, login);
  const textProblem = textField === null ? null : tChecks(textField === 'user' ? 'userCharset' : 'passwordCharset');
  const reason = blockedReason(t, missing, textProblem, targets, trusts, props.included);
  const ready = reason === '';

  return (
    <>
      <DialogContent dividers>
        <Box
          component="form"
          id={LOGIN_FORM}
          aria-label="Login"
          noValidate
          autoComplete="off"
          onSubmit={props.onSubmit({ ready, decisions })}
        >
          <Stack spacing={2.5}>
            <LoginStep
              method={method}
              fields={login}
              onFieldsChange={props.onLoginChange}
              targets={targets}
              certificates={certificates}
              refetch={refetch}
              compares={compares}
              onCompareChange={props.onCompareChange}
              trusts={trusts}
              ticks={ticks}
              onTick={props.onTick}
            />
            <PlainTargetsChoice
              targets={props.plainTargets}
              confirmed={props.plainConfirmed}
              onChange={props.onPlainChange}
              plainPossible={method === 'ssc'}
            />
          </Stack>
          <button type="submit" hidden tabIndex={-1} aria-hidden />
        </Box>
      </DialogContent>
      <DialogActions>
        {reason && (
          <Typography variant="caption" color="text.secondary" id="add-disabled-reason" sx={{ mr: 'auto', pl: 1 }}>
            {reason}
          </Typography>
        )}
        <Button onClick={props.onBack}>Back</Button>
        <Button
          type="submit"
          form={LOGIN_FORM}
          variant="contained"
          disabled={!ready}
          aria-describedby={reason ? 'add-disabled-reason' : undefined}
        >
          Add
        </Button>
      </DialogActions>
    </>
  );
}
