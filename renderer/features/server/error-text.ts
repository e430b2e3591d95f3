import { useTranslation } from '../../i18n';
import { server } from '../../i18n/locales/en/server';

type KnownCode = keyof typeof server.errors;
const isKnown = (code: string): code is KnownCode => Object.hasOwn(server.errors, code);

/** A service error in the user's language where its code is known, the service's own text kept as the details. */
export function useErrorText() {
  const { t } = useTranslation(['server', 'errors']);
  return (error: { code: string | null; message: string | null }): string => {
    const message = error.message ?? '';
    if (!error.code || !isKnown(error.code)) return message;
    const text = t(`server:errors.${error.code}`);
    return message ? `${text} ${t('errors:details', { text: message })}` : text;
  };
}
