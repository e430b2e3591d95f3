import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import { useTranslation } from '../../i18n';

/** Off by default: only for a target that offers nothing but 1024-bit RSA keys or its own DH group. */
export function LegacyCryptoOption({ secure, checked, onChange }: { secure: boolean; checked: boolean; onChange(checked: boolean): void }) {
  const { t } = useTranslation('legacyCrypto');
  return (
    <>
      <FormControlLabel
        control={<Checkbox checked={secure && checked} disabled={!secure} onChange={(event) => onChange(event.target.checked)} />}
        label={t('allow')}
        sx={{ display: 'flex' }}
      />
      {secure && checked && (
        <Alert severity="warning" role="note" sx={{ mt: 1 }}>
          {t('warning')}
        </Alert>
      )}
    </>
  );
}
