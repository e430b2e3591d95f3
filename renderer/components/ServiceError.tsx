import type { ReactNode } from 'react';
import Alert, { type AlertProps } from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { IpcError } from '../../shared/ipc/result';
import { useTranslation } from '../i18n';
import type { serviceErrors } from '../i18n/locales/en/serviceErrors';

type KnownCode = keyof typeof serviceErrors.code;

/** A failed request in the user's language by its code; the services' English text follows, marked as English. */
export function ServiceErrorText({ error, lead }: { error: IpcError; lead?: ReactNode }) {
  const { t } = useTranslation('serviceErrors');
  const { i18n } = useTranslation();
  const code: KnownCode = i18n.exists(`serviceErrors:code.${error.code}`) ? (error.code as KnownCode) : 'other';
  return (
    <>
      {lead ?? t(`code.${code}`)}
      <Box component="span" sx={{ display: 'block', mt: 0.5, typography: 'caption', wordBreak: 'break-word' }}>
        {t('details')} <span lang="en">{error.message}</span>
      </Box>
    </>
  );
}

/** An error alert for a failed request: what failed (`lead`, else the code's meaning) and the services' details. */
export function ServiceErrorAlert({ error, lead, ...alert }: { error: IpcError; lead?: ReactNode } & Omit<AlertProps, 'children'>) {
  return (
    <Alert severity="error" {...alert}>
      <ServiceErrorText error={error} lead={lead} />
    </Alert>
  );
}
