import { useState, type ReactNode } from 'react';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';

interface SecretFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  /** Accessible name of the eye button; it keeps its name and reports its state with aria-pressed. */
  toggleLabel: string;
  helperText?: ReactNode;
  autoComplete?: string;
  autoFocus?: boolean;
  required?: boolean;
  error?: boolean;
}

/** A password-like field with a show/hide toggle; the browser never offers to store what is typed here. */
export function SecretField({
  label,
  value,
  onChange,
  toggleLabel,
  helperText,
  autoComplete = 'off',
  autoFocus,
  required,
  error,
}: SecretFieldProps) {
  const [shown, setShown] = useState(false);
  return (
    <TextField
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      type={shown ? 'text' : 'password'}
      fullWidth
      required={required}
      error={error}
      autoFocus={autoFocus}
      helperText={helperText}
      slotProps={{
        htmlInput: { autoComplete, spellCheck: false, autoCapitalize: 'off' },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <IconButton aria-label={toggleLabel} aria-pressed={shown} edge="end" onClick={() => setShown((on) => !on)}>
                {shown ? <VisibilityOff fontSize="small" /> : <Visibility fontSize="small" />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
