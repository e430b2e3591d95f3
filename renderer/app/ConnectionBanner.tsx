import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { useConnection } from '../api/ApiProvider';
import { useTranslation } from '../i18n';

/** Shown above every page while the services cannot be reached, with a way to try again. */
export function ConnectionBanner() {
  const { t } = useTranslation(['app', 'common']);
  const { failure, retry } = useConnection();
  const [retrying, setRetrying] = useState(false);
  if (failure === undefined) return null;
  const onRetry = () => {
    setRetrying(true);
    void retry().finally(() => setRetrying(false));
  };
  return (
    <Alert
      severity="error"
      role="alert"
      sx={{ mb: 2 }}
      action={
        <Button color="inherit" onClick={onRetry} disabled={retrying}>
          {retrying ? t('common:retrying') : t('common:retry')}
        </Button>
      }
    >
      <AlertTitle>{t('connection.title')}</AlertTitle>
      {/* The transport's own words, kept for support. */}
      <span lang="en">{failure}</span>
    </Alert>
  );
}
