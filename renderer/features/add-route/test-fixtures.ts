import type { DiscoveredTarget } from '../../../shared/domain/target';
import type { EventOf } from '../../../shared/ipc/contract';
import { discoveredTarget } from '../../test-utils/targets';

/** The certificate the dialog's sample targets present (tests read its grouped form on screen). */
export const FINGERPRINT = '3fa2c0de9b1e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c';
export const OTHER_FINGERPRINT = 'ffa2c0de9b1e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c';

export function discovered(hostname: string, address: string, overrides: Partial<DiscoveredTarget> = {}): DiscoveredTarget {
  return discoveredTarget({ hostname, address, fingerprint: FINGERPRINT, ...overrides });
}

export function step(
  batchId: string,
  target: string,
  stepName: EventOf<'routes:step'>['step'],
  status: EventOf<'routes:step'>['status'],
  extra: Partial<EventOf<'routes:step'>> = {},
): EventOf<'routes:step'> {
  return { batchId, target, step: stepName, status, ms: status === 'ok' ? 12 : null, detail: null, error: null, ...extra };
}
