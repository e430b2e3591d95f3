import { Fragment, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { RoutePersistence } from '../../../shared/domain/route';
import { Trans, useTranslation } from '../../i18n';
import { type AddressKind, type FormErrors, type RouteForm, type SecureMethod, type TargetEntry } from './route-form';
import { LegacyCryptoOption } from './LegacyCryptoOption';
import { TargetsSettingsTable } from './TargetsSettingsTable';
import { useHostResolution } from './use-host-resolution';

interface RouteSettingsFormProps {
  form: RouteForm;
  errors: FormErrors;
  onChange(update: Partial<RouteForm>): void;
  onTargetChange(key: string, update: Partial<TargetEntry>): void;
  /** Why the Secure ADS method shown is preselected; null once the user chose one. */
  methodNote?: string | null;
}

function RadioChoice<T extends string>({
  label,
  value,
  options,
  onChange,
  helper,
  disabled,
  error,
}: {
  label: string;
  value: T;
  options: ReadonlyArray<[T, string]>;
  onChange(value: T): void;
  helper?: ReactNode;
  disabled?: boolean;
  error?: boolean;
}) {
  return (
    <FormControl component="fieldset" disabled={disabled} error={error}>
      <FormLabel component="legend" sx={{ fontSize: '0.8rem' }}>
        {label}
      </FormLabel>
      <RadioGroup row value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map(([option, text]) => (
          <FormControlLabel key={option} value={option} control={<Radio />} label={text} />
        ))}
      </RadioGroup>
      {helper && <FormHelperText sx={{ mx: 0, mt: 0 }}>{helper}</FormHelperText>}
    </FormControl>
  );
}

const TARGET_ROUTE: readonly RoutePersistence[] = ['static', 'temporary', 'none'];
const METHODS: readonly SecureMethod[] = ['ssc', 'psk', 'ca'];
const ADDRESS_KINDS: readonly AddressKind[] = ['hostname', 'ip'];

/**
 * A route by host name only works where this PC resolves the name, and to the system that answered the search: say
 * which names do not resolve, or resolve elsewhere, before the user commits to them.
 */
function HostResolutionNotice({ targets }: { targets: readonly TargetEntry[] }) {
  const { t } = useTranslation(['addRoute', 'common']);
  const named = targets.filter((target) => target.hostname.trim() !== '');
  const resolution = useHostResolution(named.map((target) => target.hostname));
  if (named.length === 0) return <Notice severity="warning">{t('resolution.noHostname')}</Notice>;
  if (resolution.status === 'idle' || resolution.status === 'checking')
    return <Notice severity="info">{t('resolution.checking', { names: named.map((target) => target.hostname).join(', ') })}</Notice>;
  if (resolution.status === 'error')
    return <Notice severity="warning">{t('resolution.checkFailed', { error: resolution.message })}</Notice>;
  const byHost = new Map(resolution.results.map((r) => [r.host, r]));
  const problems: ReactNode[] = [];
  const fine: string[] = [];
  for (const target of named) {
    const result = byHost.get(target.hostname);
    if (!result) continue;
    if (result.address === null)
      problems.push(
        // The resolver's reason is the services' English text.
        <Trans
          key={target.hostname}
          t={t}
          i18nKey="resolution.doesNotResolve"
          values={{ host: target.hostname, error: result.error ?? t('common:unknown') }}
          components={[<span key="reason" lang="en" />]}
        />,
      );
    else if (result.address !== target.ip)
      problems.push(
        <Fragment key={target.hostname}>
          {t('resolution.elsewhere', { host: target.hostname, address: result.address, ip: target.ip })}
        </Fragment>,
      );
    else fine.push(`${target.hostname} → ${result.address}`);
  }
  if (problems.length > 0)
    return (
      <Notice severity="warning">
        {problems.map((problem, index) => (
          <Fragment key={index}>
            {index > 0 && '; '}
            {problem}
          </Fragment>
        ))}
        . {t('resolution.problems')}
      </Notice>
    );
  return <Notice severity="success">{t('resolution.fine', { names: fine.join(', ') })}</Notice>;
}

function Notice({ severity, children }: { severity: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <Alert severity={severity} role="status" sx={{ mt: 0.5, py: 0 }}>
      {children}
    </Alert>
  );
}

