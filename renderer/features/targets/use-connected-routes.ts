import { useMemo, useState } from 'react';
import type { LocalRoute } from '../../../shared/domain/route';
import { useEvent } from '../../api/use-event';
import { useRequest } from '../../api/use-request';

/**
 * The local routes by target NetId, for the Connected column: loaded once, then kept current by `routes:changed`.
 * A services build without the routes feature simply shows no route (the column stays empty, as in XAE).
 */
export function useLocalRoutesByNetId(): ReadonlyMap<string, LocalRoute> {
  const { data } = useRequest('routes:list', {});
  const [pushed, setPushed] = useState<LocalRoute[] | undefined>(undefined);
  useEvent('routes:changed', (event) => setPushed(event.routes));
  const routes = pushed ?? data;
  return useMemo(() => new Map((routes ?? []).map((route) => [route.netId, route])), [routes]);
}
