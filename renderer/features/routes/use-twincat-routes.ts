import type { TwinCatRoutes } from '../../../shared/ipc/channels/twincat-routes';
import { useLiveQuery } from '../../api/use-live-query';

/** The routes in this PC's own TwinCAT StaticRoutes.xml: loaded once, then replaced when Add Route writes to it. */
export function useTwinCatRoutes(): { data: TwinCatRoutes | undefined; error: string | undefined } {
  const query = useLiveQuery('twincat-routes:list', {}, 'twincat-routes:changed', (event) => event);
  return { data: query.data, error: query.error?.message };
}
