import { TlsError } from './tls/tls-error';
import { RouteFailure } from '../route-failure';

export interface TlsFailureContext {
  mode: 'ssc' | 'psk' | 'ca';
  host: string;
  port: number;
}

const PSK_MESSAGE = 'PSK identity unknown on the target or wrong key';
const PSK_FIX =
  "on the target itself, add the identity and key to the Secure ADS server section of the target's StaticRoutes.xml (then Config and back to Run), or check the password / key here (the TLS alert does not tell an unknown identity from a wrong key)";

/** Maps whatever the TLS client threw to a RouteFailure; trust failures from verifyServer pass through unchanged. */
export function tlsFailure(error: unknown, context: TlsFailureContext): RouteFailure {
  if (error instanceof RouteFailure) return error;
  if (!(error instanceof TlsError)) {
    return new RouteFailure(
      'tls-failed',
      `TLS to ${context.host}:${context.port} failed: ${error instanceof Error ? error.message : String(error)}`,
      null,
    );
  }
  switch (error.code) {
    case 'connection-refused':
      return new RouteFailure('refused', `TCP ${context.port} refused by ${context.host}`, refusedFix(context.port));
    case 'unreachable':
      return new RouteFailure('unreachable', `${context.host} is unreachable`, 'check the cable, the adapter and the address');
    case 'timeout':
      return new RouteFailure(
        'timeout',
        `TLS handshake with ${context.host}:${context.port} timed out`,
        'the target is slow or a firewall interferes: retry, then check the target',
      );
    default:
      break;
  }
  // The server can only answer a bad PSK with an alert or by hanging up; both look the same as an unknown identity.
  if (
    context.mode === 'psk' &&
    (error.code === 'alert-received' ||
      error.code === 'connection-closed' ||
      error.code === 'bad-record-mac' ||
      error.code === 'handshake-failure')
  ) {
    return new RouteFailure('psk-unknown', PSK_MESSAGE, PSK_FIX);
  }
  if (error.code === 'alert-received' && /certificate|unknown_ca|access_denied/.test(error.alert ?? '')) {
    return new RouteFailure(
      'cert-untrusted',
      `the target rejected this PC's certificate (TLS alert ${error.alert})`,
      context.mode === 'ca'
        ? "issue this PC's certificate with the CA the target trusts"
        : "the target does not know this PC's certificate: add the route again with user name and password",
    );
  }
  return new RouteFailure(
    'tls-failed',
    `TLS handshake with ${context.host}:${context.port} failed: ${error.message}`,
    error.code === 'protocol-version'
      ? `TCP ${context.port} on the target speaks another TLS version than Secure ADS (TLS 1.2): check that this port is TwinCAT's Secure ADS and not another service`
      : 'the target may offer no cipher suite this client speaks (TwinCAT uses DHE-RSA-AES-CBC and PSK-AES-CBC): check the TwinCAT version',
  );
}

export function refusedFix(port: number): string {
  return port === 8016
    ? 'TCP 8016 refused: Secure ADS disabled or blocked by a firewall on the target'
    : `TCP ${port} refused: Secure ADS disabled or blocked by a firewall on the target`;
}
