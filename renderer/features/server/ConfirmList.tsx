import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useTranslation } from '../../i18n';
import { isPlainRoute, type Place, type PlaceRead } from './places';
import { usePlaceName, useStateName } from './PlacesTable';

/**
 * The one confirmation of a change: what it is and every system it goes to, with the lock-out warning for each
 * system we reach over plain ADS when SecureOnly is turned on.
 */
export function ConfirmList({
  summary,
  places,
  reads,
  lockout,
  acknowledged,
  onAcknowledge,
}: {
  summary: string;
  places: Place[];
  reads: Record<string, PlaceRead>;
  lockout: boolean;
  acknowledged: boolean;
  onAcknowledge(on: boolean): void;
}) {
  const { t } = useTranslation('server');
  const nameOf = usePlaceName();
  const stateName = useStateName();
  const locked = lockout ? places.filter(isPlainRoute) : [];
  return (
    <Box>
      <Typography sx={{ mb: 1 }}>{t('confirm.text', { change: summary })}</Typography>
      <Box component="ul" aria-label={t('places.table')} sx={{ mt: 0, pl: 3 }}>
        {places.map((place) => (
          <li key={place.key}>
            {place.route
              ? t('confirm.row', { name: nameOf(place), netId: place.netId ?? '', state: stateName(reads[place.key]?.result?.adsState) })
              : t('confirm.localRow')}
          </li>
        ))}
      </Box>
      {locked.map((place) => (
        <Alert key={place.key} severity="warning" sx={{ mb: 1 }}>
          {t('confirm.lockout', { name: nameOf(place) })}
        </Alert>
      ))}
      {locked.length > 0 && (
        <FormControlLabel
          control={<Checkbox checked={acknowledged} onChange={(event) => onAcknowledge(event.target.checked)} />}
          label={t('confirm.lockoutAck')}
        />
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t('confirm.effect')}
      </Typography>
    </Box>
  );
}

/** True when the confirmation needs the lock-out tick before it may apply. */
export function needsLockoutAck(lockout: boolean, places: Place[]): boolean {
  return lockout && places.some(isPlainRoute);
}
