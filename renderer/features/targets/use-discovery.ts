import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import type { EventChannel, EventOf, RequestOf } from '../../../shared/ipc/contract';
import { targetKey } from '../../../shared/domain/target';
import { useApi } from '../../api/ApiProvider';
import { useEvent } from '../../api/use-event';
import { newRequestId } from '../../api/request-id';
import { frameBatch } from './frame-batch';

export type SearchKind = 'broadcast' | 'host' | 'range';

export interface SearchInput {
  /** What the user pressed; it decides how the timeout is applied. */
  kind: SearchKind;
  /** Adapter names or addresses to broadcast on. */
  adapters?: string[];
  /** Host names or IPv4 addresses to ask directly. */
  hosts?: string[];
  /** CIDR or a-b spans to sweep. */
  ranges?: string[];
  /** How long to wait for answers (the timeout the user picked). */
  timeoutMs: number;
}

export interface HostProblem {
  host: string;
  message: string;
}

export interface SearchSummary {
  found: number;
  durationMs: number;
  cancelled: boolean;
  hint: string | null;
}

export interface DiscoveryState {
  phase: 'idle' | 'starting' | 'searching' | 'done';
  kind: SearchKind | null;
  searchId: string | null;
  /** In order of arrival; an update replaces its row in place. */
  targets: DiscoveredTarget[];
  /** Position of each target in `targets` by targetKey: a /21 sweep answers 2,000 times, a scan per answer is O(n²). */
  indexByKey: ReadonlyMap<string, number>;
  /** What a search that the services then refuse must give back: results already found stay until one really starts. */
  previous: Pick<DiscoveryState, 'phase' | 'kind' | 'targets' | 'indexByKey' | 'summary' | 'hostErrors'> | null;
  hostErrors: HostProblem[];
  progress: { sent: number; total: number; answered: number } | null;
  /** performance.now() when the search was asked for: the ETA of a sweep is read from its pace since then. */
  startedAt: number | null;
  summary: SearchSummary | null;
  /** The services refused to start the search (bad range, unknown host syntax, dead host). */
  startError: string | null;
}

type DiscoveryEvent = { [C in Extract<EventChannel, `discovery:${string}`>]: { channel: C; event: EventOf<C> } }[Extract<
  EventChannel,
  `discovery:${string}`
>];

type Action =
  | { type: 'starting'; kind: SearchKind; searchId: string; at?: number }
  | { type: 'started' }
  | { type: 'start-failed'; message: string }
  | { type: 'event'; payload: DiscoveryEvent }
  | { type: 'results'; targets: readonly DiscoveredTarget[] }
  | { type: 'stopped-locally' };

export const initialDiscoveryState: DiscoveryState = {
  phase: 'idle',
  kind: null,
  searchId: null,
  targets: [],
  indexByKey: new Map(),
  previous: null,
  hostErrors: [],
  progress: null,
  startedAt: null,
  summary: null,
  startError: null,
};

/** Adds new systems at the end and replaces known ones in place: one copy per batch, one map lookup per target. */
function upsertAll(state: DiscoveryState, incoming: readonly DiscoveredTarget[]): DiscoveryState {
  if (incoming.length === 0) return state;
  const targets = state.targets.slice();
  const indexByKey = new Map(state.indexByKey);
  for (const target of incoming) {
    const key = targetKey(target);
    const index = indexByKey.get(key);
    if (index === undefined) {
      indexByKey.set(key, targets.length);
      targets.push(target);
    } else targets[index] = target;
  }
  return { ...state, targets, indexByKey };
}

export function discoveryReducer(state: DiscoveryState, action: Action): DiscoveryState {
  switch (action.type) {
    case 'starting': {
      // A new search is a new list: mixing two searches' rows would make "N systems found" meaningless.
      const { phase, kind, targets, indexByKey, summary, hostErrors } = state;
      return {
        ...initialDiscoveryState,
        phase: 'starting',
        kind: action.kind,
        searchId: action.searchId,
        startedAt: action.at ?? null,
        previous: state.phase === 'starting' ? state.previous : { phase, kind, targets, indexByKey, summary, hostErrors },
      };
    }
    case 'started':
      // Its done event may have come first (a search with nothing to ask ends at once).
      return state.phase === 'starting' ? { ...state, phase: 'searching', previous: null } : { ...state, previous: null };
    case 'start-failed': {
      // Refused before it began: the last search's results are still the truth about the network.
      const previous = state.previous;
      if (!previous || state.targets.length > 0) return { ...state, phase: 'idle', previous: null, startError: action.message };
      return { ...state, ...previous, searchId: null, startedAt: null, progress: null, previous: null, startError: action.message };
    }
    case 'results':
      return upsertAll(state, action.targets);
    case 'stopped-locally':
      return state.phase === 'searching'
        ? { ...state, phase: 'done', summary: state.summary ?? { found: state.targets.length, durationMs: 0, cancelled: true, hint: null } }
        : state;
    case 'event': {
      const { payload } = action;
      switch (payload.channel) {
        case 'discovery:result':
        case 'discovery:update':
          return upsertAll(state, [payload.event.target]);
        case 'discovery:host-error':
          return { ...state, hostErrors: [...state.hostErrors, { host: payload.event.host, message: payload.event.message }] };
        case 'discovery:progress':
          return { ...state, progress: { sent: payload.event.sent, total: payload.event.total, answered: payload.event.answered } };
        case 'discovery:done': {
          const { found, durationMs, cancelled, hint } = payload.event;
          return { ...state, phase: 'done', summary: { found, durationMs, cancelled, hint } };
        }
      }
    }
  }
}

