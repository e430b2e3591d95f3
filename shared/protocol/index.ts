/** Everything the protocol layer exports, for callers that prefer one import. */
export * from './errors';
export * from './bytes';
export * from './netid';
export * from './fingerprint';
export * from './os-version';
export * from './twincat-version';
export * from './udp48899';
export * from './ams';
export * from './windows1252';
export * from './tls-connect-info';
export * from './pcapng';
