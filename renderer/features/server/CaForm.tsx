import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import { PathField } from '../../components/PathField';
import { SecretField } from '../../components/SecretField';
import { useTranslation } from '../../i18n';

export interface CaDraft {
  ca: string;
  cert: string;
  key: string;
  keyPassword: string;
  ignoreCn: boolean;
  upload: boolean;
}

export const emptyCaDraft = (): CaDraft => ({ ca: '', cert: '', key: '', keyPassword: '', ignoreCn: false, upload: true });

export const caDraftComplete = (draft: CaDraft) => Boolean(draft.ca.trim() && draft.cert.trim() && draft.key.trim());

/** The CA, certificate and key the system's router uses for shared-CA routes. */
export function CaForm({ draft, onChange, anyTarget }: { draft: CaDraft; onChange(draft: CaDraft): void; anyTarget: boolean }) {
  const { t } = useTranslation('server');
  const set = (patch: Partial<CaDraft>) => onChange({ ...draft, ...patch });
  return (
    <Stack spacing={2} sx={{ mt: 1 }}>
      <PathField label={t('change.caFile')} value={draft.ca} onChange={(ca) => set({ ca })} autoFocus />
      <PathField label={t('change.certFile')} value={draft.cert} onChange={(cert) => set({ cert })} />
      <PathField label={t('change.keyFile')} value={draft.key} onChange={(key) => set({ key })} />
      <SecretField
        label={t('change.keyPassword')}
        value={draft.keyPassword}
        onChange={(keyPassword) => set({ keyPassword })}
        toggleLabel={t('change.showKeyPassword')}
      />
      <FormControlLabel
        control={<Checkbox checked={draft.ignoreCn} onChange={(event) => set({ ignoreCn: event.target.checked })} />}
        label={t('change.ignoreCn')}
      />
      {anyTarget && (
        <FormControlLabel
          control={<Checkbox checked={draft.upload} onChange={(event) => set({ upload: event.target.checked })} />}
          label={t('change.upload')}
        />
      )}
    </Stack>
  );
}
