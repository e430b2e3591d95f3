import { useCallback, useEffect, useState } from 'react';
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { IpcError, IpcResult } from '../../shared/ipc/result';
import { useApi, useConnection } from './ApiProvider';

export interface RequestState<T> {
  /** The last answer to this very request; kept while a reload runs so tables do not flicker empty. */
  data: T | undefined;
  error: IpcError | undefined;
  loading: boolean;
  reload(): void;
}

interface Settled<T> {
  key: string;
  run: string;
  result: IpcResult<T>;
}

/**
 * Sends `request` on `channel` when the view mounts, whenever the request's content changes, on reload(), and after
 * the connection comes back. Answers to superseded requests are ignored.
 */
export function useRequest<C extends RequestChannel>(channel: C, request: RequestOf<C>): RequestState<ResponseOf<C>> {
  const api = useApi();
  const { epoch } = useConnection();
  // Requests are plain JSON on the wire, so their text is a faithful identity (callers may pass fresh literals).
  const key = JSON.stringify([channel, request]);
  const [tick, setTick] = useState(0);
  const run = `${key}#${tick}#${epoch}`;
  const [settled, setSettled] = useState<Settled<ResponseOf<C>> | undefined>(undefined);

  useEffect(() => {
    let current = true;
    const [sentChannel, sentRequest] = JSON.parse(key) as [C, RequestOf<C>];
    void api.invoke(sentChannel, sentRequest).then((result) => {
      if (current) setSettled({ key, run, result });
    });
    return () => {
      current = false;
    };
  }, [api, key, run]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const sameRequest = settled?.key === key;
  const result = sameRequest ? settled.result : undefined;
  return {
    data: result?.ok ? result.data : undefined,
    error: result && !result.ok ? result.error : undefined,
    loading: settled?.run !== run,
    reload,
  };
}
