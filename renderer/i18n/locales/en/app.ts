/** The frame around every page: navigation, the connection banner, the window title, help. */
export const app = {
  nav: {
    label: 'Main',
    targets: 'Targets',
    routes: 'Routes',
    server: 'Secure ADS server',
    certificates: 'Certificates',
    log: 'Log',
    settings: 'Settings',
  },
  windowTitle: '{{page}} – ADS Route Studio',
  connection: {
    title: 'Cannot reach the ADS Route Studio services',
  },
} as const;
