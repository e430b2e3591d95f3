import { useCallback, useSyncExternalStore } from 'react';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** "#/routes" → "/routes"; an empty hash is "/". Query-like suffixes stay with the path for the page to read. */
function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : `/${hash}`;
}

/**
 * The path after "#", kept in sync with the address bar. Hash routing works the same from file:// in Electron and
 * from the web host, and needs no server support.
 */
export function useHashRoute(): { path: string; navigate(path: string): void } {
  const path = useSyncExternalStore(subscribe, currentPath, () => '/');
  const navigate = useCallback((to: string) => {
    window.location.hash = to.startsWith('/') ? to : `/${to}`;
  }, []);
  return { path, navigate };
}
