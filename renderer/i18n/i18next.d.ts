import 'i18next';
import type { english } from './resources';

// Typed keys: t('targets:search.start') is checked against the English catalogue at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof english;
  }
}
