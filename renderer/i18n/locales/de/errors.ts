import type { Catalog } from '../../catalog';
import type { errors as en } from '../en/errors';

export const errors = {
  details: 'Details: {{text}}',
  stepCause: '{{step}}: {{cause}}',
  fixPrefix: 'Abhilfe: {{fix}}',
  serverPage: 'Besteht schon eine Route zum Zielsystem, kann die Seite Secure-ADS-Server die Identität für Sie eintragen.',
  serverPageLink: 'Seite Secure-ADS-Server öffnen',
  route: {
    'fingerprint-mismatch': {
      cause: 'Der Zertifikat-Fingerabdruck des Zielsystems weicht vom verglichenen ab',
      fix: 'Fahren Sie nur fort, wenn Sie wissen, warum sich das Zertifikat geändert hat; vergleichen Sie den Fingerabdruck aus „About TwinCAT“ auf dem Zielsystem erneut.',
    },
    'fingerprint-unverified': {
      cause: 'Es gibt keinen Fingerabdruck zum Vergleichen',
      fix: 'Fügen Sie den Fingerabdruck aus „About TwinCAT“ auf dem Zielsystem ein oder bestätigen Sie, dass Sie ihn auf anderem Weg geprüft haben.',
    },
    'auth-failed': {
      cause: 'Falscher Benutzername oder falsches Passwort',
      fix: 'Verwenden Sie ein Administratorkonto des Betriebssystems des Zielsystems (Beckhoff-CX-Standard: Administrator / 1). Ändern Sie die Anmeldung und fügen Sie erneut hinzu.',
    },
    'psk-unknown': {
      cause: 'Das Zielsystem kennt diese PSK-Identität oder diesen Schlüssel nicht',
      fix: 'Tragen Sie Identität und Schlüssel auf dem Zielsystem selbst ein: im Secure-ADS-Serverabschnitt der StaticRoutes.xml des Zielsystems (TwinCAT auf dem Zielsystem), danach das Zielsystem in Config und wieder in Run schalten. Oder prüfen Sie hier Identität und Schlüssel auf Tippfehler: Das Zielsystem sagt nicht, welches von beiden es nicht kannte.',
    },
    'cn-mismatch': {
      cause: 'Der Common Name (CN) des Zertifikats passt nicht',
      fix: 'Verwenden Sie ein Zertifikat mit dem CN, den die Gegenseite erwartet, oder kreuzen Sie CN ignorieren an.',
    },
    'cert-untrusted': {
      cause: 'Dem Zertifikat wird nicht vertraut',
      fix: 'Fügen Sie die Route erneut mit Benutzername und Passwort hinzu oder registrieren Sie das Zertifikat dieses PCs (oder seine CA) auf dem Zielsystem.',
    },
    'cert-expired': {
      cause: 'Das Zertifikat ist derzeit nicht gültig',
      fix: 'Erneuern Sie das Zertifikat oder prüfen Sie die Uhren dieses PCs und des Zielsystems.',
    },
    'tls-failed': {
      cause: 'Die Secure-ADS-Verbindung ist fehlgeschlagen',
      fix: 'Prüfen Sie, ob auf dem Zielsystem TwinCAT 3.1.4024 oder neuer mit aktiviertem Secure ADS läuft, und sehen Sie ins TwinCAT-Protokoll des Zielsystems.',
    },
    unreachable: {
      cause: 'Das Zielsystem ist nicht erreichbar',
      fix: 'Prüfen Sie Kabel, Adapter und ob dieser PC eine Adresse im Netz des Zielsystems hat.',
    },
    refused: {
      cause: 'Das Zielsystem hat die Verbindung abgelehnt',
      fix: 'Secure ADS (TCP 8016) oder ADS (TCP 48898) ist auf dem Zielsystem deaktiviert oder durch eine Firewall gesperrt.',
    },
    timeout: {
      cause: 'Das Zielsystem hat nicht rechtzeitig geantwortet',
      fix: 'Das Zielsystem ist offline, langsam, oder eine Firewall verwirft die Verbindung stillschweigend: erneut versuchen, dann das Zielsystem prüfen.',
    },
    'resolve-failed': {
      cause: 'Der Hostname kann nicht aufgelöst werden',
      fix: 'Verwenden Sie die IP-Adresse oder prüfen Sie DNS bzw. die hosts-Datei.',
    },
    'verify-failed': {
      cause: 'Die Route wurde angelegt, aber die ADS-Prüfung ist fehlgeschlagen',
      fix: 'Prüfen Sie, ob die Route auf dem Zielsystem existiert und die AMS NetId dieses PCs verwendet.',
    },
    'invalid-input': {
      cause: 'Eine Eingabe kann nicht gesendet werden',
      fix: 'Korrigieren Sie die in den Details genannte Eingabe.',
    },
    cancelled: {
      cause: 'Abgebrochen',
      fix: 'Starten Sie erneut, wenn Sie bereit sind.',
    },
    internal: {
      cause: 'In ADS Route Studio ist ein Fehler aufgetreten',
      fix: 'Erneut versuchen; wenn es wieder passiert, das Protokoll exportieren und melden.',
    },
  },
} satisfies Catalog<typeof en>;
