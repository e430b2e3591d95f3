import type { AdsRequestBody } from '../../../shared/protocol/ads-commands';
import {
  encodeNulString,
  SECURE_ADS_FINGERPRINT_OFFSET,
  SystemControlState,
  SystemIndexGroup,
} from '../../../shared/protocol/system-service';
import { ADS_ERR_INVALID_PARAMETER, ADS_ERR_SERVICE_NOT_SUPPORTED, ADS_OK } from './ads-codes';
import { FileService } from './file-service';
import { addRouteEntry, readRouteEntry, removeRouteEntry, type RouteServiceDeps } from './route-service';
import type { SystemReply, SystemSession } from './types';

export type { SystemReply, SystemSession } from './types';
export { MAX_OPEN_FILES } from './file-service';

export interface SystemServiceDeps extends RouteServiceDeps {
  stateDir: string;
  /** The Secure ADS fingerprint (index group 700, offset 9); null where the target has no Secure ADS. */
  fingerprint: string | null;
  /** Re-reads StaticRoutes.xml as a restarting router does, then enters the given state. */
  restart(state: 'run' | 'config'): Promise<void>;
}

export interface SystemService {
  openSession(): SystemSession;
  closeSession(session: SystemSession): Promise<void>;
  /** Read, Write, ReadWrite and WriteControl to AMS port 10000. */
  answer(
    body: Extract<AdsRequestBody, { command: 'read' | 'write' | 'read-write' | 'write-control' }>,
    session: SystemSession,
    callerNetId: string,
  ): Promise<SystemReply>;
  close(): Promise<void>;
}

/**
 * The virtual target's system service: its route table (801–803), its fingerprint (700/9), files in its state
 * folder (120–123) and Run/Config restarts (WriteControl). Every other index group is "service not supported".
 */
export function createSystemService(deps: SystemServiceDeps): SystemService {
  const files = new FileService(deps.stateDir);
  let nextSession = 1;
  return {
    openSession: () => ({ id: nextSession++ }),
    closeSession: (session) => files.closeSession(session),
    close: () => files.closeAll(),
    async answer(body, session, callerNetId) {
      switch (body.command) {
        case 'read':
          return crop(readCall(deps, body.indexGroup, body.indexOffset), body.length);
        case 'write':
          if (body.indexGroup === SystemIndexGroup.RemoveRoute) return removeRouteEntry(deps, body.data, callerNetId);
          if (body.indexGroup === SystemIndexGroup.AddRoute) return addRouteEntry(deps, body.data);
          return { result: ADS_ERR_SERVICE_NOT_SUPPORTED };
        case 'read-write':
          return crop(await fileCall(files, session, body), body.readLength);
        case 'write-control':
          return control(deps, body.adsState);
      }
    },
  };
}

function readCall(deps: SystemServiceDeps, indexGroup: number, indexOffset: number): SystemReply {
  if (indexGroup === SystemIndexGroup.EnumRoutes) return readRouteEntry(deps, indexOffset);
  if (indexGroup === SystemIndexGroup.SecureAdsInfo && indexOffset === SECURE_ADS_FINGERPRINT_OFFSET) {
    return deps.fingerprint ? { result: ADS_OK, data: encodeNulString(deps.fingerprint) } : { result: ADS_ERR_SERVICE_NOT_SUPPORTED };
  }
  return { result: ADS_ERR_SERVICE_NOT_SUPPORTED };
}

async function fileCall(
  files: FileService,
  session: SystemSession,
  body: { indexGroup: number; indexOffset: number; readLength: number; data: Uint8Array },
): Promise<SystemReply> {
  switch (body.indexGroup) {
    case SystemIndexGroup.FileOpen:
      return files.open(session, body.indexOffset, body.data);
    case SystemIndexGroup.FileClose:
      return files.close(session, body.indexOffset);
    case SystemIndexGroup.FileRead:
      return files.read(session, body.indexOffset, body.readLength);
    case SystemIndexGroup.FileWrite:
      return files.write(session, body.indexOffset, body.data);
    default:
      return { result: ADS_ERR_SERVICE_NOT_SUPPORTED };
  }
}

async function control(deps: SystemServiceDeps, adsState: number): Promise<SystemReply> {
  if (adsState === SystemControlState.Config) await deps.restart('config');
  else if (adsState === SystemControlState.Run) await deps.restart('run');
  else return { result: ADS_ERR_INVALID_PARAMETER };
  return { result: ADS_OK };
}

/** A Read or ReadWrite never answers more than the caller asked for. */
function crop(reply: SystemReply, length: number): SystemReply {
  return reply.data && reply.data.length > length ? { ...reply, data: reply.data.subarray(0, length) } : reply;
}
