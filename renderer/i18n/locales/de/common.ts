import type { Catalog } from '../../catalog';
import type { common as en } from '../en/common';

export const common = {
  appName: 'ADS Route Studio',
  cancel: 'Abbrechen',
  close: 'Schließen',
  retry: 'Erneut versuchen',
  retrying: 'Wird erneut versucht…',
  refresh: 'Aktualisieren',
  loading: 'Wird geladen…',
  save: 'Speichern',
  yes: 'Ja',
  no: 'Nein',
  none: 'keine',
  unknown: 'unbekannt',
  details: 'Details',
  copy: 'Kopieren',
  copied: 'Kopiert',
} satisfies Catalog<typeof en>;
