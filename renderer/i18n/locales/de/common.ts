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
  browse: '{{label}} auswählen',
  browseButton: 'Durchsuchen…',
  secureMethod: {
    ssc: 'Selbstsigniertes Zertifikat',
    psk: 'Pre-Shared Key (PSK)',
    ca: 'Gemeinsame CA',
  },
  security: {
    ssc: 'Secure ADS, selbstsigniert',
    psk: 'Secure ADS, PSK',
    ca: 'Secure ADS, gemeinsame CA',
    none: 'Einfaches ADS',
  },
} satisfies Catalog<typeof en>;
