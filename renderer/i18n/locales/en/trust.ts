// Trust decisions for self-signed targets: one decision per target, targets without Secure ADS, known fingerprints.
export const trust = {
  changedLogin:
    '<0>{{name}}:</0> Fingerprint changed since {{date}}: the target was reinstalled, or someone is in between. Compare it with "About TwinCAT" on the target before you continue.',
  changedBanner:
    '<0>{{name}} ({{netId}}, {{address}}):</0> Fingerprint changed since {{date}}: the target was reinstalled, or someone is in between. Check it with "About TwinCAT" on the target before you add a route.',
  changedTitle: 'Fingerprint changed since {{date}}: the target was reinstalled, or someone is in between.',
  changedChip: 'changed since {{date}}',
  verifiedChip: 'verified',
  verifiedTitle: 'The certificate of the route verified {{date}}',
  unverifiedChip: 'unverified',
  unverifiedTitle: 'from discovery: unauthenticated, check it in the TLS handshake',
  known: 'Known: the same certificate as on the route verified {{date}}',
  tickOne: 'I verified this fingerprint another way',
  tickOf: 'I verified the fingerprint of {{name}} another way',
  batchHeading: 'Fingerprints (from the TLS handshake): compare or confirm each target',
  blocked: {
    nothingLeft: 'No target left to add',
    unreadable: 'Cannot add {{names}}: the certificate could not be read',
    compareOne: 'Compare the fingerprint first',
    compareMany: 'Compare or confirm the fingerprint of {{names}}',
  },
  plain: {
    heading: 'Targets without Secure ADS',
    leftOut: '<0>{{name}}</0> ({{address}}) does not offer Secure ADS and is left out of this batch.',
    leftOutNoLogin:
      '<0>{{name}}</0> ({{address}}) does not offer Secure ADS and is left out: a plain route needs an OS login; add it in a batch of its own.',
    included: '<0>{{name}}</0> ({{address}}) gets a plain ADS route: the user name and password travel unencrypted.',
    useButton: 'Add with plain ADS…',
    leaveOut: 'Leave out',
    confirmTitle: 'Send the login to {{name}} unencrypted?',
    confirmText:
      '{{name}} ({{address}}) does not offer Secure ADS. Its route would be added with plain ADS, and the user name and password travel unencrypted over the network: anyone on the way can read them. The other targets keep Secure ADS.',
    confirmButton: 'Use plain ADS for {{name}}',
    cancel: 'Cancel',
    settingsNote_one:
      '{{names}} does not offer Secure ADS: left out, unless you confirm a plain ADS route for it in the next step. The others keep Secure ADS.',
    settingsNote_other:
      '{{names}} do not offer Secure ADS: left out, unless you confirm a plain ADS route for them in the next step. The others keep Secure ADS.',
  },
} as const;
