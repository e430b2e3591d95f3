import type { Catalog } from '../../catalog';
import type { app as en } from '../en/app';

export const app = {
  nav: {
    label: 'Hauptnavigation',
    targets: 'Zielsysteme',
    routes: 'Routen',
    server: 'Secure-ADS-Server',
    certificates: 'Zertifikate',
    log: 'Protokoll',
    settings: 'Einstellungen',
  },
  windowTitle: '{{page}} – ADS Route Studio',
  connection: {
    title: 'Die Dienste von ADS Route Studio sind nicht erreichbar',
  },
  help: {
    button: 'Hilfe',
    shortcutsMenu: 'Tastenkombinationen',
    shortcutsTitle: 'Tastenkombinationen',
    keys: 'Tasten',
    action: 'Wirkung',
    close: 'Schließen',
    shortcuts: {
      filter: { keys: 'Strg+F', action: 'Zielsysteme: den Cursor in den Filter setzen' },
      repeat: { keys: 'F5', action: 'Zielsysteme: die letzte Suche wiederholen (statt die Seite neu zu laden)' },
      rows: { keys: '↑ ↓ Bild↑ Bild↓ Pos1 Ende', action: 'Zielsysteme: zwischen den Zeilen der Tabelle wechseln' },
      space: { keys: 'Leertaste', action: 'Zielsysteme: die Zeile mit dem Fokus auswählen oder abwählen' },
      ctrlClick: { keys: 'Strg+Klick', action: 'Zielsysteme: eine Zeile zur Auswahl hinzufügen oder herausnehmen' },
      escape: { keys: 'Esc', action: 'Den offenen Dialog oder das Menü schließen' },
      nav: { keys: '↑ ↓ Pos1 Ende', action: 'Navigation: zwischen den Seiten wechseln' },
    },
  },
} satisfies Catalog<typeof en>;
