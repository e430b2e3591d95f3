import { useState, type MouseEvent } from 'react';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Box from '@mui/material/Box';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import CheckOutlined from '@mui/icons-material/CheckOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import { useFormat, useTranslation } from '../../i18n';
import { shortFingerprint } from './target-table-model';

/** The discovery fingerprint against the one remembered for this NetId after a verified route. */
function KnownChip({ fingerprint, known }: { fingerprint: string; known: KnownFingerprint | undefined }) {
  const { t } = useTranslation('trust');
  const format = useFormat();
  const chipSx = { height: 18, fontSize: '0.68rem', '& .MuiChip-label': { px: 0.6 } };
  if (!known) return <Chip label={t('unverifiedChip')} variant="outlined" title={t('unverifiedTitle')} sx={chipSx} />;
  if (known.fingerprint === fingerprint.toLowerCase()) {
    return (
      <Chip
        label={t('verifiedChip')}
        color="success"
        variant="outlined"
        data-testid="fingerprint-verified"
        title={t('verifiedTitle', { date: format.date(known.lastSeen) })}
        sx={chipSx}
      />
    );
  }
  return (
    <Chip
      icon={<WarningAmberOutlined />}
      label={t('changedChip', { date: format.date(known.firstSeen) })}
      color="error"
      data-testid="fingerprint-changed"
      title={t('changedTitle', { date: format.date(known.firstSeen) })}
      sx={{ ...chipSx, fontWeight: 700, '& .MuiChip-icon': { fontSize: '0.85rem' } }}
    />
  );
}

/**
 * The discovery fingerprint, short enough for a table cell but with both ends, which is what people compare by eye.
 * It came over plain UDP, so it is marked unverified unless it is the one remembered for this NetId after a verified
 * route; another one than remembered is marked changed, loudly.
 */
export function FingerprintCell({
  fingerprint,
  hostname,
  known,
}: {
  fingerprint: string | null;
  hostname: string;
  known?: KnownFingerprint;
}) {
  const { t } = useTranslation('targets');
  const [copied, setCopied] = useState(false);
  if (!fingerprint)
    return (
      <Box component="span" sx={{ color: 'text.disabled' }}>
        —
      </Box>
    );

  const copy = async (event: MouseEvent) => {
    // Copying is not choosing: the row's own click handler must not change the selection.
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(fingerprint);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center', whiteSpace: 'nowrap' }}>
      <Box component="span" title={fingerprint} sx={{ typography: 'mono', fontSize: '0.78rem' }}>
        {shortFingerprint(fingerprint)}
      </Box>
      {/* Native titles instead of MUI tooltips: a big search draws dozens of rows at once, and this is the heavy cell. */}
      <IconButton
        aria-label={t('fingerprint.copy', { name: hostname })}
        title={copied ? t('fingerprint.copied') : t('fingerprint.copyTitle')}
        onClick={(event) => void copy(event)}
        onMouseLeave={() => setCopied(false)}
      >
        {copied ? <CheckOutlined fontSize="inherit" /> : <ContentCopyOutlined fontSize="inherit" />}
      </IconButton>
      <KnownChip fingerprint={fingerprint} known={known} />
    </Stack>
  );
}
