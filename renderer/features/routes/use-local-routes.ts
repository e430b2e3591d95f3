import { useState } from 'react';
import type { LocalRoute } from '../../../shared/domain/route';
import { useEvent } from '../../api/use-event';
import { useRequest } from '../../api/use-request';

/** This PC's routes: loaded once, then replaced by every `routes:changed` the services push. */
export function useLocalRoutes(): { routes: LocalRoute[] | undefined; loading: boolean; error: string | undefined; reload(): void } {
  const request = useRequest('routes:list', {});
  const [pushed, setPushed] = useState<{ routes: LocalRoute[]; after: LocalRoute[] | undefined } | undefined>(undefined);
  useEvent('routes:changed', (event) => setPushed({ routes: event.routes, after: request.data }));
  // A reload answered after the last push is newer than it; a push after the last answer wins.
  const routes = pushed && pushed.after === request.data ? pushed.routes : request.data;
  return { routes, loading: request.loading && !routes, error: request.error?.message, reload: request.reload };
}
