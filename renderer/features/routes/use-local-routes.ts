import type { LocalRoute } from '../../../shared/domain/route';
import { useLiveQuery } from '../../api/use-live-query';

/** This PC's routes: loaded once, then replaced by every `routes:changed` the services push. */
export function useLocalRoutes(): { routes: LocalRoute[] | undefined; loading: boolean; error: string | undefined; reload(): void } {
  const query = useLiveQuery('routes:list', {}, 'routes:changed', (event) => event.routes);
  return { routes: query.data, loading: query.loading, error: query.error?.message, reload: query.reload };
}
