import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import type { ServerChange } from '../../../shared/ipc/channels/server-config';
import { useTranslation } from '../../i18n';
import { BatchResults } from './BatchResults';
import { CaForm, caDraftComplete, emptyCaDraft, type CaDraft } from './CaForm';
import { absentKeys } from './change-reach';
import { ConfirmList, needsLockoutAck } from './ConfirmList';
import { targetOf, type Place, type PlaceRead } from './places';
import { usePlaceName } from './PlacesTable';
import { PskForm, emptyPskDraft, pskSecretOf } from './PskForm';
import { RemovePskForm } from './RemovePskForm';
import { RestartConfirm } from './RestartConfirm';
import { useServerBatch, type BatchDeps, type PlannedChange, type RestartMode, type ServerCheck } from './use-server-batch';

export type ChangeKind = ServerChange['kind'];

/** What opens the dialog: the change and, for a remove or a SecureOnly switch, its value when already chosen. */
export interface ChangeRequest {
  kind: ChangeKind;
  identity?: string;
  on?: boolean;
  /** Set CA files: what the form starts with (files handed over from the Certificates page). */
  ca?: Partial<CaDraft>;
}

/** What the page gives a batch: the revisions the user saw, and where its results go. */
export type BatchHooks = BatchDeps;

/**
 * One change to one or many systems: the form, one confirmation that lists them all, then a result per system,
 * Retry failed, and the restart that makes the change take effect with its proof. A generated secret lives in
 * this dialog only: closing it forgets the secret.
 */
