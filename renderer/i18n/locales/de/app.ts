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
} satisfies Catalog<typeof en>;
