import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import type { DiscoveryState } from './use-discovery';
import { useTranslation } from '../../i18n';

/** Under the table: what went wrong per host, and why nothing was found, in words a commissioning engineer can act on. */
export function SearchFeedback({ discovery }: { discovery: DiscoveryState }) {
  const { t } = useTranslation('targets');
  const { hostErrors, summary, phase, targets, startError } = discovery;
  const nothingFound = phase === 'done' && summary !== null && !summary.cancelled && summary.found === 0 && targets.length === 0;
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 1 }}>
      {startError && (
        <Alert severity="error" role="alert">
          <AlertTitle>{t('feedback.startFailed')}</AlertTitle>
          {startError}
        </Alert>
      )}
      {hostErrors.length > 0 && (
        <Alert severity="warning" role="status" aria-label={t('feedback.problemsLabel')}>
          <AlertTitle>{t('feedback.problems', { count: hostErrors.length })}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {hostErrors.map((problem, index) => (
              <li key={`${problem.host}#${index}`}>
                {/* The services' own words, in English. */}
                <strong>{problem.host}</strong>: <span lang="en">{problem.message}</span>
              </li>
            ))}
          </Box>
        </Alert>
      )}
      {nothingFound && (
        <Alert severity="info" role="alert">
          <AlertTitle>{t('feedback.nothingFound')}</AlertTitle>
          {t('feedback.fallbackHint')}
          {summary.hint && (
            <Box component="span" lang="en" sx={{ display: 'block', mt: 0.5 }}>
              {summary.hint}
            </Box>
          )}
        </Alert>
      )}
    </Box>
  );
}
