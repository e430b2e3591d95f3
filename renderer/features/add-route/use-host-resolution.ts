import { useEffect, useState } from 'react';
import type { HostResolution } from '../../../shared/domain/network';
import { useApi } from '../../api/ApiProvider';

/** Typing a host name should not ask the resolver on every keystroke. */
const SETTLE_MS = 400;

export type HostResolutionState =
  { status: 'idle' } | { status: 'checking' } | { status: 'done'; results: HostResolution[] } | { status: 'error'; message: string };

type Answer = { status: 'done'; results: HostResolution[] } | { status: 'error'; message: string };

/** Asks the services whether this PC resolves `hosts`, what a route by host name depends on. */
export function useHostResolution(hosts: readonly string[]): HostResolutionState {
  const api = useApi();
  // The answer remembers which host list it is for, so a changed list reads as "checking" until its own answer.
  const [answer, setAnswer] = useState<{ key: string; answer: Answer } | null>(null);
  const wanted = hosts.filter((host) => host.trim() !== '');
  const key = JSON.stringify(wanted);

  useEffect(() => {
    const asked = JSON.parse(key) as string[];
    if (asked.length === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      void api.invoke('network:resolve', { hosts: asked }).then((result) => {
        if (current)
          setAnswer({
            key,
            answer: result.ok ? { status: 'done', results: result.data } : { status: 'error', message: result.error.message },
          });
      });
    }, SETTLE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, key]);

  if (wanted.length === 0) return { status: 'idle' };
  return answer?.key === key ? answer.answer : { status: 'checking' };
}
