import { CRITICAL_DAYS, WARN_DAYS } from '../../../shared/ipc/channels/certificates';

const DAY_MS = 86_400_000;

export type ExpiryLevel = 'ok' | 'warning' | 'critical' | 'expired' | 'not-yet-valid';

export interface Expiry {
  /** Whole days left, rounded up (a certificate ending in 4.2 days has "5 days left"); negative: days since it ended. */
  daysLeft: number;
  level: ExpiryLevel;
}

export function expiryOf(notBefore: string, notAfter: string, now: Date): Expiry {
  const left = Date.parse(notAfter) - now.getTime();
  if (left <= 0) return { daysLeft: -Math.floor(-left / DAY_MS), level: 'expired' };
  const daysLeft = Math.ceil(left / DAY_MS);
  if (Date.parse(notBefore) > now.getTime()) return { daysLeft, level: 'not-yet-valid' };
  const level = daysLeft <= CRITICAL_DAYS ? 'critical' : daysLeft <= WARN_DAYS ? 'warning' : 'ok';
  return { daysLeft, level };
}

/** Levels that count for the navigation badge. */
export function needsAttention(level: ExpiryLevel | 'unreadable'): boolean {
  return level !== 'ok';
}
