import { adsErrorText } from '../../../shared/protocol/ads-errors';
import { TypedError } from '../../../shared/typed-error';

export type SystemServiceErrorCode =
  /** ADS 0x70C: no such route, file or entry. */
  | 'ads-not-found'
  /** ADS 0x701 / 0x702: this target does not offer the call (older TwinCAT, other folder kind). */
  | 'ads-not-supported'
  /** AMS 0x6 / 0x7 or a closed connection on first request: the target has no route back to this PC. */
  | 'no-route-back'
  /** ADS 0x716: the target has no free file handle. */
  | 'ads-no-handles'
  /** Any other ADS result. */
  | 'ads-error'
  | 'timeout'
  | 'connection-lost'
  /** The reply does not have the layout of its command. */
  | 'bad-reply'
  /** A file larger than this client reads in one go. */
  | 'too-large'
  | 'invalid-input';

/**
 * An ADS-level failure of a system-service call. `adsCode` is the ADS result or AMS error code when the target
 * sent one; `fix` says what the user can do. Messages never contain file contents or secrets.
 */
export class SystemServiceError extends TypedError {
  declare readonly code: SystemServiceErrorCode;

  constructor(
    code: SystemServiceErrorCode,
    message: string,
    readonly adsCode: number | null = null,
    readonly fix: string | null = null,
  ) {
    super(code, message);
    this.name = 'SystemServiceError';
  }
}

/** The typed error for an ADS result (or AMS header error) of `what`. */
export function adsResultError(what: string, adsCode: number): SystemServiceError {
  const text = `${what} answered ${adsErrorText(adsCode)}`;
  switch (adsCode) {
    case 0x70c:
      return new SystemServiceError('ads-not-found', text, adsCode, null);
    case 0x701:
    case 0x702:
      return new SystemServiceError(
        'ads-not-supported',
        text,
        adsCode,
        'this TwinCAT system does not offer this call over ADS (older version, or not allowed there)',
      );
    case 0x6:
    case 0x7:
      return new SystemServiceError(
        'no-route-back',
        text,
        adsCode,
        "the target has no route back to this PC: add a route on the target for this PC's NetId and address",
      );
    case 0x716:
      return new SystemServiceError(
        'ads-no-handles',
        text,
        adsCode,
        'the target has no free file handle: wait a moment and retry, or restart TwinCAT on the target',
      );
    case 0x745:
    case 0x719:
      return new SystemServiceError('timeout', text, adsCode, 'the target did not answer in time: retry');
    default:
      return new SystemServiceError('ads-error', text, adsCode, null);
  }
}

export function isSystemServiceError(error: unknown): error is SystemServiceError {
  return error instanceof SystemServiceError;
}
