import type { Catalog } from '../../catalog';
import type { settings as en } from '../en/settings';

export const settings = {
  title: 'Einstellungen',
  description: 'Dieser PC, wie ADS Route Studio ihn sieht.',
  language: {
    heading: 'Sprache',
    description: 'Die Sprache der Anwendung. Sie folgt der Sprache des Betriebssystems, bis Sie hier eine wählen.',
    label: 'Sprache',
  },
  identity: {
    heading: 'Dieser PC',
    description:
      'Das Zertifikat, das dieser PC für Secure ADS vorlegt. Ein Zielsystem speichert seinen Fingerabdruck, wenn eine selbstsignierte Route hinzugefügt wird.',
    loading: 'Identität dieses PCs wird geladen',
    fingerprint: 'Fingerabdruck des Client-Zertifikats (SHA-256)',
    copyFingerprint: 'Fingerabdruck kopieren',
    copyFingerprintLabel: 'Fingerabdruck des Client-Zertifikats kopieren',
    validUntil: '{{subject}}, gültig bis {{date}}',
    netId: 'Lokale AMS NetId',
    netIdInvalid: 'Sechs Zahlen 0–255, z. B. 192.168.1.20.1.1',
    netIdFixed: 'Allen Zielsystemen eine feste AMS NetId senden',
    netIdFixedLabel: 'Feste AMS NetId',
    netIdFixedHelp: 'Jedes Zielsystem speichert diesen PC als {{netId}}, über welchen Adapter es auch erreicht wird',
    netIdDerived:
      'Je Zielsystem abgeleitet, wie TwinCAT es macht: die IPv4-Adresse des Adapters, über den dieser PC das Zielsystem erreicht, plus „.1.1“.',
    netIdPerAdapter: 'AMS NetId je Adapter',
    netIdForAdapter: 'Zielsysteme, die über {{adapter}} ({{address}}) erreicht werden, erhalten {{netId}}',
    hostname: 'Hostname',
    hostnameInvalid: '1 bis 31 Zeichen',
    hostnameHelp: 'Routenname dieses PCs auf den Zielsystemen',
  },
  adapters: {
    heading: 'Netzwerkadapter',
    refresh: 'Adapter aktualisieren',
    description: 'Die IPv4-Adapter dieses PCs; eine Broadcast-Suche sendet über jeden von ihnen.',
    loading: 'Netzwerkadapter werden geladen',
    table: 'Netzwerkadapter',
    name: 'Name',
    address: 'IPv4-Adresse',
    netmask: 'Netzmaske',
    broadcast: 'Broadcast',
    linkLocal: 'Link-lokal',
    linkLocalChip: 'link-lokal',
    linkLocalHint: 'Keine DHCP-Adresse: Der Adapter hat sich selbst eine 169.254.x.x-Adresse gegeben',
    none: 'Es wurde kein Netzwerkadapter mit IPv4-Adresse gefunden. Schließen Sie ein Kabel an oder prüfen Sie die Adaptereinstellungen.',
  },
} satisfies Catalog<typeof en>;
