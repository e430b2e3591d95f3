import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { initialLanguage, isLanguage, LANGUAGE_STORAGE_KEY, type Language } from './languages';
import { NAMESPACES, resources } from './resources';

function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

function preferredLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language];
}

/** One instance for the whole renderer; catalogues are bundled, so it is ready synchronously. */
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(browserStorage(), preferredLanguages()),
  fallbackLng: 'en',
  supportedLngs: ['en', 'de'],
  ns: NAMESPACES,
  defaultNS: 'common',
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
});

function markDocument(language: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language;
}
markDocument(i18n.language);
i18n.on('languageChanged', markDocument);

/** A language chosen in another window of the app (another tab of the browser host) applies here too, at once. */
export function followLanguageOfOtherWindows(target: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === LANGUAGE_STORAGE_KEY && isLanguage(event.newValue) && event.newValue !== i18n.language)
      void i18n.changeLanguage(event.newValue);
  };
  target.addEventListener('storage', onStorage);
  return () => target.removeEventListener('storage', onStorage);
}
if (typeof window !== 'undefined') followLanguageOfOtherWindows(window);

/** Switches the UI language now and remembers it for the next start. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    browserStorage()?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Not remembered, but still switched for this session.
  }
  await i18n.changeLanguage(language);
}
