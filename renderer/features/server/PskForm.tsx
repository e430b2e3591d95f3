import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { secretStrength } from '../../../shared/static-routes/secret-strength';
import { CopyButton } from '../../components/CopyButton';
import { SecretField } from '../../components/SecretField';
import { useApi } from '../../api/ApiProvider';
import { useTranslation } from '../../i18n';

export interface PskDraft {
  identity: string;
  source: 'generate' | 'typed';
  /** The generated secret: lives in the dialog only, never stored or sent anywhere but to the services. */
  generated: { secret: string; keyHex: string } | null;
  typed: string;
}

export const emptyPskDraft = (): PskDraft => ({ identity: '', source: 'generate', generated: null, typed: '' });

export function pskSecretOf(draft: PskDraft): string {
  return draft.source === 'generate' ? (draft.generated?.secret ?? '') : draft.typed;
}

function ShownOnce({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <TextField
        label={label}
        value={value}
        fullWidth
        slotProps={{ htmlInput: { readOnly: true, spellCheck: false, sx: { fontFamily: 'monospace' } } }}
      />
      <CopyButton text={value} label={copyLabel} size="medium" />
    </Stack>
  );
}

/** A PSK identity with a secret: generated (shown once, with copy) or typed (with a strength warning). */
export function PskForm({ draft, onChange }: { draft: PskDraft; onChange(draft: PskDraft): void }) {
  const { t } = useTranslation('server');
  const api = useApi();
  const generate = async () => {
    const answer = await api.invoke('server-config:generate-psk', { identity: draft.identity.trim() });
    if (answer.ok) onChange({ ...draft, generated: answer.data });
  };
  const strength = draft.typed ? secretStrength(draft.typed) : null;
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <TextField
        label={t('change.identity')}
        value={draft.identity}
        // The key TwinCAT derives depends on the identity: a new name needs a new key.
        onChange={(event) => onChange({ ...draft, identity: event.target.value, generated: null })}
        helperText={t('change.identityHint')}
        required
        autoFocus
        slotProps={{ htmlInput: { spellCheck: false, maxLength: 128 } }}
      />
      <FormControl>
        <FormLabel id="psk-secret-source">{t('change.secretSource')}</FormLabel>
        <RadioGroup
          aria-labelledby="psk-secret-source"
          value={draft.source}
          onChange={(event) => onChange({ ...draft, source: event.target.value as PskDraft['source'] })}
        >
          <FormControlLabel value="generate" control={<Radio />} label={t('change.generate')} />
          <FormControlLabel value="typed" control={<Radio />} label={t('change.typed')} />
        </RadioGroup>
      </FormControl>
      {draft.source === 'generate' && !draft.generated && (
        <Box>
          <Button variant="outlined" disabled={!draft.identity.trim()} onClick={() => void generate()}>
            {t('change.generateButton')}
          </Button>
        </Box>
      )}
      {draft.source === 'generate' && draft.generated && (
        <Stack spacing={1.5} data-testid="generated-secret">
          <Alert severity="warning">{t('change.generatedOnce')}</Alert>
          <ShownOnce label={t('change.secret')} value={draft.generated.secret} copyLabel={t('change.copySecret')} />
          <ShownOnce label={t('change.keyHex')} value={draft.generated.keyHex} copyLabel={t('change.copyKey')} />
        </Stack>
      )}
      {draft.source === 'typed' && (
        <Box>
          <SecretField
            label={t('change.typedSecret')}
            value={draft.typed}
            onChange={(typed) => onChange({ ...draft, typed })}
            toggleLabel={t('change.showSecret')}
            autoComplete="new-password"
            required
          />
          {strength && strength !== 'strong' && (
            <Alert severity={strength === 'weak' ? 'warning' : 'info'} sx={{ mt: 1 }}>
              {t(`change.${strength}`)}
            </Alert>
          )}
        </Box>
      )}
    </Stack>
  );
}
