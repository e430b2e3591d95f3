import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { useTranslation } from '../../i18n';
import { identitiesOf } from './change-reach';
import type { Place, PlaceRead } from './places';

/** The identity to remove, chosen from those the selected systems hold, each with on how many of them it exists. */
export function RemovePskForm({
  identity,
  places,
  reads,
  onChange,
}: {
  identity: string;
  places: Place[];
  reads: Record<string, PlaceRead>;
  onChange(identity: string): void;
}) {
  const { t } = useTranslation('server');
  const known = identitiesOf(places, reads);
  return (
    <TextField
      select
      label={t('change.identity')}
      value={identity}
      onChange={(event) => onChange(event.target.value)}
      helperText={known.length === 0 ? t('change.noIdentityToRemove') : t('change.removeHint')}
      required
      fullWidth
      sx={{ mt: 1 }}
    >
      {known.map((entry) => (
        <MenuItem key={entry.identity} value={entry.identity}>
          {t('change.identityOn', { identity: entry.identity, count: entry.count, total: places.length })}
        </MenuItem>
      ))}
    </TextField>
  );
}
