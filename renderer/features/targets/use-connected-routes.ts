import { useMemo } from 'react';
import type { LocalRoute } from '../../../shared/domain/route';
import { useLiveQuery } from '../../api/use-live-query';

/**
 * The local routes by target NetId, for the Connected column: loaded once, then kept current by `routes:changed`.
 * A services build without the routes feature simply shows no route (the column stays empty, as in XAE).
 */
export function useLocalRoutesByNetId(): ReadonlyMap<string, LocalRoute> {
  const { data: routes } = useLiveQuery('routes:list', {}, 'routes:changed', (event) => event.routes);
  return useMemo(() => new Map((routes ?? []).map((route) => [route.netId, route])), [routes]);
}
