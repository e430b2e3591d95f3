import { useCallback, useReducer } from 'react';
import type { RequestOf } from '../../../shared/ipc/contract';
import { useApi } from '../../api/ApiProvider';
import { useEvent } from '../../api/use-event';
import { newRequestId } from '../../api/request-id';
import { batchReducer, emptyBatch, type BatchState } from './route-progress';

export type AddRequest = RequestOf<'routes:add'>;

export interface RouteBatch {
  state: BatchState;
  /** Sends `routes:add`; `labels` names each target address for the progress rows. */
  start(request: AddRequest, labels: ReadonlyMap<string, string>): Promise<void>;
  /** Asks the services to stop every batch this dialog started that may still run. */
  cancel(): void;
}

/** Runs route batches and follows their `routes:step` / `routes:result` / `routes:done` events, ignoring other windows' batches. */
export function useRouteBatch(): RouteBatch {
  const api = useApi();
  const [state, dispatch] = useReducer(batchReducer, emptyBatch);
  useEvent('routes:step', (event) => dispatch({ type: 'step', event }));
  useEvent('routes:result', (event) => dispatch({ type: 'result', event }));
  useEvent('routes:done', (event) => dispatch({ type: 'done', event }));

  const start = useCallback(
    async (request: AddRequest, labels: ReadonlyMap<string, string>) => {
      const addresses = request.targets.map((target) => target.settings.address);
      const batchId = newRequestId();
      dispatch({ type: 'start', batchId, targets: addresses.map((address) => ({ address, label: labels.get(address) ?? address })) });
      const result = await api.invoke('routes:add', { ...request, batchId });
      if (!result.ok) dispatch({ type: 'rejected', addresses, error: { code: 'internal', message: result.error.message, fix: null } });
    },
    [api],
  );

  const cancel = useCallback(() => {
    for (const batchId of state.batches) void api.invoke('routes:cancel', { batchId });
  }, [api, state.batches]);

  return { state, start, cancel };
}
