/** Words many features use; a feature's own text goes in its own namespace. */
export const common = {
  appName: 'ADS Route Studio',
  cancel: 'Cancel',
  close: 'Close',
  retry: 'Retry',
  retrying: 'Retrying…',
  refresh: 'Refresh',
  loading: 'Loading…',
  save: 'Save',
  yes: 'Yes',
  no: 'No',
  none: 'none',
  unknown: 'unknown',
  details: 'Details',
  copy: 'Copy',
  copied: 'Copied',
  browse: 'Browse for {{label}}',
  browseButton: 'Browse…',
  secureMethod: {
    ssc: 'Self-Signed Certificate',
    psk: 'Pre-Shared Key (PSK)',
    ca: 'Shared CA',
  },
  /** A route's security in one phrase, for table cells. */
  security: {
    ssc: 'Secure ADS, self-signed',
    psk: 'Secure ADS, PSK',
    ca: 'Secure ADS, shared CA',
    none: 'Plain ADS',
  },
} as const;
