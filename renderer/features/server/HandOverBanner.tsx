import { useCallback } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useTranslation } from '../../i18n';
import type { CaDraft } from './CaForm';
import type { Place } from './places';

/**
 * A device certificate handed over by another page, to be installed with Set CA files: its name (the certificate's
 * CN) and its three files. The key password never travels with it: the user types it in the form.
 */
export interface CaHandOver {
  name: string;
  ca: string;
  cert: string;
  key: string;
  ignoreCn: boolean;
  keyEncrypted: boolean;
}

/** The system a certificate was issued for: the CN is the name or address used to connect to it. */
export function placeForHandOver(places: readonly Place[], handOver: CaHandOver): Place | undefined {
  const name = handOver.name.trim().toLowerCase();
  return places.find((place) => place.name?.toLowerCase() === name || place.address === handOver.name.trim());
}

export function caDraftOf(handOver: CaHandOver): Partial<CaDraft> {
  return { ca: handOver.ca, cert: handOver.cert, key: handOver.key, ignoreCn: handOver.ignoreCn };
}

/** The system found for a hand-over: ready for Set CA files, found but its PSK secret still missing, or none. */
export type HandOverMatch = 'ready' | 'needs-secret' | 'none';

const MATCH_TEXT = { ready: 'handOver.matched', 'needs-secret': 'handOver.needsSecret', none: 'handOver.noMatch' } as const;

/**
 * What was handed over and what to do next; `matched` is undefined until the page knows its systems. It takes the
 * focus when it appears: the button that led here was on another page, and keyboard users go on from here.
 */
export function HandOverBanner({ handOver, matched, onDismiss }: { handOver: CaHandOver; matched?: HandOverMatch; onDismiss(): void }) {
  const { t } = useTranslation('server');
  const focusOnce = useCallback((node: HTMLDivElement | null) => node?.focus(), []);
  const files = [
    { label: t('change.caFile'), path: handOver.ca },
    { label: t('change.certFile'), path: handOver.cert },
    { label: t('change.keyFile'), path: handOver.key },
  ];
  return (
    <Alert ref={focusOnce} tabIndex={-1} severity="info" onClose={onDismiss} sx={{ mb: 1 }} role="status" data-testid="server-hand-over">
      <AlertTitle>{t('handOver.heading', { name: handOver.name })}</AlertTitle>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, m: 0, mb: 1, '& dd': { m: 0 } }}>
        {files.map((file) => (
          <Box key={file.label} sx={{ display: 'contents' }}>
            <Typography component="dt" variant="body2">
              {file.label}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ typography: 'mono', wordBreak: 'break-all' }}>
              {file.path}
            </Typography>
          </Box>
        ))}
      </Box>
      {matched !== undefined && <Typography variant="body2">{t(MATCH_TEXT[matched], { name: handOver.name })}</Typography>}
      {handOver.keyEncrypted && <Typography variant="body2">{t('handOver.keyPassword')}</Typography>}
    </Alert>
  );
}
