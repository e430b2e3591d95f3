import type { Catalog } from '../../catalog';
import type { routes as en } from '../en/routes';

export const routes = {
  title: 'Routen',
  description: 'Die ADS- und Secure-ADS-Routen dieses PCs. Routen fügen Sie auf der Seite Zielsysteme hinzu.',
  loading: 'Routen werden geladen',
  twincat: {
    title: 'TwinCAT-Routen dieses PCs',
    file: 'Aus {{path}}',
    missingFile: '{{path}} gibt es noch nicht; Route hinzufügen legt die Datei mit der ersten Route an.',
    unreadable: '{{path}} kann nicht gelesen werden, daher werden neue Routen nicht hineingeschrieben: {{error}}',
    restartNote:
      'Route hinzufügen schreibt jede neue statische Route auch hierher. TwinCAT übernimmt sie nach einem Neustart seines Routers (Config-Modus und zurück nach Run, oder ein Neustart des PCs).',
    secureNote:
      'Secure-ADS-Routen werden mit einem leeren <Tls>-Element geschrieben: Was TwinCAT darin speichert, ist nicht öffentlich. Prüfen Sie solche Routen in TwinCAT XAE.',
    empty: 'StaticRoutes.xml enthält keine Routen.',
    tableLabel: 'Routen in der StaticRoutes.xml dieses PCs',
    flags: 'Flags',
    plain: 'Einfaches ADS',
    secure: 'Secure ADS',
    subRoutes_one: '{{count}} Unterroute',
    subRoutes_other: '{{count}} Unterrouten',
    noTwinCat: 'Auf diesem PC gibt es kein TwinCAT (gesucht in {{folders}}). Um eine Route anderswo einzurichten, exportieren Sie sie:',
    exportRoute: 'Route {{name}} exportieren',
  },
  export: {
    title: 'Route {{name}} exportieren',
    loading: 'Export wird vorbereitet',
    failed: '{{name}} konnte nicht exportiert werden: {{error}}',
    thisPc: 'Dieser PC aus Sicht des Zielsystems: {{address}}, AMS NetId {{netId}}, Name {{hostname}}.',
    fragment: 'Eintrag für StaticRoutes.xml (innerhalb von <RemoteConnections>), für einen PC mit TwinCAT',
    secureFragment: 'Das <Tls>-Element bleibt leer: Was TwinCAT für eine Secure-ADS-Route darin speichert, ist nicht öffentlich.',
    adstool: 'adstool (Beckhoff ADS-Bibliothek): legt auf dem Zielsystem die Route zurück zu diesem PC an',
    pyads: 'pyads: die Route dieses PCs im Router der ADS-Bibliothek und die Route zurück auf dem Zielsystem',
    plainOnly:
      'adstool und pyads legen nur unverschlüsselte ADS-Routen an: Für diese Secure-ADS-Route richten sie stattdessen eine unverschlüsselte Route ein.',
    noPassword: 'Es ist kein Passwort enthalten: Die Shell-Zeile liest ADS_PASSWORD, das Python-Skript fragt danach.',
    copyFragment: 'Eintrag für StaticRoutes.xml kopieren',
    copyAdstool: 'adstool-Zeilen kopieren',
    copyPyads: 'pyads-Zeilen kopieren',
    close: 'Schließen',
  },
  empty: 'Noch keine Routen. Suchen Sie auf der Seite Zielsysteme, wählen Sie Systeme aus und wählen Sie Route hinzufügen.',
  removeFailed: '{{name}} konnte nicht entfernt werden: {{error}}',
  confirm: {
    title: 'Route {{name}} entfernen?',
    text: 'Dieser PC vergisst die Route zu {{address}} ({{netId}}). Der Eintrag auf dem Zielsystem bleibt, bis er dort entfernt wird.',
    remove: 'Entfernen',
    fromTwinCat: 'Auch aus dem TwinCAT dieses PCs entfernen (StaticRoutes.xml)',
    fromTwinCatHint:
      '{{path}}: Entfernt wird nur ein Eintrag mit der AMS NetId und der Adresse dieser Route. TwinCAT liest die Datei bei einem Neustart seines Routers (Config-Modus und zurück nach Run, oder ein Neustart des PCs).',
  },
  twincatRemoval: {
    removed:
      '{{name}} wurde auch aus {{path}} entfernt. TwinCAT verwirft die Route nach einem Neustart seines Routers (Config-Modus und zurück nach Run, oder ein Neustart des PCs).',
    differs: '{{path}} enthält eine Route namens {{name}}, die woandershin führt (andere AMS NetId oder Adresse); sie bleibt unverändert.',
    notThere: '{{name}} stand nicht in {{path}}; dort wurde nichts entfernt.',
    refused: 'Die Route bleibt in der StaticRoutes.xml: {{detail}}',
    noTwinCat: 'Auf diesem PC gibt es kein TwinCAT (mehr); es wurde keine StaticRoutes.xml geändert.',
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
