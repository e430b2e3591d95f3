import { useState } from 'react';
import type { EventChannel, EventOf, RequestChannel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import { useEvent } from './use-event';
import { useRequest, type RequestState } from './use-request';

/**
 * A list the services own: loaded with `request`, then replaced by each `changedEvent` they push. `select` takes the
 * new value out of the event. A reload answered after the last push is newer than it; a push after the last answer
 * wins, so neither can bring back stale data.
 */
export function useLiveQuery<C extends RequestChannel, E extends EventChannel>(
  channel: C,
  request: RequestOf<C>,
  changedEvent: E,
  select: (event: EventOf<E>) => ResponseOf<C>,
): RequestState<ResponseOf<C>> {
  const answer = useRequest(channel, request);
  const [pushed, setPushed] = useState<{ value: ResponseOf<C>; after: ResponseOf<C> | undefined } | undefined>(undefined);
  useEvent(changedEvent, (event) => setPushed({ value: select(event), after: answer.data }));
  const data = pushed && pushed.after === answer.data ? pushed.value : answer.data;
  return { ...answer, data, loading: answer.loading && data === undefined };
}
