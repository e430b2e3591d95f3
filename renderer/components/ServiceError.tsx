import type { ReactNode } from 'react';
import Alert, { type AlertProps } from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { IpcError } from '../../shared/ipc/result';
import { useTranslation } from '../i18n';
import type { serviceErrors } from '../i18n/locales/en/serviceErrors';

type KnownCode = keyof typeof serviceErrors.code;

/** What a service error's code means in the user's language (a feature with codes of its own looks there first). */
export function useServiceErrorMeaning(): (code: string) => string {
  const { t, i18n } = useTranslation('serviceErrors');
  return (code) => {
    const known: KnownCode = i18n.exists(`serviceErrors:code.${code}`) ? (code as KnownCode) : 'other';
    return t(`code.${known}`);
  };
}

interface ServiceErrorProps {
  error: IpcError;
  /** What failed, in place of the code's meaning. */
  lead?: ReactNode;
}

/** A failed request in the user's language by its code; the services' English text follows, marked as English. */
export function ServiceErrorText({ error, lead }: ServiceErrorProps) {
  const { t } = useTranslation('serviceErrors');
  const meaning = useServiceErrorMeaning();
  return (
    <>
      {lead ?? meaning(error.code)}
      <Box component="span" sx={{ display: 'block', mt: 0.5, typography: 'caption', wordBreak: 'break-word' }}>
        {t('details')} <span lang="en">{error.message}</span>
      </Box>
    </>
  );
}

/** An error alert for a failed request: what failed (`lead`, else the code's meaning) and the services' details. */
export function ServiceErrorAlert({ error, lead, ...alert }: ServiceErrorProps & Omit<AlertProps, 'children'>) {
  return (
    <Alert severity="error" {...alert}>
      <ServiceErrorText error={error} lead={lead} />
    </Alert>
  );
}
