import { useEffect, useEffectEvent } from 'react';
import type { EventChannel, EventOf } from '../../shared/ipc/contract';
import { useApi } from './ApiProvider';

/** Calls `listener` for every `channel` event while the component is mounted; the listener may change freely. */
export function useEvent<C extends EventChannel>(channel: C, listener: (event: EventOf<C>) => void): void {
  const api = useApi();
  const onEvent = useEffectEvent(listener);
  useEffect(() => api.on(channel, (event) => onEvent(event)), [api, channel]);
}
