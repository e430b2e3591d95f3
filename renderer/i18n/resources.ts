import * as de from './locales/de';
import * as en from './locales/en';
import type { Catalog } from './catalog';
import type { Language } from './languages';

/** Every namespace in English: the source of the keys and of the types of `t`. */
export const english = { ...en };
export type Namespace = keyof typeof english;

/** Every catalogue; German must have exactly the English namespaces and keys. */
export const resources = {
  en: english,
  de: { ...de } satisfies Catalog<typeof english>,
} satisfies Record<Language, Catalog<typeof english>>;

export const NAMESPACES = Object.keys(english) as Namespace[];
