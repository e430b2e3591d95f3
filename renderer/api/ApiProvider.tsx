import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { RequestChannel, RequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import type { RendererApi } from '../../shared/ipc/transport';
import { TRANSPORT_ERROR } from './client';

export interface ConnectionState {
  /** Why the services cannot be reached, or undefined while they answer. */
  failure: string | undefined;
  /** Bumped by a successful retry so that views load again what they failed to load. */
  epoch: number;
  /** Asks the services for a sign of life; on success the banner goes and views reload. */
  retry(): Promise<void>;
}

interface ApiContextValue {
  api: RendererApi;
  connection: ConnectionState;
}

const ApiContext = createContext<ApiContextValue | undefined>(undefined);

/**
 * Hands the IPC api to every view and watches what comes back: any request that fails for transport reasons raises
 * the connection banner, any answer clears it. Calls never reject, so a dead host cannot leave unhandled rejections.
 */
export function ApiProvider({ api, children }: { api: RendererApi; children: ReactNode }) {
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const [epoch, setEpoch] = useState(0);

  const watched = useMemo<RendererApi>(
    () => ({
      async invoke<C extends RequestChannel>(channel: C, request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> {
        let result: IpcResult<ResponseOf<C>>;
        try {
          result = await api.invoke(channel, request);
        } catch {
          result = { ok: false, error: { code: TRANSPORT_ERROR, message: 'The ADS Route Studio services did not answer' } };
        }
        if (!result.ok && result.error.code === TRANSPORT_ERROR) setFailure(result.error.message);
        else setFailure(undefined);
        return result;
      },
      on: (channel, listener) => api.on(channel, listener),
      pathForFile: (file) => api.pathForFile(file),
    }),
    [api],
  );

  const retry = useCallback(async () => {
    const result = await watched.invoke('app:info', {});
    if (result.ok) setEpoch((n) => n + 1);
  }, [watched]);

  const value = useMemo(() => ({ api: watched, connection: { failure, epoch, retry } }), [watched, failure, epoch, retry]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi() needs an <ApiProvider> above it');
  return value;
}

/** The typed IPC api; its invoke() always resolves to an IpcResult. */
export function useApi(): RendererApi {
  return useApiContext().api;
}

export function useConnection(): ConnectionState {
  return useApiContext().connection;
}
