import Typography from '@mui/material/Typography';
import type { RouteError } from '../../shared/domain/route';
import { useTranslation } from '../i18n';
import { useRouteErrorText } from './route-error';

/** A service error as the user reads it: cause and fix translated by code, the service's own words as details. */
export function RouteErrorText({ error, prefix }: { error: RouteError; prefix?: string }) {
  const { t } = useTranslation(['errors', 'serviceErrors']);
  const shown = useRouteErrorText()(error);
  return (
    <>
      <Typography variant="body2" color="error" sx={{ fontWeight: 600 }} data-error-code={error.code}>
        {prefix ? t('stepCause', { step: prefix, cause: shown.cause }) : shown.cause}
      </Typography>
      <Typography variant="body2">{t('fixPrefix', { fix: shown.fix })}</Typography>
      <Typography variant="caption" color="text.secondary" component="div" sx={{ wordBreak: 'break-word' }}>
        {/* The service's own words, in English, for support. */}
        {t('serviceErrors:details')} <span lang="en">{shown.details}</span>
      </Typography>
    </>
  );
}
