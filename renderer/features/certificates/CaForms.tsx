import { useState } from 'react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { CA_DEFAULT_DAYS, CA_KEY_SIZES, CA_MIN_PASSWORD_LENGTH } from '../../../shared/ipc/channels/certificates';
import { useApi } from '../../api/ApiProvider';
import { PathField } from '../../components/PathField';
import { SecretField } from '../../components/SecretField';
import { useTranslation } from '../../i18n';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';

type KeyBits = (typeof CA_KEY_SIZES)[number];
type SubjectKey = 'C' | 'ST' | 'L' | 'O' | 'OU' | 'CN';
const SUBJECT_FIELDS: ReadonlyArray<{
  key: SubjectKey;
  label: 'country' | 'state' | 'locality' | 'organization' | 'unit' | 'commonName';
  width: number;
}> = [
  { key: 'CN', label: 'commonName', width: 260 },
  { key: 'O', label: 'organization', width: 220 },
  { key: 'OU', label: 'unit', width: 160 },
  { key: 'L', label: 'locality', width: 160 },
  { key: 'ST', label: 'state', width: 140 },
  { key: 'C', label: 'country', width: 110 },
];

/** The country of the browser's locale ("de-DE" → "DE"), so the subject starts out filled in sensibly. */
function localeCountry(): string {
  const region = /-([A-Z]{2})\b/.exec(typeof navigator === 'undefined' ? '' : navigator.language)?.[1];
  return region ?? '';
}

function PasswordPair({
  value,
  repeat,
  onChange,
  onRepeatChange,
  label,
}: {
  value: string;
  repeat: string;
  onChange(v: string): void;
  onRepeatChange(v: string): void;
  label: string;
}) {
  const { t } = useTranslation('certificates');
  const mismatch = repeat.length > 0 && repeat !== value;
  return (
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
      <SecretField
        label={label}
        value={value}
        onChange={onChange}
        toggleLabel={t('ca.showPassword')}
        autoComplete="new-password"
        required
        helperText={t('ca.passwordHelp', { min: CA_MIN_PASSWORD_LENGTH })}
      />
      <SecretField
        label={t('ca.passwordRepeat')}
        value={repeat}
        onChange={onRepeatChange}
        toggleLabel={t('ca.showPassword')}
        autoComplete="new-password"
        required
        helperText={mismatch ? t('ca.passwordMismatch') : ' '}
      />
    </Stack>
  );
}

export function CreateCaForm({ replace, onDone }: { replace: boolean; onDone(message: string): void }) {
  const { t } = useTranslation('certificates');
  const api = useApi();
  const [subject, setSubject] = useState<Record<SubjectKey, string>>({
    CN: 'Plant Root CA',
    O: '',
    OU: '',
    L: '',
    ST: '',
    C: localeCountry(),
  });
  const [keyBits, setKeyBits] = useState<KeyBits>(2048);
  const [days, setDays] = useState(String(CA_DEFAULT_DAYS));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [replaceConfirmed, setReplaceConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const daysValue = Number(days);
  const valid =
    subject.CN.trim().length > 0 &&
    Number.isInteger(daysValue) &&
    daysValue >= 1 &&
    daysValue <= 36_500 &&
    password.length >= CA_MIN_PASSWORD_LENGTH &&
    password === repeat &&
    (!replace || replaceConfirmed);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const fields = Object.fromEntries(
      Object.entries(subject)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v),
    ) as { CN: string };
    const result = await api.invoke('certificates:ca-create', { subject: fields, keyBits, days: daysValue, password, replace });
    setBusy(false);
    if (result.ok) onDone(t('ca.created', { name: result.data.commonName ?? result.data.subject }));
    else setError(result.error);
  };

  return (
    <Stack
      component="form"
      spacing={2}
      aria-label={t('ca.create')}
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void submit();
      }}
    >
      <Typography variant="subtitle2" component="h3">
        {t('ca.subjectFields')}
      </Typography>
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {SUBJECT_FIELDS.map((field) => (
          <TextField
            key={field.key}
            label={t(`ca.${field.label}`)}
            value={subject[field.key]}
            onChange={(event) => setSubject({ ...subject, [field.key]: event.target.value })}
            required={field.key === 'CN'}
            sx={{ width: field.width }}
            slotProps={{ htmlInput: { maxLength: field.key === 'C' ? 2 : 64 } }}
          />
        ))}
      </Stack>
      <Stack direction="row" spacing={2}>
        <TextField
          select
          label={t('ca.keySize')}
          value={keyBits}
          onChange={(event) => setKeyBits(Number(event.target.value) as KeyBits)}
          sx={{ width: 160 }}
          helperText={keyBits === 4096 ? t('ca.slowKey') : ' '}
        >
          {CA_KEY_SIZES.map((bits) => (
            <MenuItem key={bits} value={bits}>
              {t('ca.bits', { bits })}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={t('ca.days')}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          sx={{ width: 160 }}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
      </Stack>
      <PasswordPair label={t('ca.password')} value={password} repeat={repeat} onChange={setPassword} onRepeatChange={setRepeat} />
      {replace && (
        <FormControlLabel
          control={<Checkbox checked={replaceConfirmed} onChange={(event) => setReplaceConfirmed(event.target.checked)} />}
          label={t('ca.replaceConfirm')}
        />
      )}
      {error && <ServiceErrorAlert error={error} />}
      <div>
        <Button type="submit" variant="contained" disabled={!valid || busy}>
          {busy ? t('ca.creating') : t('ca.create')}
        </Button>
      </div>
    </Stack>
  );
}

export function LoadCaForm({ replace, onDone }: { replace: boolean; onDone(message: string): void }) {
  const { t } = useTranslation('certificates');
  const api = useApi();
  const [certPath, setCertPath] = useState('');
  const [keyPath, setKeyPath] = useState('');
  const [keyPassword, setKeyPassword] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [replaceConfirmed, setReplaceConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const valid =
    certPath.trim() && keyPath.trim() && password.length >= CA_MIN_PASSWORD_LENGTH && password === repeat && (!replace || replaceConfirmed);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await api.invoke('certificates:ca-load', {
      certPath: certPath.trim(),
      keyPath: keyPath.trim(),
      ...(keyPassword ? { keyPassword } : {}),
      password,
      replace,
    });
    setBusy(false);
    if (result.ok) onDone(t('ca.created', { name: result.data.commonName ?? result.data.subject }));
    else setError(result.error);
  };

  return (
    <Stack
      component="form"
      spacing={2}
      aria-label={t('ca.load')}
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void submit();
      }}
    >
      <PathField label={t('ca.certPath')} value={certPath} onChange={setCertPath} />
      <PathField label={t('ca.keyPath')} value={keyPath} onChange={setKeyPath} />
      <SecretField label={t('ca.keyPassword')} value={keyPassword} onChange={setKeyPassword} toggleLabel={t('ca.showPassword')} />
      <PasswordPair label={t('ca.newPassword')} value={password} repeat={repeat} onChange={setPassword} onRepeatChange={setRepeat} />
      {replace && (
        <FormControlLabel
          control={<Checkbox checked={replaceConfirmed} onChange={(event) => setReplaceConfirmed(event.target.checked)} />}
          label={t('ca.replaceConfirm')}
        />
      )}
      {error && <ServiceErrorAlert error={error} />}
      <div>
        <Button type="submit" variant="contained" disabled={!valid || busy}>
          {t('ca.load')}
        </Button>
      </div>
    </Stack>
  );
}
