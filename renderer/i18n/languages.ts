/** The languages the UI is written in; the first is the fallback for everything else. */
export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, as a language picker shows it. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', de: 'Deutsch' };

export const LANGUAGE_STORAGE_KEY = 'ads-route-studio.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** "de-AT" → "de"; a language the UI does not have → English. */
export function languageOf(tag: string | undefined): Language {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : 'en';
}

/** The user's choice from Settings if there is one, else the OS/browser language (Electron reports the OS locale). */
export function initialLanguage(storage: Pick<Storage, 'getItem'> | undefined, preferred: readonly string[] | undefined): Language {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be unavailable (privacy mode, sandbox); the OS language is the next best guess.
  }
  if (isLanguage(stored)) return stored;
  for (const tag of preferred ?? []) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}
