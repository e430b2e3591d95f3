// Test-only: this PC's StaticRoutes.xml as the services describe it, for pages that show its routes.
import type { TwinCatRoutes } from '../../shared/ipc/channels/twincat-routes';

export type FileRoute = TwinCatRoutes['routes'][number];

export const STATIC_ROUTES_PATH = 'C:\\TwinCAT\\3.1\\Target\\StaticRoutes.xml';

/** A plain TCP route of the file; `overrides` for a secure one, another address or sub-routes. */
export function fileRoute(name: string, overrides: Partial<FileRoute> = {}): FileRoute {
  return {
    name,
    address: '10.77.1.10',
    netId: '10.77.1.10.1.1',
    type: 'TCP_IP',
    flags: '32',
    unidirectional: false,
    secure: false,
    subRoutes: 0,
    ...overrides,
  };
}

/** The file found, readable and holding `routes`. */
export function twinCatFile(routes: FileRoute[]): TwinCatRoutes {
  return { found: true, path: STATIC_ROUTES_PATH, tried: [], exists: true, routes, error: null };
}
