import Chip from '@mui/material/Chip';
import type { ExpiryEntry } from '../../../shared/ipc/channels/certificates';
import { useTranslation } from '../../i18n';

const COLOR = {
  ok: 'success',
  warning: 'warning',
  critical: 'error',
  expired: 'error',
  'not-yet-valid': 'warning',
  unreadable: 'error',
} as const;

/** The level in words with its colour, and the days left (or since the end). */
export function ExpiryChip({ entry }: { entry: ExpiryEntry }) {
  const { t } = useTranslation('certificates');
  const days =
    entry.daysLeft === null
      ? ''
      : entry.level === 'expired'
        ? ` · ${t('expiry.expiredAgo', { count: -entry.daysLeft })}`
        : ` · ${t('expiry.days', { count: entry.daysLeft })}`;
  return (
    <Chip
      color={COLOR[entry.level]}
      // Filled in every state: an outlined green label on a selected (tinted) row falls below AA contrast.
      variant="filled"
      label={`${t(`expiry.level.${entry.level}`)}${days}`}
    />
  );
}