export function ChangeDialog({
  request,
  places,
  reads,
  hooks,
  onClose,
}: {
  request: ChangeRequest;
  places: Place[];
  reads: Record<string, PlaceRead>;
  hooks: BatchHooks;
  /** `applied`: the dialog got as far as applying the change. */
  onClose(applied: boolean): void;
}) {
  const { t } = useTranslation('server');
  const nameOf = usePlaceName();
  const kind = request.kind;
  const hasForm =
    kind === 'add-psk' ||
    kind === 'set-tls' ||
    (kind === 'set-secure-only' && request.on === undefined) ||
    (kind === 'remove-psk' && request.identity === undefined);
  const [step, setStep] = useState<'edit' | 'confirm' | 'results'>(hasForm ? 'edit' : 'confirm');
  const [psk, setPsk] = useState(emptyPskDraft);
  const [ca, setCa] = useState<CaDraft>(() => ({ ...emptyCaDraft(), ...request.ca }));
  const [on, setOn] = useState(request.on ?? true);
  const [identity, setIdentity] = useState(request.identity ?? '');
  const [acknowledged, setAcknowledged] = useState(false);
  const [restarting, setRestarting] = useState<RestartMode | null>(null);
  const batch = useServerBatch(places, hooks);

  const removal = (change: ServerChange): PlannedChange => ({ change, upload: false, absent: absentKeys(change, places, reads) });
  const planned = ((): PlannedChange | null => {
    switch (kind) {
      case 'add-psk': {
        const secret = pskSecretOf(psk);
        return psk.identity.trim() && secret ? { change: { kind, identity: psk.identity.trim(), secret }, upload: false } : null;
      }
      case 'remove-psk':
        return identity ? removal({ kind, identity }) : null;
      case 'set-secure-only':
        return { change: { kind, on }, upload: false };
      case 'set-tls':
        return caDraftComplete(ca)
          ? {
              change: {
                kind,
                ca: ca.ca.trim(),
                cert: ca.cert.trim(),
                key: ca.key.trim(),
                ignoreCn: ca.ignoreCn,
                ...(ca.keyPassword ? { keyPassword: ca.keyPassword } : {}),
              },
              upload: ca.upload,
            }
          : null;
      case 'clear-tls':
        return removal({ kind });
    }
  })();
  const check: ServerCheck =
    planned?.change.kind === 'add-psk'
      ? { kind: 'psk', identity: planned.change.identity, secret: planned.change.secret }
      : planned?.change.kind === 'set-secure-only' && planned.change.on
        ? { kind: 'secure-only' }
        : null;

  const summary = (() => {
    const change = planned?.change;
    if (!change) return '';
    if (change.kind === 'set-secure-only') return t(change.on ? 'summary.secureOnlyOn' : 'summary.secureOnlyOff');
    if (change.kind === 'add-psk' || change.kind === 'remove-psk') return t(`summary.${change.kind}`, { identity: change.identity });
    if (change.kind === 'set-tls') return t('summary.set-tls', { ca: change.ca, cert: change.cert, key: change.key });
    return t('summary.clear-tls');
  })();
  const mustAck = needsLockoutAck(planned?.change, places, reads);
  const applied = batch.rows.filter((row) => row.apply?.status === 'ok' || row.apply?.status === 'unchanged');
  const appliedPlaces = applied.map((row) => row.place);

  // Applied means written somewhere: a change that failed everywhere leaves the page's hand-over in place.
  const close = () => onClose(step === 'results' && applied.length > 0);
  const apply = () => {
    if (!planned) return;
    setStep('results');
    void batch.apply(
      planned,
      places.map((place) => place.key),
    );
  };

  return (
    <>
      <Dialog open onClose={batch.busy ? undefined : close} aria-labelledby="server-change-title" maxWidth="md" fullWidth>
        <DialogTitle id="server-change-title">{t(`change.title.${kind}`)}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {t('change.for', { count: places.length, names: places.map(nameOf).join(', ') })}
          </Typography>
          {/* The form stays mounted (hidden) so a generated secret remains copyable on every step of this dialog. */}
          <div hidden={step !== 'edit'}>
            {kind === 'add-psk' && <PskForm draft={psk} onChange={setPsk} />}
            {/* The choices follow the files as read, so the written ones no longer list the removed identity. */}
            {kind === 'remove-psk' && hasForm && step === 'edit' && (
              <RemovePskForm identity={identity} places={places} reads={reads} onChange={setIdentity} />
            )}
            {kind === 'set-tls' && <CaForm draft={ca} onChange={setCa} anyTarget={places.some((place) => targetOf(place))} />}
            {kind === 'set-secure-only' && hasForm && (
              <RadioGroup
                aria-label={t('details.secureOnly')}
                value={on ? 'on' : 'off'}
                onChange={(event) => setOn(event.target.value === 'on')}
              >
                <FormControlLabel value="on" control={<Radio />} label={t('change.on')} />
                <FormControlLabel value="off" control={<Radio />} label={t('change.off')} />
              </RadioGroup>
            )}
          </div>
          {step === 'confirm' && (
            <ConfirmList
              summary={summary}
              change={planned?.change}
              places={places}
              reads={reads}
              acknowledged={acknowledged}
              onAcknowledge={setAcknowledged}
            />
          )}
          {step === 'confirm' && kind === 'remove-psk' && (
            <Alert severity="warning" sx={{ mt: 1 }}>
              {t('remove.text', { identity, name: places.map(nameOf).join(', ') })}
            </Alert>
          )}
          {step === 'results' && (
            <>
              <Typography sx={{ mb: 1 }}>{summary}</Typography>
              <BatchResults rows={batch.rows} columns={check ? ['change', 'restart', 'verify'] : ['change', 'restart']} />
              {!batch.busy && applied.length > 0 && (
                <Alert severity="info" sx={{ mt: 1 }}>
                  {t('results.nextStep')}
                </Alert>
              )}
            </>
          )}
        </DialogContent>
        <DialogActions>
          {step === 'edit' && (
            <>
              <Button onClick={close}>{t('change.cancel')}</Button>
              <Button variant="contained" disabled={!planned} onClick={() => setStep('confirm')}>
                {t('change.next')}
              </Button>
            </>
          )}
          {step === 'confirm' && (
            <>
              {hasForm ? (
                <Button onClick={() => setStep('edit')}>{t('change.back')}</Button>
              ) : (
                <Button onClick={close}>{t('change.cancel')}</Button>
              )}
              <Button
                variant="contained"
                color={kind === 'remove-psk' || kind === 'clear-tls' ? 'error' : 'primary'}
                disabled={!planned || (mustAck && !acknowledged)}
                onClick={apply}
              >
                {t('confirm.apply')}
              </Button>
            </>
          )}
          {step === 'results' && (
            <>
              <Button disabled={!batch.canRetry} onClick={() => void batch.retryFailed(check)}>
                {t('results.retryFailed')}
              </Button>
              <Button disabled={batch.busy || !appliedPlaces.some((place) => targetOf(place))} onClick={() => setRestarting('config')}>
                {t('actions.restartConfig')}
              </Button>
              <Button disabled={batch.busy || !appliedPlaces.some((place) => targetOf(place))} onClick={() => setRestarting('run')}>
                {t('actions.restartRun')}
              </Button>
              <Button variant="contained" disabled={batch.busy} onClick={close}>
                {t('change.close')}
              </Button>
            </>
          )}
        </DialogActions>
      </Dialog>
      {restarting && (
        <RestartConfirm
          mode={restarting}
          places={appliedPlaces}
          onCancel={() => setRestarting(null)}
          onConfirm={() => {
            setRestarting(null);
            void batch.restart(
              restarting,
              appliedPlaces.map((place) => place.key),
              check,
            );
          }}
        />
      )}
    </>
  );
}
