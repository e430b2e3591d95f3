/**
 * What the services' error codes mean, in the user's language. The services' own English text stays available as
 * the details, so a support request carries the original wording.
 */
export const errors = {
  details: 'Details: {{text}}',
  stepCause: '{{step}}: {{cause}}',
  fixPrefix: 'Fix: {{fix}}',
  serverPage: 'With a route to the target already in place, the Secure ADS server page can add the identity for you.',
  serverPageLink: 'Open the Secure ADS server page',
  route: {
    'fingerprint-mismatch': {
      cause: 'The target’s certificate fingerprint differs from the one you compared',
      fix: 'Do not continue unless you know why the certificate changed; compare the fingerprint in "About TwinCAT" on the target again.',
    },
    'fingerprint-unverified': {
      cause: 'There is no fingerprint to compare',
      fix: 'Paste the fingerprint shown in "About TwinCAT" on the target, or confirm you verified it another way.',
    },
    'auth-failed': {
      cause: 'Wrong user name or password',
      fix: 'Use an administrator account of the target’s operating system (Beckhoff CX default: Administrator / 1). Change the login and add again.',
    },
    'psk-unknown': {
      cause: 'The target does not know this PSK identity or key',
      fix: 'Add the identity and key on the target itself: in the Secure ADS server section of the target’s StaticRoutes.xml (TwinCAT on the target), then switch the target to Config and back to Run. Or check identity and key for typing errors here: the target does not say which of the two it did not know.',
    },
    'cn-mismatch': {
      cause: 'The certificate’s common name (CN) does not match',
      fix: 'Use a certificate with the CN the other side expects, or tick Ignore CN.',
    },
    'cert-untrusted': {
      cause: 'The certificate is not trusted',
      fix: 'Add the route again with user name and password, or register this PC’s certificate (or its CA) on the target.',
    },
    'cert-expired': {
      cause: 'The certificate is not valid now',
      fix: 'Renew the certificate, or check the clocks of this PC and the target.',
    },
    'tls-failed': {
      cause: 'The Secure ADS connection failed',
      fix: 'Check that the target runs TwinCAT 3.1.4024 or newer with Secure ADS enabled, and see the TwinCAT log on the target.',
    },
    unreachable: {
      cause: 'The target cannot be reached',
      fix: 'Check the cable, the adapter and that this PC has an address in the target network.',
    },
    refused: {
      cause: 'The target refused the connection',
      fix: 'Secure ADS (TCP 8016) or ADS (TCP 48898) is disabled on the target or blocked by a firewall.',
    },
    timeout: {
      cause: 'The target did not answer in time',
      fix: 'The target is offline, slow, or a firewall drops the connection silently: retry, then check the target.',
    },
    'resolve-failed': {
      cause: 'The host name cannot be resolved',
      fix: 'Use the IP address, or check DNS or the hosts file.',
    },
    'verify-failed': {
      cause: 'The route was created but the ADS check failed',
      fix: 'Check that the route exists on the target and uses this PC’s AMS NetId.',
    },
    'invalid-input': {
      cause: 'An entry cannot be sent',
      fix: 'Correct the entry named in the details.',
    },
    cancelled: {
      cause: 'Cancelled',
      fix: 'Start again when you are ready.',
    },
    internal: {
      cause: 'Something went wrong inside ADS Route Studio',
      fix: 'Retry; if it happens again, export the log and report it.',
    },
  },
} as const;
