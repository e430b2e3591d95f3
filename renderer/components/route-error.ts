import type { RouteError, RouteErrorCode } from '../../shared/domain/route';
import { useTranslation } from '../i18n';

export interface ShownRouteError {
  /** The cause in the user's language, from the error code. */
  cause: string;
  /** What to do, in the user's language. */
  fix: string;
  /** The service's own English text, kept for the details and for support. */
  details: string;
}

/**
 * Failures that the same input cannot fix: retrying with the same login only fails again, so the dialog offers to
 * change the login instead.
 */
const NEEDS_NEW_LOGIN: ReadonlySet<RouteErrorCode> = new Set([
  'auth-failed',
  'psk-unknown',
  'cn-mismatch',
  'fingerprint-mismatch',
  'fingerprint-unverified',
  'invalid-input',
]);

/**
 * Failures whose fix lies on the target's Secure ADS server section, which the Secure ADS server page edits over an
 * existing route: the error points there as well as to the target itself.
 */
const SERVER_SECTION_FIXES: ReadonlySet<RouteErrorCode> = new Set(['psk-unknown']);

export function pointsToServerPage(error: RouteError): boolean {
  return SERVER_SECTION_FIXES.has(error.code);
}

export function needsNewLogin(error: RouteError | null | undefined): boolean {
  return error != null && NEEDS_NEW_LOGIN.has(error.code);
}

/** Translates a service error by its code; the raw text goes to the details. */
export function useRouteErrorText(): (error: RouteError) => ShownRouteError {
  const { t } = useTranslation('errors');
  return (error) => ({
    cause: t(`route.${error.code}.cause`),
    fix: t(`route.${error.code}.fix`),
    details: error.fix ? `${error.message} (${error.fix})` : error.message,
  });
}
