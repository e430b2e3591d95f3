import type { Catalog } from '../../catalog';
import type { trust as en } from '../en/trust';

export const trust = {
  changedLogin:
    '<0>{{name}}:</0> Fingerabdruck geändert seit {{date}}: Das Zielsystem wurde neu installiert, oder jemand sitzt dazwischen. Vergleichen Sie ihn mit „About TwinCAT“ auf dem Zielsystem, bevor Sie fortfahren.',
  changedBanner:
    '<0>{{name}} ({{netId}}, {{address}}):</0> Fingerabdruck geändert seit {{date}}: Das Zielsystem wurde neu installiert, oder jemand sitzt dazwischen. Prüfen Sie ihn mit „About TwinCAT“ auf dem Zielsystem, bevor Sie eine Route hinzufügen.',
  changedTitle: 'Fingerabdruck geändert seit {{date}}: Das Zielsystem wurde neu installiert, oder jemand sitzt dazwischen.',
  changedChip: 'geändert seit {{date}}',
  verifiedChip: 'geprüft',
  verifiedTitle: 'Das Zertifikat der am {{date}} geprüften Route',
  unverifiedChip: 'ungeprüft',
  unverifiedTitle: 'aus der Suche: nicht authentifiziert, im TLS-Handshake prüfen',
  known: 'Bekannt: dasselbe Zertifikat wie bei der am {{date}} geprüften Route',
  tickOne: 'Ich habe diesen Fingerabdruck auf anderem Weg geprüft',
  tickOf: 'Ich habe den Fingerabdruck von {{name}} auf anderem Weg geprüft',
  batchHeading: 'Fingerabdrücke (aus dem TLS-Handshake): für jedes Zielsystem vergleichen oder bestätigen',
  blocked: {
    nothingLeft: 'Kein Zielsystem mehr zum Hinzufügen',
    unreadable: '{{names}} kann nicht hinzugefügt werden: Das Zertifikat konnte nicht gelesen werden',
    compareOne: 'Vergleichen Sie zuerst den Fingerabdruck',
    compareMany: 'Vergleichen oder bestätigen Sie den Fingerabdruck von {{names}}',
  },
  plain: {
    heading: 'Zielsysteme ohne Secure ADS',
    leftOut: '<0>{{name}}</0> ({{address}}) bietet kein Secure ADS und wird in diesem Durchgang ausgelassen.',
    leftOutNoLogin:
      '<0>{{name}}</0> ({{address}}) bietet kein Secure ADS und wird ausgelassen: Eine unverschlüsselte Route braucht eine Betriebssystem-Anmeldung; fügen Sie sie in einem eigenen Durchgang hinzu.',
    included:
      '<0>{{name}}</0> ({{address}}) erhält eine unverschlüsselte ADS-Route: Benutzername und Passwort werden unverschlüsselt übertragen.',
    useButton: 'Mit unverschlüsseltem ADS hinzufügen…',
    leaveOut: 'Auslassen',
    confirmTitle: 'Anmeldung unverschlüsselt an {{name}} senden?',
    confirmText:
      '{{name}} ({{address}}) bietet kein Secure ADS. Die Route würde mit unverschlüsseltem ADS hinzugefügt, und Benutzername und Passwort gehen unverschlüsselt über das Netzwerk: Jeder auf dem Weg kann sie lesen. Die anderen Zielsysteme behalten Secure ADS.',
    confirmButton: 'Unverschlüsseltes ADS für {{name}} verwenden',
    cancel: 'Abbrechen',
    settingsNote_one:
      '{{names}} bietet kein Secure ADS: wird ausgelassen, außer Sie bestätigen im nächsten Schritt eine unverschlüsselte ADS-Route dafür. Die anderen behalten Secure ADS.',
    settingsNote_other:
      '{{names}} bieten kein Secure ADS: werden ausgelassen, außer Sie bestätigen im nächsten Schritt eine unverschlüsselte ADS-Route dafür. Die anderen behalten Secure ADS.',
  },
} satisfies Catalog<typeof en>;
