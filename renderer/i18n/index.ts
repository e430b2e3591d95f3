// The renderer's i18n entry point: importing anything from here also initialises the catalogues.
export { i18n, setLanguage } from './i18n';
export { useTranslation, Trans } from 'react-i18next';
export { formattersFor, useFormat, type Formatters } from './format';
export { LANGUAGES, LANGUAGE_NAMES, isLanguage, type Language } from './languages';
export type { Catalog } from './catalog';
export type { Namespace } from './resources';
