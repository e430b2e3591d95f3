export const bigRange = {
  title: '{{addresses}} Adressen durchsuchen?',
  body: 'Diese Bereichssuche fragt {{addresses}} Adressen einzeln ab. Wenn die meisten nicht antworten, dauert das bis zu {{duration}}. Sie können die Suche jederzeit abbrechen.',
  cancel: 'Zurück',
  confirm: '{{addresses}} Adressen durchsuchen',
  eta: 'noch etwa {{duration}}',
  checking: 'Bereich wird geprüft…',
} as const;
