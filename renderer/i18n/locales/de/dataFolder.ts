import type { Catalog } from '../../catalog';
import type { dataFolder as en } from '../en/dataFolder';

export const dataFolder = {
  heading: 'Datenordner',
  description:
    'Wo die Routen dieses PCs, sein Secure-ADS-Client-Zertifikat und alles andere, was ADS Route Studio aufbewahrt, gespeichert sind.',
  path: 'Datenordner',
  copy: 'Pfad des Datenordners kopieren',
  copied: 'Kopiert',
  kind: {
    default:
      'Der übliche Ordner Ihres Benutzers. Die Desktop-Anwendung, der Browser-Host (npm run web) und die Kommandozeile adsroute nutzen ihn alle und teilen sich so ein Client-Zertifikat und eine Routenliste.',
    environment:
      'Gewählt über die Umgebungsvariable ADS_ROUTE_STUDIO_DATA. Die Kommandozeile nutzt ihn ebenfalls, wenn die Variable für sie gesetzt ist.',
    demo: 'Ein temporärer Ordner der Demo: eigenes Client-Zertifikat und Routen zu den virtuellen Zielsystemen. Er wird beim Beenden der Demo gelöscht; Ihre echten Routen bleiben unberührt.',
  },
  contents: 'Was darin liegt',
  files: {
    routes: 'routes.json: die Routen dieses PCs',
    identity: 'client-certificate.pem und client-key.pem: das Secure-ADS-Client-Zertifikat dieses PCs',
    settings: 'settings.json: lokale AMS NetId, Hostname und weitere Einstellungen',
    knownFingerprints: 'known-fingerprints.json: die Fingerabdrücke der Zielsysteme mit selbstsignierter Route',
    certificates: 'certificates/: die Anlagen-CA und die damit ausgestellten Gerätezertifikate',
    logs: 'logs/: das Protokoll, über Neustarts hinweg aufbewahrt',
  },
} satisfies Catalog<typeof en>;
