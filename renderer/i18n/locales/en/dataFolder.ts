export const dataFolder = {
  heading: 'Data folder',
  description: 'Where this PC’s routes, its Secure ADS client certificate and everything else ADS Route Studio keeps are stored.',
  path: 'Data folder',
  copy: 'Copy data folder path',
  copied: 'Copied',
  kind: {
    default:
      'The usual folder for your user. The desktop app, the browser host (npm run web) and the adsroute command line all use it, so they share one client certificate and one route list.',
    environment: 'Chosen by the environment variable ADS_ROUTE_STUDIO_DATA. The command line uses it too when the variable is set for it.',
    demo: 'A temporary folder of the demo: its own client certificate and routes to the virtual targets. It is removed when the demo stops; your real routes are not touched.',
  },
  contents: 'What is in it',
  files: {
    routes: 'routes.json: this PC’s routes',
    identity: 'client-certificate.pem and client-key.pem: this PC’s Secure ADS client certificate',
    settings: 'settings.json: local AMS NetId, host name and other settings',
    knownFingerprints: 'known-fingerprints.json: the fingerprints of targets with a self-signed route',
    certificates: 'certificates/: the plant CA and the device certificates issued with it',
    logs: 'logs/: the log, kept across restarts',
  },
} as const;
