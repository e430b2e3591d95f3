import { connectTls } from './tls/index';
import type { TlsConnector } from './secure-transport';

/**
 * The product's TLS client: our own engine, because Electron's BoringSSL lacks the DHE and EMS-free PSK suites
 * TwinCAT needs. Node's `tls` is only the benchmark baseline (node-tls-transport.ts).
 */
export const engineConnector: TlsConnector = (options) => connectTls(options);
