import type { FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { TFunction } from 'i18next';
import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import { useTranslation } from '../../i18n';
import type { FingerprintTarget } from './FingerprintCheck';
import { loginTextProblem, missingLoginFields, type LoginFieldName, type LoginFields, type LoginMethod } from './login';
import { LoginStep } from './LoginStep';
import { PlainTargetsChoice, type PlainTarget } from './PlainTargetsChoice';
import { trustOf, type TargetTrust } from './trust-decisions';
import { useLiveCertificates } from './use-live-certificates';

const LOGIN_FORM = 'add-route-login';

export interface LoginVerdict {
  ready: boolean;
  /** Per SSC target address: the fingerprint it pins and how the user decided on it. */
  decisions: Record<string, Extract<TargetTrust, { kind: 'decided' }>>;
}

export interface LoginPhaseProps {
  method: LoginMethod;
  /** The fingerprints remembered after verified routes: a target showing its own counts as decided. */
  known: readonly KnownFingerprint[];
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
  fillIn: (fields: LoginFieldName[]) => string,
  missing: LoginFieldName[],
  textProblem: string | null,
  targets: FingerprintTarget[],
  trusts: Record<string, TargetTrust>,
  included: number,
): string {
  if (included === 0) return t('blocked.nothingLeft');
  if (missing.length > 0) return fillIn(missing);
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
export function LoginPhase(props: LoginPhaseProps) {
  const { method, known, login, targets, compares, ticks } = props;
  const { certificates, refetch } = useLiveCertificates(targets.map((target) => target.address));
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
  const { t: tAdd } = useTranslation('addRoute');
  const fillIn = (fields: LoginFieldName[]) => tAdd('login.fillIn', { fields: fields.map((field) => tAdd(`login.${field}`)).join(', ') });
  const reason = blockedReason(t, fillIn, missing, textProblem, targets, trusts, props.included);
  const ready = reason === '';

  return (
    <>
      <DialogContent dividers>
        <Box
          component="form"
          id={LOGIN_FORM}
          aria-label={tAdd('login.form')}
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
        <Button onClick={props.onBack}>{tAdd('back')}</Button>
        <Button
          type="submit"
          form={LOGIN_FORM}
          variant="contained"
          disabled={!ready}
          aria-describedby={reason ? 'add-disabled-reason' : undefined}
        >
          {tAdd('login.add')}
        </Button>
      </DialogActions>
    </>
  );
}
