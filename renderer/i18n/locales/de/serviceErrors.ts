import type { Catalog } from '../../catalog';
import type { serviceErrors as en } from '../en/serviceErrors';

export const serviceErrors = {
  details: 'Details:',
  code: {
    internal: 'In ADS Route Studio ist ein Fehler aufgetreten',
    transport: 'Die Dienste von ADS Route Studio sind nicht erreichbar',
    'unknown-channel': 'Die Dienste kennen diese Anfrage nicht; App und Dienste haben verschiedene Versionen',
    'invalid-request': 'Die Dienste haben eine Eingabe abgelehnt',
    'invalid-response': 'Die Dienste haben eine Antwort gesendet, die die App nicht lesen kann',
    'invalid-input': 'Eine Eingabe kann nicht verwendet werden',
    'write-failed': 'Eine Datei konnte nicht geschrieben werden',
    'file-refused': 'Diese Datei oder dieser Ordner kann nicht verwendet werden',
    'certificate-malformed': 'Die Datei ist kein lesbares Zertifikat',
    'certificate-not-found': 'Das Zertifikat wurde nicht gefunden',
    'invalid-name': 'Dieser Name kann nicht verwendet werden',
    'key-password-required': 'Der private Schlüssel ist verschlüsselt: Geben Sie sein Passwort ein',
    'key-bad-password': 'Das Schlüsselpasswort ist falsch',
    'key-malformed': 'Die Datei ist kein lesbarer privater Schlüssel',
    'ca-exists': 'Es gibt bereits eine Anlagen-CA',
    'ca-missing': 'Es gibt noch keine Anlagen-CA: Erstellen oder laden Sie zuerst eine',
    'ca-bad-password': 'Das CA-Passwort ist falsch',
    'ca-invalid': 'Zertifikat und Schlüssel ergeben keine verwendbare CA',
    other: 'Die Dienste haben einen Fehler gemeldet',
  },
} satisfies Catalog<typeof en>;
