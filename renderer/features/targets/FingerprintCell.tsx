import { useState, type MouseEvent } from 'react';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Box from '@mui/material/Box';
import ContentCopyOutlined from '@mui/icons-material/ContentCopyOutlined';
import CheckOutlined from '@mui/icons-material/CheckOutlined';
import { shortFingerprint } from './target-table-model';
import { useTranslation } from '../../i18n';

/**
 * The discovery fingerprint, short enough for a table cell but with both ends, which is what people compare by eye.
 * It came over plain UDP, so it is marked unverified: the Add Route dialog checks it against the real TLS handshake.
 */
export function FingerprintCell({ fingerprint, hostname }: { fingerprint: string | null; hostname: string }) {
  const { t } = useTranslation('targets');
  const [copied, setCopied] = useState(false);
  if (!fingerprint) return <Box component="span" sx={{ color: 'text.disabled' }}>—</Box>;

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
      <Box component="span" title={fingerprint} sx={{ fontFamily: 'monospace', fontSize: '0.78rem' }}>
        {shortFingerprint(fingerprint)}
      </Box>
      {/* Native titles instead of MUI tooltips: a row is mounted 250 times in a big search, and this is the heavy cell. */}
      <IconButton
        size="small"
        aria-label={t('fingerprint.copy', { name: hostname })}
        title={copied ? t('fingerprint.copied') : t('fingerprint.copyTitle')}
        onClick={(event) => void copy(event)}
        onMouseLeave={() => setCopied(false)}
      >
        {copied ? <CheckOutlined fontSize="inherit" /> : <ContentCopyOutlined fontSize="inherit" />}
      </IconButton>
      <Chip label={t('fingerprint.unverified')} variant="outlined" title={t('fingerprint.unverifiedTitle')} sx={{ height: 18, fontSize: '0.68rem', '& .MuiChip-label': { px: 0.6 } }} />
    </Stack>
  );
}
