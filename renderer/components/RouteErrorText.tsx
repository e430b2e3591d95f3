import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import type { RouteError } from '../../shared/domain/route';
import { useTranslation } from '../i18n';
import { pointsToServerPage, useRouteErrorText } from './route-error';

/** Where a fix can also be made in this app; nothing for errors whose fix is elsewhere. */
export function RouteErrorPageLink({ error }: { error: RouteError }) {
  const { t } = useTranslation('errors');
  if (!pointsToServerPage(error)) return null;
  return (
    <Typography variant="body2" data-testid="server-page-hint">
      {t('serverPage')}{' '}
      <Link href="#/server" underline="always">
        {t('serverPageLink')}
      </Link>
    </Typography>
  );
}

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
      <RouteErrorPageLink error={error} />
      <Typography variant="caption" color="text.secondary" component="div" sx={{ wordBreak: 'break-word' }}>
        {/* The service's own words, in English, for support. */}
        {t('serviceErrors:details')} <span lang="en">{shown.details}</span>
      </Typography>
    </>
  );
}
