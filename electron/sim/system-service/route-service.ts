import { isNetId } from '../../../shared/protocol/netid';
import {
  decodeNulString,
  decodeRouteRecord,
  encodeRouteRecord,
  ROUTE_RECORD,
  SystemIndexGroup,
} from '../../../shared/protocol/system-service';
import type { VirtualTargetConfig } from '../config';
import type { RouteTable, SimRoute } from '../route-table';
import { ADS_ERR_INVALID_DATA, ADS_ERR_NOT_FOUND, ADS_OK } from './ads-codes';
import type { SystemReply } from './types';

export interface RouteServiceDeps {
  config: VirtualTargetConfig;
  routes: RouteTable;
  storeRoute(route: SimRoute): Promise<void>;
  removeRoute(name: string): Promise<SimRoute | null>;
}

/** Index group 803: the i-th route in the table's order; past the end, ADSERR_DEVICE_NOTFOUND ends the list. */
export function readRouteEntry(deps: RouteServiceDeps, index: number): SystemReply {
  const route = deps.routes.all()[index];
  if (!route) return { result: ADS_ERR_NOT_FOUND };
  return { result: ADS_OK, data: encodeRouteRecord(route) };
}

/** Index group 802: remove by name (case-sensitive, as stored); the caller's own route cuts its connection. */
export async function removeRouteEntry(deps: RouteServiceDeps, data: Uint8Array, callerNetId: string): Promise<SystemReply> {
  const name = decodeNulString(data).text;
  if (!name) return { result: ADS_ERR_INVALID_DATA };
  const removed = await deps.removeRoute(name);
  if (!removed) return { result: ADS_ERR_NOT_FOUND };
  return { result: ADS_OK, closeAfter: removed.netId === callerNetId && !deps.routes.hasNetId(callerNetId) };
}

/** Index group 801: a route entry written straight into the table (same record layout as 803). */
export async function addRouteEntry(deps: RouteServiceDeps, data: Uint8Array): Promise<SystemReply> {
  const record = decodeRouteRecord(data);
  if (
    data.length < ROUTE_RECORD.strings ||
    !record.netId ||
    !isNetId(record.netId) ||
    !record.name ||
    !record.address ||
    record.notes.length
  ) {
    return { result: ADS_ERR_INVALID_DATA };
  }
  if (record.name.length > 31 || record.address.length > 79) return { result: ADS_ERR_INVALID_DATA };
  const isIp = /^\d{1,3}(\.\d{1,3}){3}$/.test(record.address);
  await deps.storeRoute({
    name: record.name,
    address: record.address,
    netId: record.netId,
    type: 'TCP_IP',
    flags: isIp ? deps.config.quirks.routeFlagsIp : deps.config.quirks.routeFlagsHostName,
    temporary: false,
  });
  return { result: ADS_OK };
}

export const ROUTE_INDEX_GROUPS = new Set<number>([SystemIndexGroup.AddRoute, SystemIndexGroup.RemoveRoute, SystemIndexGroup.EnumRoutes]);