/** The XAE dialog's lower half: one target gets single fields, several get a table of their own names and NetIds. */
export function RouteSettingsForm({ form, errors, onChange, onTargetChange, methodNote }: RouteSettingsFormProps) {
  const single = form.targets.length === 1 ? form.targets[0] : undefined;
  const singleErrors = single ? errors.targets[single.key] : undefined;
  const withoutSecure = form.targets.filter((target) => !target.secureAds).map((target) => target.hostname || target.ip);
  const { t: trustText } = useTranslation('trust');
  const { t } = useTranslation(['addRoute', 'common']);
  const persistence = (none: string) =>
    TARGET_ROUTE.map((value): [RoutePersistence, string] => [value, value === 'none' ? none : t(`settings.${value}`)]);

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, rowGap: 2, pt: 1 }}>
      {single ? (
        <>
          <TextField
            label={t('settings.routeName')}
            value={single.routeName}
            onChange={(event) => onTargetChange(single.key, { routeName: event.target.value })}
            error={Boolean(singleErrors?.routeName)}
            helperText={singleErrors?.routeName ?? t('settings.routeNameHelp')}
            autoFocus
          />
          <TextField
            label={t('settings.netId')}
            value={single.netId}
            onChange={(event) => onTargetChange(single.key, { netId: event.target.value })}
            error={Boolean(singleErrors?.netId)}
            helperText={singleErrors?.netId ?? t('settings.netIdHelp')}
            slotProps={{ htmlInput: { spellCheck: false, inputMode: 'decimal' } }}
          />
          <TextField
            label={t('settings.virtualNetId')}
            value={form.virtualNetId}
            onChange={(event) => onChange({ virtualNetId: event.target.value })}
            error={Boolean(errors.virtualNetId)}
            helperText={errors.virtualNetId ?? t('settings.virtualNetIdHelp')}
            slotProps={{ htmlInput: { spellCheck: false, inputMode: 'decimal' } }}
          />
        </>
      ) : (
        <Box sx={{ gridColumn: '1 / -1' }}>
          <TargetsSettingsTable form={form} errors={errors} onTargetChange={onTargetChange} />
        </Box>
      )}
      <TextField
        select
        label={t('settings.transport')}
        value="TCP_IP"
        helperText={t('settings.transportHelp')}
        slotProps={{ select: { readOnly: true } }}
      >
        <MenuItem value="TCP_IP">TCP_IP</MenuItem>
      </TextField>
      {single && (
        <TextField
          label={t('settings.addressInfo')}
          value={form.addressKind === 'hostname' ? single.hostname : single.ip}
          onChange={(event) =>
            onTargetChange(single.key, form.addressKind === 'hostname' ? { hostname: event.target.value } : { ip: event.target.value })
          }
          error={Boolean(singleErrors?.address)}
          helperText={singleErrors?.address ?? (form.addressKind === 'hostname' ? t('settings.hostnameHelp') : t('settings.ipHelp'))}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
      )}
      <Box>
        <RadioChoice
          label={t('settings.addressInfo')}
          value={form.addressKind}
          options={ADDRESS_KINDS.map((kind): [AddressKind, string] => [kind, t(`settings.${kind}`)])}
          onChange={(addressKind) => onChange({ addressKind })}
        />
        {form.addressKind === 'hostname' && <HostResolutionNotice targets={form.targets} />}
      </Box>
      <TextField
        label={t('settings.timeout')}
        value={form.timeoutSeconds}
        onChange={(event) => onChange({ timeoutSeconds: event.target.value })}
        error={Boolean(errors.timeoutSeconds)}
        helperText={errors.timeoutSeconds ?? t('settings.timeoutHelp')}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      <RadioChoice
        label={t('settings.targetRoute')}
        value={form.targetRoute}
        options={persistence(t('settings.none'))}
        onChange={(targetRoute) => onChange({ targetRoute })}
        helper={t('settings.targetRouteHelp')}
      />
      <RadioChoice
        label={t('settings.remoteRoute')}
        value={form.remoteRoute}
        options={persistence(t('settings.noneServer'))}
        onChange={(remoteRoute) => onChange({ remoteRoute })}
        helper={errors.remoteRoute ?? t('settings.remoteRouteHelp')}
        error={Boolean(errors.remoteRoute)}
      />
      <TextField
        label={t('settings.remoteRouteName')}
        value={form.remoteRouteName}
        onChange={(event) => onChange({ remoteRouteName: event.target.value })}
        error={Boolean(errors.remoteRouteName)}
        helperText={errors.remoteRouteName ?? t('settings.remoteRouteNameHelp')}
        disabled={form.remoteRoute === 'none'}
      />
      <FormControlLabel
        control={<Checkbox checked={form.unidirectional} onChange={(event) => onChange({ unidirectional: event.target.checked })} />}
        label={t('settings.unidirectional')}
        sx={{ alignSelf: 'start' }}
      />
      <Box sx={{ gridColumn: '1 / -1', borderTop: 1, borderColor: 'divider', pt: 1.5 }}>
        <FormControlLabel
          control={<Switch checked={form.secure} onChange={(event) => onChange({ secure: event.target.checked })} />}
          label={t('settings.secureAds')}
        />
        <RadioChoice
          label={t('settings.method')}
          value={form.method}
          options={METHODS.map((method): [SecureMethod, string] => [method, t(`common:secureMethod.${method}`)])}
          onChange={(method) => onChange({ method })}
          disabled={!form.secure}
          helper={form.secure ? t('settings.secureHelp') : t('settings.plainHelp')}
        />
        {form.secure && methodNote && (
          <Typography variant="caption" color="text.secondary" component="p" data-testid="method-preselection" sx={{ mt: 0.5 }}>
            {methodNote}
          </Typography>
        )}
        <LegacyCryptoOption secure={form.secure} checked={form.legacyCrypto} onChange={(legacyCrypto) => onChange({ legacyCrypto })} />
        {form.secure && withoutSecure.length > 0 && (
          <Alert severity="warning" role="note" sx={{ mt: 1 }}>
            {trustText('plain.settingsNote', { count: withoutSecure.length, names: withoutSecure.join(', ') })}
          </Alert>
        )}
      </Box>
    </Box>
  );
}
