export { ApiProvider, useApi, useConnection, type ConnectionState } from './ApiProvider';
export { useRequest, type RequestState } from './use-request';
export { useEvent } from './use-event';
export { TRANSPORT_ERROR } from './client';
