import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import type { ServerChange } from '../../../shared/ipc/channels/server-config';
import { useTranslation } from '../../i18n';
import { holds, lockedOut } from './change-reach';
import type { Place, PlaceRead } from './places';
import { usePlaceName, useStateName } from './PlacesTable';

/**
 * The one confirmation of a change: what it is and every system it goes to (for a removal, whether the system holds
 * what is removed), with the lock-out warning for each system this PC would lose its way into.
 */
export function ConfirmList({
  summary,
  change,
  places,
  reads,
  acknowledged,
  onAcknowledge,
}: {
  summary: string;
  change: ServerChange | undefined;
  places: Place[];
  reads: Record<string, PlaceRead>;
  acknowledged: boolean;
  onAcknowledge(on: boolean): void;
}) {
  const { t } = useTranslation('server');
  const nameOf = usePlaceName();
  const stateName = useStateName();
  const locked = lockedOut(change, places, reads);
  const identity = change?.kind === 'remove-psk' ? change.identity : '';
  const holding = (place: Place) => {
    const found = holds(change, place, reads);
    if (found === null || (change?.kind !== 'remove-psk' && change?.kind !== 'clear-tls')) return null;
    return t(found ? `confirm.holds.${change.kind}` : `confirm.lacks.${change.kind}`, { identity });
  };
  return (
    <Box>
      <Typography sx={{ mb: 1 }}>{t('confirm.text', { change: summary })}</Typography>
      <Box component="ul" aria-label={t('places.table')} sx={{ mt: 0, pl: 3 }}>
        {places.map((place) => (
          <li key={place.key}>
            {place.route
              ? t('confirm.row', { name: nameOf(place), netId: place.netId ?? '', state: stateName(reads[place.key]?.result?.adsState) })
              : t('confirm.localRow')}
            {holding(place) && (
              <Typography component="span" variant="body2" color="text.secondary">
                {' · '}
                {holding(place)}
              </Typography>
            )}
          </li>
        ))}
      </Box>
      {locked.map((place) => (
        <Alert key={place.key} severity="warning" sx={{ mb: 1 }}>
          {change?.kind === 'remove-psk'
            ? t('confirm.lockoutPsk', { name: nameOf(place), identity })
            : t('confirm.lockout', { name: nameOf(place) })}
        </Alert>
      ))}
      {locked.length > 0 && (
        <FormControlLabel
          control={<Checkbox checked={acknowledged} onChange={(event) => onAcknowledge(event.target.checked)} />}
          label={t(change?.kind === 'remove-psk' ? 'confirm.lockoutAckPsk' : 'confirm.lockoutAck')}
        />
      )}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
        {t('confirm.effect')}
      </Typography>
    </Box>
  );
}

/** True when the confirmation needs the lock-out tick before it may apply. */
export function needsLockoutAck(change: ServerChange | undefined, places: Place[], reads: Record<string, PlaceRead>): boolean {
  return lockedOut(change, places, reads).length > 0;
}
