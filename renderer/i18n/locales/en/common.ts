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
} as const;
