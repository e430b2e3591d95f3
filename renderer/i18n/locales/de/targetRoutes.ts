import type { Catalog } from '../../catalog';
import type { targetRoutes as en } from '../en/targetRoutes';

export const targetRoutes = {
  title: 'Routen auf {{target}}',
  openFromTargets: 'Routen auf dem Zielsystem',
  openFromRoutes: 'Routen auf dem Zielsystem {{route}}',
  intro:
    'Die Routen, die {{target}} ({{netId}}) hat, über ADS von seinem Systemdienst gelesen. Eine dort entfernte Route lässt sich von hier nicht wiederherstellen.',
  security: 'Verbinden mit',
  securityOption: {
    none: 'ADS ohne Verschlüsselung',
    ssc: 'Selbstsigniertes Zertifikat',
    psk: 'Pre-Shared Key (PSK)',
    ca: 'Gemeinsame CA',
  },
  pskIdentity: 'PSK-Identität',
  pskPassword: 'PSK-Passwort',
  keyPassword: 'Schlüsselpasswort (falls der Schlüssel verschlüsselt ist)',
  connect: 'Routen lesen',
  refresh: 'Erneut lesen',
  loading: 'Routen werden gelesen…',
  close: 'Schließen',
  columns: { name: 'Name', netId: 'AmsNetId', address: 'Adresse', actions: 'Aktionen' },
  thisPc: 'dieser PC',
  thisPcHint: 'Dieser Eintrag führt zurück zu diesem PC',
  count_one: '{{count}} Route',
  count_other: '{{count}} Routen',
  empty: 'Das Zielsystem hat keine Routen.',
  state: 'TwinCAT-Zustand: {{state}}',
  configMode: '{{target}} ist im Config-Modus: die SPS läuft nicht. Routen lassen sich trotzdem lesen und entfernen.',
  oddRecord: 'Ungewöhnlicher Eintrag, unbekannte Bytes: {{raw}}',
  incomplete: 'Die Liste ist womöglich unvollständig.',
  remove: 'Entfernen',
  removeLabel: 'Route {{name}} auf dem Zielsystem entfernen',
  confirmTitle: 'Route {{name}} auf {{target}} entfernen?',
  confirmText:
    '{{target}} vergisst die Route „{{name}}“ ({{netId}}, {{address}}). Wer sie nutzt, verliert den ADS-Zugang zu {{target}}, bis wieder eine Route angelegt wird.',
  confirmOwn:
    'Das ist die Route zurück zu DIESEM PC. Wird sie entfernt, verliert dieser PC selbst den Zugang zu {{target}}: seine Routen lassen sich erst wieder lesen, nachdem eine Route angelegt wurde.',
  confirmRemove: 'Auf dem Zielsystem entfernen',
  cancel: 'Abbrechen',
  removed: 'Route „{{name}}“ auf {{target}} entfernt (bestätigt durch erneutes Lesen der Liste).',
  removedOwn: 'Route „{{name}}“ auf {{target}} entfernt. Es war die Route dieses PCs: {{target}} antwortet diesem PC nicht mehr.',
  stillThere: 'Route „{{name}}“ steht nach dem Entfernen weiterhin auf {{target}}.',
  error: {
    noRouteBack:
      '{{target}} hat keine Route zurück zu diesem PC und antwortet deshalb nicht. Legen Sie eine Route an (Zielsysteme → Route hinzufügen) und versuchen Sie es erneut.',
    fingerprint:
      'Für {{target}} ist kein Fingerabdruck bekannt. Legen Sie die Route zuerst mit dieser App an (sie merkt sich den Fingerabdruck) oder verbinden Sie sich anders.',
    generic: 'Die Routen von {{target}} konnten nicht gelesen werden: {{message}}',
    remove: '„{{name}}“ konnte nicht entfernt werden: {{message}}',
    read: 'Die Routen von {{target}} konnten nicht gelesen werden.',
    removeFailed: '„{{name}}“ konnte nicht entfernt werden.',
  },
  test: {
    action: 'Testen',
    label: 'Route {{route}} testen',
    running: '{{route}} wird getestet…',
    ok: '{{route}} funktioniert: {{device}} {{version}}, Zustand {{state}}.',
    failed: '{{route}} funktioniert gerade nicht: {{message}}',
  },
  localRemove: {
    alsoOnTarget: 'Auch den Eintrag dieses PCs auf dem Zielsystem entfernen',
    alsoOnTargetHint:
      'Liest die Routen des Zielsystems und entfernt die, die zu diesem PC zurückführt (ihre NetId ist unsere). Nutzt dafür die Route, bevor sie hier entfernt wird.',
    notOnTarget: 'Das Zielsystem hat keine Route für diesen PC; nur die lokale Route wurde entfernt.',
  },
} as const satisfies Catalog<typeof en>;
