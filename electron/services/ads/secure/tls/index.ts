/** Public API of the TLS 1.2 client engine for Secure ADS (see spec secure-ads-wire §2). */
export { connectTls, type TlsClientOptions, type TlsClientConnection } from './client';
export { TlsError, type TlsErrorCode } from './tls-error';
export { derivePsk } from './psk';
