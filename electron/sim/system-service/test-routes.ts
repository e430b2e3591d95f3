// Test helper: a state folder whose StaticRoutes.xml already holds the given routes, as a target that was set up before.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SimRoute } from '../route-table';
import { writeStaticRoutes } from '../state-files';

export function plainRoute(name: string, netId: string, address = '127.0.0.1'): SimRoute {
  return { name, netId, address, type: 'TCP_IP', flags: 32, temporary: false };
}

export async function stateWithRoutes(
  routes: SimRoute[],
  extra: { psk?: Array<{ identity: string; secret: string }> } = {},
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'adsroute-sim-test-'));
  await writeStaticRoutes(dir, { routes, secureOnly: false, psk: extra.psk ?? [] });
  return dir;
}
