import type { Catalog } from '../../catalog';
import type { routes as en } from '../en/routes';

export const routes = {
  title: 'Routen',
  description: 'Die ADS- und Secure-ADS-Routen dieses PCs. Routen fügen Sie auf der Seite Zielsysteme hinzu.',
  loading: 'Routen werden geladen',
  empty: 'Noch keine Routen. Suchen Sie auf der Seite Zielsysteme, wählen Sie Systeme aus und wählen Sie Route hinzufügen.',
  removeFailed: '{{name}} konnte nicht entfernt werden: {{error}}',
  confirm: {
    title: 'Route {{name}} entfernen?',
    text: 'Dieser PC vergisst die Route zu {{address}} ({{netId}}). Der Eintrag auf dem Zielsystem bleibt, bis er dort entfernt wird.',
    remove: 'Entfernen',
  },
  table: {
    label: 'Routen',
    route: 'Route',
    netId: 'AMS NetId',
    address: 'Adresse',
    security: 'Sicherheit',
    type: 'Typ',
    verified: 'Geprüft',
    actions: 'Aktionen',
    never: 'nie',
    temporary: 'Temporär',
    static: 'Statisch',
    unidirectional: 'unidirektional',
    nat: 'NAT {{netId}}',
    remove: 'Entfernen',
    removeRoute: 'Route {{name}} entfernen',
  },
} satisfies Catalog<typeof en>;
