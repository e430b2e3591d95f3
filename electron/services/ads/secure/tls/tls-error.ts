/** Everything that can go wrong in the TLS client, as a code the UI can branch on. */
export type TlsErrorCode =
  | 'handshake-failure'
  | 'alert-received'
  | 'bad-record-mac'
  | 'protocol-version'
  | 'unsupported-suite'
  | 'decode-error'
  | 'unexpected-message'
  | 'record-overflow'
  | 'dh-params'
  | 'certificate-rejected'
  | 'bad-signature'
  | 'timeout'
  | 'connection-closed'
  | 'connection-refused'
  | 'unreachable'
  | 'internal';

/** RFC 5246 §7.2 alert descriptions (plus RFC 4279 unknown_psk_identity), by wire value. */
export const ALERT_NAMES: Readonly<Record<number, string>> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  21: 'decryption_failed',
  22: 'record_overflow',
  30: 'decompression_failure',
  40: 'handshake_failure',
  41: 'no_certificate',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  115: 'unknown_psk_identity',
};

export type AlertName =
  | 'close_notify'
  | 'unexpected_message'
  | 'bad_record_mac'
  | 'record_overflow'
  | 'handshake_failure'
  | 'bad_certificate'
  | 'illegal_parameter'
  | 'decode_error'
  | 'decrypt_error'
  | 'protocol_version'
  | 'insufficient_security'
  | 'internal_error'
  | 'no_renegotiation'
  | 'unsupported_extension';

export const ALERT_CODES: Readonly<Record<AlertName, number>> = {
  close_notify: 0,
  unexpected_message: 10,
  bad_record_mac: 20,
  record_overflow: 22,
  handshake_failure: 40,
  bad_certificate: 42,
  illegal_parameter: 47,
  decode_error: 50,
  decrypt_error: 51,
  protocol_version: 70,
  insufficient_security: 71,
  internal_error: 80,
  no_renegotiation: 100,
  unsupported_extension: 110,
};

export function alertName(code: number): string {
  return ALERT_NAMES[code] ?? `alert_${code}`;
}

/**
 * A TLS failure whose message is safe to show: it never carries key material, PSKs or passwords.
 * `alert` is the alert name received from the server (code 'alert-received') or the one we sent.
 */
export class TlsError extends Error {
  override name = 'TlsError';
  constructor(
    readonly code: TlsErrorCode,
    message: string,
    readonly alert?: string,
  ) {
    super(message);
  }
}

/**
 * A protocol violation by the peer: `sendAlert` is the fatal alert we owe the peer before closing.
 * Parsers throw it; the connection turns it into a sent alert plus a TlsError for the caller.
 */
export class TlsFatal extends TlsError {
  constructor(
    code: TlsErrorCode,
    message: string,
    readonly sendAlert: AlertName,
  ) {
    super(code, message, sendAlert);
  }
}

export function decodeError(what: string): TlsFatal {
  return new TlsFatal('decode-error', `malformed ${what} from server`, 'decode_error');
}

/** The caller's verifyServer threw: its error is what the connection rejects with, after a bad_certificate alert. */
export class ServerRejected extends Error {
  constructor(readonly reason: unknown) {
    super('the server was rejected by the caller');
    this.name = 'ServerRejected';
  }
}
