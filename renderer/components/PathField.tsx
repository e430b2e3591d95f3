import { useId, useRef } from 'react';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useApi } from '../api/ApiProvider';
import { useTranslation } from '../i18n';

/**
 * A file path on the machine running the services. The text is the source of truth: the picker only helps where the
 * platform reveals a path (Electron); in a browser it fills the bare name, which the user completes.
 */
export function PathField({
  label,
  value,
  onChange,
  autoFocus,
  helperText,
  required = true,
  accept = '.pem,.der,.crt,.cer,.key',
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  autoFocus?: boolean;
  helperText?: string;
  required?: boolean;
  accept?: string;
}) {
  const { t } = useTranslation('common');
  const api = useApi();
  const picker = useRef<HTMLInputElement>(null);
  const id = useId();
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField
        id={id}
        label={label}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        fullWidth
        required={required}
        autoFocus={autoFocus}
        helperText={helperText}
        slotProps={{ htmlInput: { spellCheck: false } }}
      />
      <Button
        variant="outlined"
        onClick={() => picker.current?.click()}
        aria-label={t('browse', { label })}
        sx={{ height: 40, whiteSpace: 'nowrap', flexShrink: 0 }}
      >
        {t('browseButton')}
      </Button>
      <input
        ref={picker}
        type="file"
        hidden
        tabIndex={-1}
        aria-hidden
        accept={accept}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Electron reveals the real path; a browser only the name, which the user completes.
          if (file) onChange(api.pathForFile(file) || file.name);
          event.target.value = '';
        }}
      />
    </Stack>
  );
}
