import { adsErrorResponse, adsReadResponse, adsResultResponse, decodeAdsRequestBody } from '../../shared/protocol/ads-commands';
import {
  ADS_SYSTEM_SERVICE_PORT,
  AdsCommand,
  AdsState,
  AMS_STATE_RESPONSE,
  readDeviceInfoResponse,
  readStateResponse,
  type AmsPacket,
} from '../../shared/protocol/ams';
import { parseTwinCatVersion } from '../../shared/protocol/twincat-version';
import type { VirtualTargetConfig } from './config';
import {
  ADS_ERR_INVALID_SIZE,
  ADS_ERR_SERVICE_NOT_SUPPORTED,
  ADS_ERR_TARGET_MACHINE_NOT_FOUND,
  ADS_ERR_TARGET_PORT_NOT_FOUND,
  ADS_ERR_UNKNOWN_COMMAND,
} from './system-service/ads-codes';
import type { SystemService, SystemSession } from './system-service/index';

export { ADS_ERR_SERVICE_NOT_SUPPORTED, ADS_ERR_TARGET_MACHINE_NOT_FOUND, ADS_ERR_TARGET_PORT_NOT_FOUND } from './system-service/ads-codes';

export interface AdsAnswer {
  reply: AmsPacket | null;
  /** Close the connection after sending the reply (the caller removed its own route). */
  closeAfter: boolean;
}

export interface AdsResponderContext {
  config: VirtualTargetConfig;
  system: SystemService;
  session: SystemSession;
}

/**
 * Answers one ADS request to this target. Routing errors go in the AMS header's error code, command errors in the
 * ADS result field, as a router does; every command reply has its command's full layout, also for errors.
 */
export async function answerAdsRequest(request: AmsPacket, ctx: AdsResponderContext): Promise<AdsAnswer> {
  const none: AdsAnswer = { reply: null, closeAfter: false };
  const { config } = ctx;
  if ((request.stateFlags & 0x0001) !== 0) return none; // a response: nothing to answer
  // A notification sample carries no reply in ADS.
  if (request.commandId === AdsCommand.DeviceNotification) return none;
  if (request.targetNetId !== config.netId) return { reply: headerError(request, ADS_ERR_TARGET_MACHINE_NOT_FOUND), closeAfter: false };
  if (request.targetPort !== ADS_SYSTEM_SERVICE_PORT)
    return { reply: headerError(request, ADS_ERR_TARGET_PORT_NOT_FOUND), closeAfter: false };
  const body = decodeAdsRequestBody(request);
  const answer = (reply: AmsPacket | null, closeAfter = false): AdsAnswer => ({ reply, closeAfter });
  switch (body.command) {
    case 'read-device-info': {
      const version = parseTwinCatVersion(config.twincat);
      return answer(
        readDeviceInfoResponse(request, { major: version.major, minor: version.minor, build: version.build, name: 'TwinCAT System' }),
      );
    }
    case 'read-state':
      return answer(readStateResponse(request, { adsState: config.runState === 'run' ? AdsState.Run : AdsState.Config, deviceState: 0 }));
    case 'read':
    case 'read-write': {
      const reply = await ctx.system.answer(body, ctx.session, request.sourceNetId);
      return answer(adsReadResponse(request, reply.result, reply.data), reply.closeAfter);
    }
    case 'write':
    case 'write-control': {
      const reply = await ctx.system.answer(body, ctx.session, request.sourceNetId);
      return answer(adsResultResponse(request, reply.result), reply.closeAfter);
    }
    case 'add-notification':
    case 'del-notification':
      return answer(adsErrorResponse(request, ADS_ERR_SERVICE_NOT_SUPPORTED));
    case 'malformed':
      return answer(adsErrorResponse(request, ADS_ERR_INVALID_SIZE));
    case 'unknown':
      return answer(headerError(request, ADS_ERR_UNKNOWN_COMMAND));
  }
}

function headerError(request: AmsPacket, errorCode: number): AmsPacket {
  return {
    targetNetId: request.sourceNetId,
    targetPort: request.sourcePort,
    sourceNetId: request.targetNetId,
    sourcePort: request.targetPort,
    commandId: request.commandId,
    stateFlags: AMS_STATE_RESPONSE,
    errorCode,
    invokeId: request.invokeId,
    data: new Uint8Array(0),
  };
}
