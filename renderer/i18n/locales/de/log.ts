import type { Catalog } from '../../catalog';
import type { log as en } from '../en/log';

export const log = {
  title: 'Protokoll',
  description:
    'Was die Dienste getan haben, neueste zuerst: Suchen, Routenänderungen, TLS-Handshakes und fehlgeschlagene Verbindungen mit ihrem Grund.',
  loading: 'Protokoll wird geladen',
  empty: 'Noch keine Protokollzeilen.',
  emptyFiltered: 'Keine Protokollzeile passt zu den Filtern.',
  filters: 'Protokollfilter',
  minimumLevel: 'Mindeststufe',
  source: 'Quelle',
  target: 'Zielsystem',
  all: 'Alle',
  search: 'Text durchsuchen',
  shown: '{{shown}} von {{total}} Zeilen',
  exportCsv: 'CSV exportieren',
  exportJson: 'JSON exportieren',
  clear: 'Protokoll leeren',
  clearTitle: 'Protokoll leeren?',
  clearText: 'Alle Zeilen werden gelöscht, auch aus den Protokolldateien auf dem Datenträger. Das kann nicht rückgängig gemacht werden.',
  clearConfirm: 'Leeren',
  clearFailed: 'Das Protokoll konnte nicht geleert werden.',
  levels: {
    debug: 'Debug',
    info: 'Info',
    warn: 'Warnung',
    error: 'Fehler',
  },
  table: {
    label: 'Protokoll',
    time: 'Zeit',
    level: 'Stufe',
    source: 'Quelle',
    target: 'Zielsystem',
    message: 'Meldung',
  },
} satisfies Catalog<typeof en>;
