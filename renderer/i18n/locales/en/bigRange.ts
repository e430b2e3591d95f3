export const bigRange = {
  title: 'Search {{addresses}} addresses?',
  body: 'This range search asks {{addresses}} addresses one by one. If most of them are silent it takes up to {{duration}}. You can cancel it while it runs.',
  cancel: 'Back',
  confirm: 'Search {{addresses}} addresses',
  eta: 'about {{duration}} left',
  checking: 'Checking the range…',
} as const;
