import type { ReactNode } from 'react';
import Alert, { type AlertProps } from '@mui/material/Alert';
import Box from '@mui/material/Box';
import type { IpcError } from '../../shared/ipc/result';
import { useTranslation } from '../i18n';
import type { server } from '../i18n/locales/en/server';
import type { serviceErrors } from '../i18n/locales/en/serviceErrors';

type KnownCode = keyof typeof serviceErrors.code;

/** A feature's own catalogue of what its services' codes mean, looked up before the codes every request shares. */
export type ErrorCodes = 'server:errors';
type OwnKey = `server:errors.${keyof typeof server.errors}`;

/** What a service error's code means in the user's language: the feature's own meaning, else the shared one. */
export function useServiceErrorMeaning(codes?: ErrorCodes): (code: string) => string {
  const { t, i18n } = useTranslation(['serviceErrors', 'server']);
  return (code) => {
    if (codes && i18n.exists(`${codes}.${code}`)) return t(`${codes}.${code}` as OwnKey);
    const known: KnownCode = i18n.exists(`serviceErrors:code.${code}`) ? (code as KnownCode) : 'other';
    return t(`serviceErrors:code.${known}`);
  };
}

interface ServiceErrorProps {
  error: IpcError;
  /** What failed, in place of the code's meaning. */
  lead?: ReactNode;
  /** Where the code's meaning is looked up first. */
  codes?: ErrorCodes;
}

/** A failed request in the user's language by its code; the services' English text follows, marked as English. */
export function ServiceErrorText({ error, lead, codes }: ServiceErrorProps) {
  const { t } = useTranslation('serviceErrors');
  const meaning = useServiceErrorMeaning(codes);
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
export function ServiceErrorAlert({ error, lead, codes, ...alert }: ServiceErrorProps & Omit<AlertProps, 'children'>) {
  return (
    <Alert severity="error" {...alert}>
      <ServiceErrorText error={error} lead={lead} codes={codes} />
    </Alert>
  );
}
