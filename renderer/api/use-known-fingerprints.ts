import { useState } from 'react';
import type { KnownFingerprint } from '../../shared/domain/known-fingerprint';
import { useEvent } from './use-event';
import { useRequest } from './use-request';

/**
 * The fingerprints remembered after verified self-signed routes, kept current by known-fingerprints:changed. The
 * Targets view holds them and hands them to its Add Route dialog, so opening the dialog asks for nothing again.
 * Empty while loading or when the services have none.
 */
export function useKnownFingerprints(): readonly KnownFingerprint[] {
  const { data } = useRequest('known-fingerprints:list', {});
  const [pushed, setPushed] = useState<{ entries: KnownFingerprint[]; after: KnownFingerprint[] | undefined } | undefined>(undefined);
  useEvent('known-fingerprints:changed', (event) => setPushed({ entries: event.entries, after: data }));
  // A pushed list is newer than the answer it arrived after; a later answer (a reload) is newer than it.
  if (pushed && pushed.after === data) return pushed.entries;
  return data ?? [];
}