/** How the one timeout the user picks maps onto the service's two: a broadcast waits as a whole, unicast per host. */
export function startRequest(input: SearchInput): RequestOf<'discovery:start'> {
  const adapters = input.adapters ?? [];
  const hosts = input.hosts ?? [];
  const ranges = input.ranges ?? [];
  if (hosts.length === 0 && ranges.length === 0) return { adapters, timeoutMs: input.timeoutMs };
  if (ranges.length === 0) return { adapters, hosts, perHostTimeoutMs: input.timeoutMs, timeoutMs: input.timeoutMs + 500 };
  // A sweep asks many hosts in turn; a full per-host timeout would stretch a /24 into minutes, and a TwinCAT system on
  // a reachable network answers well within a second. The service sizes the total time from this.
  return { adapters, hosts, ranges, perHostTimeoutMs: sweepWindowMs(input.timeoutMs) };
}

/** How long each address of a sweep may take to answer, for the timeout the user picked. */
export function sweepWindowMs(timeoutMs: number): number {
  return Math.min(timeoutMs, 1000);
}

export interface Discovery {
  state: DiscoveryState;
  start(input: SearchInput): Promise<void>;
  cancel(): Promise<void>;
  /** The last search asked for, which F5 runs again; null before the first. */
  last: SearchInput | null;
}

/**
 * The search state machine of the Targets view: idle → starting → searching → done. Only events of this view's own
 * search count (the web host forwards every window's events); the view picks the search id itself, so it knows its
 * events even when they overtake the answer to discovery:start.
 */
export function useDiscovery(): Discovery {
  const api = useApi();
  const [state, dispatch] = useReducer(discoveryReducer, initialDiscoveryState);
  const currentId = useRef<string | null>(null);
  const firstPending = useRef(false);
  const [last, setLast] = useState<SearchInput | null>(null);

  // A burst of replies (a /21 sweep answers 2,000 times within a second) costs one render per frame, not one each.
  const [results] = useState(() => frameBatch<DiscoveredTarget>((targets) => dispatch({ type: 'results', targets })));
  useEffect(() => () => results.cancel(), [results]);

  const onEvent = (payload: DiscoveryEvent) => {
    if (payload.event.searchId !== currentId.current) return;
    if (payload.channel === 'discovery:result' || payload.channel === 'discovery:update') {
      results.push(payload.event.target);
      // The first answer of a search is shown at once; those that follow wait for the next frame together.
      if (firstPending.current) {
        firstPending.current = false;
        results.flush();
      }
    } else {
      // Progress and the end must not overtake the rows they count.
      results.flush();
      dispatch({ type: 'event', payload });
    }
  };
  useEvent('discovery:result', (event) => onEvent({ channel: 'discovery:result', event }));
  useEvent('discovery:update', (event) => onEvent({ channel: 'discovery:update', event }));
  useEvent('discovery:host-error', (event) => onEvent({ channel: 'discovery:host-error', event }));
  useEvent('discovery:progress', (event) => onEvent({ channel: 'discovery:progress', event }));
  useEvent('discovery:done', (event) => onEvent({ channel: 'discovery:done', event }));

  const start = useCallback(
    async (input: SearchInput) => {
      const searchId = newRequestId();
      setLast(input);
      results.cancel();
      firstPending.current = true;
      currentId.current = searchId;
      dispatch({ type: 'starting', kind: input.kind, searchId, at: performance.now() });
      const result = await api.invoke('discovery:start', { ...startRequest(input), searchId });
      // A newer start superseded this one while it was on its way: its answer no longer matters.
      if (currentId.current !== searchId) return;
      if (!result.ok) {
        currentId.current = null;
        dispatch({ type: 'start-failed', message: result.error.message });
        return;
      }
      dispatch({ type: 'started' });
    },
    [api, results],
  );

  const searchId = state.searchId;
  const cancel = useCallback(async () => {
    if (!searchId) return;
    await api.invoke('discovery:cancel', { searchId });
    // The done event normally follows; if the connection lost it, the view must not spin forever.
    if (currentId.current === searchId) dispatch({ type: 'stopped-locally' });
  }, [api, searchId]);

  return { state, start, cancel, last };
}
