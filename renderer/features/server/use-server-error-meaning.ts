import { useServiceErrorMeaning } from '../../components/ServiceError';
import { useTranslation } from '../../i18n';
import type { server } from '../../i18n/locales/en/server';

type ServerCode = keyof typeof server.errors;

/** What a code from the server-config services means: this page's own wording first, else the one every request shares. */
export function useServerErrorMeaning(): (code: string) => string {
  const { t, i18n } = useTranslation('server');
  const shared = useServiceErrorMeaning();
  return (code) => (i18n.exists(`server:errors.${code}`) ? t(`errors.${code as ServerCode}`) : shared(code));
}
