import { useEvent } from '../../api/use-event';
import { useRequest, type RequestState } from '../../api/use-request';
import type { ResponseOf } from '../../../shared/ipc/contract';

/** The overview (CA, issued certificates, expiry), reloaded whenever the services announce a change. */
export function useCertificatesOverview(): RequestState<ResponseOf<'certificates:overview'>> {
  const state = useRequest('certificates:overview', {});
  useEvent('certificates:changed', () => state.reload());
  return state;
}

/** This PC's identity, reloaded after a change (a regeneration in another window, too). */
export function useIdentity(): RequestState<ResponseOf<'certificates:identity'>> {
  const state = useRequest('certificates:identity', {});
  useEvent('certificates:changed', () => state.reload());
  return state;
}
