/** Public API of the TLS 1.2 client engine that speaks Secure ADS. */
export { connectTls } from './connect';
export { directReadSocket } from './socket-input';
export type { TlsClientOptions, TlsClientConnection } from './config';
export { TlsError, type TlsErrorCode } from './tls-error';
export { derivePsk } from './psk';
