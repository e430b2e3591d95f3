import type { IpcError } from '../../../shared/ipc/result';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ServerApplyResult } from '../../../shared/ipc/channels/server-config';
import { useApi } from '../../api/ApiProvider';
import { useLiveQuery } from '../../api/use-live-query';
import type { TypedSecrets } from '../../components/route-connection';
import { LOCAL_KEY, placesOf, type Place, type PlaceRead } from './places';

export interface ServerPlaces {
  places: Place[];
  /** The routes have been listed: `places` holds every system the page will show. */
  loaded: boolean;
  reads: Record<string, PlaceRead>;
  routesError: IpcError | undefined;
  /** Reads the given places (default: all that can be reached) again. */
  read(keys?: string[]): Promise<void>;
  setSecrets(key: string, secrets: TypedSecrets): void;
  setLocalFolder(folder: string | null): Promise<IpcError | null>;
  /** Takes the file as an apply left it, so the next change starts from what was written. */
  applied(key: string, result: ServerApplyResult): void;
  setAdsState(key: string, state: number | null): void;
}

/** This PC plus every target it has a route to, each with what its StaticRoutes.xml says. */
export function useServerPlaces(): ServerPlaces {
  const api = useApi();
  const routes = useLiveQuery('routes:list', {}, 'routes:changed', (event) => event.routes);
  const [secrets, setSecretMap] = useState<ReadonlyMap<string, TypedSecrets>>(new Map());
  const places = useMemo(() => placesOf(routes.data ?? [], secrets), [routes.data, secrets]);
  const [reads, setReads] = useState<Record<string, PlaceRead>>({});
  // What each place was last read with: a place is read again when the way to reach it changes.
  const readWith = useRef(new Map<string, string>());

  const readPlaces = useCallback(
    async (targets: Place[]) => {
      const reachable = targets.filter((place) => place.server !== null);
      if (reachable.length === 0) return;
      for (const place of reachable) readWith.current.set(place.key, JSON.stringify(place.server));
      setReads((old) => {
        const next = { ...old };
        for (const place of reachable) next[place.key] = { reading: true, result: old[place.key]?.result ?? null };
        return next;
      });
      const answer = await api.invoke('server-config:read', { places: reachable.map((place) => place.server!) });
      setReads((old) => {
        const next = { ...old };
        reachable.forEach((place, index) => {
          const result = answer.ok
            ? answer.data[index]!
            : {
                place: place.name ?? LOCAL_KEY,
                ok: false,
                folder: null,
                tried: [],
                exists: false,
                revision: null,
                model: null,
                switches: null,
                adsState: null,
                error: { code: answer.error.code, message: answer.error.message, diff: null },
              };
          next[place.key] = { reading: false, result };
        });
        return next;
      });
    },
    [api],
  );

  useEffect(() => {
    if (routes.data === undefined) return;
    const stale = places.filter((place) => place.server && readWith.current.get(place.key) !== JSON.stringify(place.server));
    if (stale.length > 0) void readPlaces(stale);
  }, [places, readPlaces, routes.data]);

  const read = useCallback(
    (keys?: string[]) => readPlaces(keys ? places.filter((place) => keys.includes(place.key)) : places),
    [places, readPlaces],
  );

  const setSecrets = useCallback((key: string, typed: TypedSecrets) => {
    setSecretMap((old) => new Map(old).set(key, typed));
  }, []);

  const setLocalFolder = useCallback(
    async (folder: string | null) => {
      const answer = await api.invoke('server-config:set-local-folder', { folder });
      if (!answer.ok) return answer.error;
      await readPlaces(places.filter((place) => place.key === LOCAL_KEY));
      return null;
    },
    [api, places, readPlaces],
  );

  const applied = useCallback((key: string, result: ServerApplyResult) => {
    if (!result.ok || !result.model) return;
    setReads((old) => {
      const before = old[key]?.result;
      if (!before) return old;
      return { ...old, [key]: { reading: false, result: { ...before, exists: true, revision: result.revision, model: result.model } } };
    });
  }, []);

  const setAdsState = useCallback((key: string, adsState: number | null) => {
    setReads((old) => {
      const before = old[key]?.result;
      return before ? { ...old, [key]: { ...old[key]!, result: { ...before, adsState } } } : old;
    });
  }, []);

  return {
    places,
    // A list that failed to load is known too: nothing is listed.
    loaded: routes.data !== undefined || routes.error !== undefined,
    reads,
    routesError: routes.error,
    read,
    setSecrets,
    setLocalFolder,
    applied,
    setAdsState,
  };
}
