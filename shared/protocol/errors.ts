import { TypedError } from '../typed-error';

/** Every way a datagram, frame or text can be rejected; callers switch on these, users read the message. */
export type ProtocolErrorCode =
  | 'too-short'
  | 'bad-magic'
  | 'bad-service'
  | 'tag-overrun'
  | 'tag-count-mismatch'
  | 'bad-tag-length'
  | 'missing-tag'
  | 'bad-netid'
  | 'bad-hex'
  | 'bad-string'
  | 'unencodable-text'
  | 'too-long'
  | 'bad-field'
  | 'bad-version'
  | 'bad-frame'
  | 'truncated';

/**
 * A malformed input. Extends TypedError so the IPC dispatcher forwards code and message as they are;
 * messages therefore never quote secret values, only positions and sizes.
 */
export class ProtocolError extends TypedError {
  declare readonly code: ProtocolErrorCode;

  constructor(code: ProtocolErrorCode, message: string) {
    super(code, message);
    this.name = 'ProtocolError';
  }
}

export function isProtocolError(error: unknown): error is ProtocolError {
  return error instanceof ProtocolError;
}
