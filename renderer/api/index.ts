export { ApiProvider, useApi, useConnection, type ConnectionState } from './ApiProvider';
export { useRequest, type RequestState } from './use-request';
export { useEvent } from './use-event';
export { useLiveQuery } from './use-live-query';
export { TRANSPORT_ERROR } from './client';
