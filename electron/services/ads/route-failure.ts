import type { RouteError, RouteErrorCode } from '../../../shared/domain/route';
import { TypedError } from '../../../shared/typed-error';

/**
 * A route step failed for a reason the user can act on. `message` says what happened, `fix` what to do; neither ever
 * quotes a password, PSK or key.
 */
export class RouteFailure extends TypedError {
  declare readonly code: RouteErrorCode;

  constructor(
    code: RouteErrorCode,
    message: string,
    readonly fix: string | null = null,
  ) {
    super(code, message);
    this.name = 'RouteFailure';
  }

  toRouteError(): RouteError {
    return { code: this.code, message: this.message, fix: this.fix };
  }
}

export function isRouteFailure(error: unknown): error is RouteFailure {
  return error instanceof RouteFailure;
}
