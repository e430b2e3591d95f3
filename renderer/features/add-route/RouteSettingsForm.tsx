import type { ReactNode } from 'react';
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
import { SECURE_METHOD_NAMES, type RoutePersistence } from '../../../shared/domain/route';
import { useTranslation } from '../../i18n';
import { type AddressKind, type FormErrors, type RouteForm, type SecureMethod, type TargetEntry } from './route-form';
import { LegacyCryptoOption } from './LegacyCryptoOption';
import { TargetsSettingsTable } from './TargetsSettingsTable';
import { useHostResolution } from './use-host-resolution';

interface RouteSettingsFormProps {
  form: RouteForm;
  errors: FormErrors;
  onChange(update: Partial<RouteForm>): void;
  onTargetChange(key: string, update: Partial<TargetEntry>): void;
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

const TARGET_ROUTE: ReadonlyArray<[RoutePersistence, string]> = [
  ['static', 'Static'],
  ['temporary', 'Temporary'],
  ['none', 'None'],
];
const REMOTE_ROUTE: ReadonlyArray<[RoutePersistence, string]> = [
  ['static', 'Static'],
  ['temporary', 'Temporary'],
  ['none', 'None / Server'],
];
const METHODS = Object.entries(SECURE_METHOD_NAMES) as ReadonlyArray<[SecureMethod, string]>;
const ADDRESS_KINDS: ReadonlyArray<[AddressKind, string]> = [
  ['hostname', 'Host Name'],
  ['ip', 'IP Address'],
];

/**
 * A route by host name only works where this PC resolves the name, and to the system that answered the search: say
 * which names do not resolve, or resolve elsewhere, before the user commits to them.
 */
function HostResolutionNotice({ targets }: { targets: readonly TargetEntry[] }) {
  const named = targets.filter((target) => target.hostname.trim() !== '');
  const resolution = useHostResolution(named.map((target) => target.hostname));
  if (named.length === 0) return <Notice severity="warning">A target without a host name needs IP Address.</Notice>;
  if (resolution.status === 'idle' || resolution.status === 'checking')
    return <Notice severity="info">Checking that this PC resolves {named.map((t) => t.hostname).join(', ')}…</Notice>;
  if (resolution.status === 'error')
    return (
      <Notice severity="warning">
        Could not check the host names ({resolution.message}); if this PC cannot resolve them, choose IP Address.
      </Notice>
    );
  const byHost = new Map(resolution.results.map((r) => [r.host, r]));
  const problems: string[] = [];
  const fine: string[] = [];
  for (const target of named) {
    const result = byHost.get(target.hostname);
    if (!result) continue;
    if (result.address === null) problems.push(`${target.hostname} does not resolve from this PC (${result.error ?? 'unknown reason'})`);
    else if (result.address !== target.ip)
      problems.push(`${target.hostname} resolves to ${result.address}, but the system answered from ${target.ip}`);
    else fine.push(`${target.hostname} → ${result.address}`);
  }
  if (problems.length > 0)
    return <Notice severity="warning">{problems.join('; ')}. Choose IP Address, or fix DNS or the hosts file.</Notice>;
  return <Notice severity="success">This PC resolves {fine.join(', ')}.</Notice>;
}

function Notice({ severity, children }: { severity: 'info' | 'success' | 'warning'; children: ReactNode }) {
  return (
    <Alert severity={severity} role="status" sx={{ mt: 0.5, py: 0 }}>
      {children}
    </Alert>
  );
}

/** The XAE dialog's lower half: one target gets single fields, several get a table of their own names and NetIds. */
export function RouteSettingsForm({ form, errors, onChange, onTargetChange }: RouteSettingsFormProps) {
  const single = form.targets.length === 1 ? form.targets[0] : undefined;
  const singleErrors = single ? errors.targets[single.key] : undefined;
  const withoutSecure = form.targets.filter((target) => !target.secureAds).map((target) => target.hostname || target.ip);
  const { t: trustText } = useTranslation('trust');

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, columnGap: 2, rowGap: 2, pt: 1 }}>
      {single ? (
        <>
          <TextField
            label="Route Name (Target)"
            value={single.routeName}
            onChange={(event) => onTargetChange(single.key, { routeName: event.target.value })}
            error={Boolean(singleErrors?.routeName)}
            helperText={singleErrors?.routeName ?? 'Name of the route on this PC'}
            autoFocus
          />
          <TextField
            label="AmsNetId"
            value={single.netId}
            onChange={(event) => onTargetChange(single.key, { netId: event.target.value })}
            error={Boolean(singleErrors?.netId)}
            helperText={singleErrors?.netId ?? 'As the target reported it'}
            slotProps={{ htmlInput: { spellCheck: false, inputMode: 'decimal' } }}
          />
          <TextField
            label="Virtual AmsNetId (NAT)"
            value={form.virtualNetId}
            onChange={(event) => onChange({ virtualNetId: event.target.value })}
            error={Boolean(errors.virtualNetId)}
            helperText={errors.virtualNetId ?? 'Optional: a locally unique alias for cloned machines'}
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
        label="Transport Type"
        value="TCP_IP"
        helperText="Secure ADS is chosen below, not here"
        slotProps={{ select: { readOnly: true } }}
      >
        <MenuItem value="TCP_IP">TCP_IP</MenuItem>
      </TextField>
      {single && (
        <TextField
          label="Address Info"
          value={form.addressKind === 'hostname' ? single.hostname : single.ip}
          onChange={(event) =>
            onTargetChange(single.key, form.addressKind === 'hostname' ? { hostname: event.target.value } : { ip: event.target.value })
          }
          error={Boolean(singleErrors?.address)}
          helperText={singleErrors?.address ?? (form.addressKind === 'hostname' ? 'Host name of the target' : 'IP address of the target')}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
      )}
      <Box>
        <RadioChoice
          label="Address Info"
          value={form.addressKind}
          options={ADDRESS_KINDS}
          onChange={(addressKind) => onChange({ addressKind })}
        />
        {form.addressKind === 'hostname' && <HostResolutionNotice targets={form.targets} />}
      </Box>
      <TextField
        label="Connection Timeout (s)"
        value={form.timeoutSeconds}
        onChange={(event) => onChange({ timeoutSeconds: event.target.value })}
        error={Boolean(errors.timeoutSeconds)}
        helperText={errors.timeoutSeconds ?? '1 to 600 seconds'}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      <RadioChoice
        label="Target Route"
        value={form.targetRoute}
        options={TARGET_ROUTE}
        onChange={(targetRoute) => onChange({ targetRoute })}
        helper="The entry on this PC"
      />
      <RadioChoice
        label="Remote Route"
        value={form.remoteRoute}
        options={REMOTE_ROUTE}
        onChange={(remoteRoute) => onChange({ remoteRoute })}
        helper={errors.remoteRoute ?? 'The entry on the target, back to this PC'}
        error={Boolean(errors.remoteRoute)}
      />
      <TextField
        label="Remote Route Name"
        value={form.remoteRouteName}
        onChange={(event) => onChange({ remoteRouteName: event.target.value })}
        error={Boolean(errors.remoteRouteName)}
        helperText={errors.remoteRouteName ?? 'How this PC appears on the target'}
        disabled={form.remoteRoute === 'none'}
      />
      <FormControlLabel
        control={<Checkbox checked={form.unidirectional} onChange={(event) => onChange({ unidirectional: event.target.checked })} />}
        label="Unidirectional"
        sx={{ alignSelf: 'start' }}
      />
      <Box sx={{ gridColumn: '1 / -1', borderTop: 1, borderColor: 'divider', pt: 1.5 }}>
        <FormControlLabel
          control={<Switch checked={form.secure} onChange={(event) => onChange({ secure: event.target.checked })} />}
          label="Secure ADS"
        />
        <RadioChoice
          label="Secure ADS method"
          value={form.method}
          options={METHODS}
          onChange={(method) => onChange({ method })}
          disabled={!form.secure}
          helper={form.secure ? 'TLS 1.2 on TCP 8016' : 'Plain ADS on TCP 48898: the login travels unencrypted'}
        />
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
