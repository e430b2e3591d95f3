import { TlsExtension, type ClientHelloSummary } from './client-hello';

/** TLS_PSK_WITH_AES_{128,256}_CBC_SHA{,256,384}: the PSK suites TwinCAT accepts. */
const PSK_SUITES = new Set([0x008c, 0x008d, 0x00ae, 0x00af]);
/** TLS_DHE_RSA_WITH_AES_{128,256}_CBC_SHA{,256}: the certificate suites TwinCAT accepts. */
const CERTIFICATE_SUITES = new Set([0x0033, 0x0039, 0x0067, 0x006b]);

/**
 * TwinCAT refuses a PSK ClientHello that carries extended_master_secret or encrypt_then_mac (secure-ads-wire.md
 * §2.3). A hello is a PSK hello when the only suites it shares with the target are PSK suites. Returns why it is
 * refused, or null.
 */
export function pskHelloRefusal(hello: ClientHelloSummary): string | null {
  const psk = hello.cipherSuites.some((s) => PSK_SUITES.has(s));
  const certificate = hello.cipherSuites.some((s) => CERTIFICATE_SUITES.has(s));
  if (!psk || certificate) return null;
  const carried = [
    hello.extensions.includes(TlsExtension.ExtendedMasterSecret) ? 'extended_master_secret' : null,
    hello.extensions.includes(TlsExtension.EncryptThenMac) ? 'encrypt_then_mac' : null,
  ].filter((x): x is string => x !== null);
  return carried.length ? `PSK ClientHello carries ${carried.join(' and ')}, which TwinCAT refuses` : null;
}
