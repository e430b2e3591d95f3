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

/** ADS error codes the simulator answers with (AdsLib AdsDef.h). */
export const ADS_ERR_TARGET_PORT_NOT_FOUND = 0x6;
export const ADS_ERR_TARGET_MACHINE_NOT_FOUND = 0x7;
export const ADS_ERR_SERVICE_NOT_SUPPORTED = 0x701;

/**
 * Answers the ADS requests a route check needs (ReadDeviceInfo, ReadState on the system service, port 10000).
 * Routing errors go in the AMS header's error code, command errors in the ADS result field, as a router does.
 */
export function answerAdsRequest(request: AmsPacket, config: VirtualTargetConfig): AmsPacket | null {
  if ((request.stateFlags & 0x0001) !== 0) return null; // a response: nothing to answer
  if (request.targetNetId !== config.netId) return headerError(request, ADS_ERR_TARGET_MACHINE_NOT_FOUND);
  if (request.targetPort !== ADS_SYSTEM_SERVICE_PORT) return headerError(request, ADS_ERR_TARGET_PORT_NOT_FOUND);
  switch (request.commandId) {
    case AdsCommand.ReadDeviceInfo: {
      const version = parseTwinCatVersion(config.twincat);
      return readDeviceInfoResponse(request, { major: version.major, minor: version.minor, build: version.build, name: 'TwinCAT System' });
    }
    case AdsCommand.ReadState:
      return readStateResponse(request, { adsState: config.runState === 'run' ? AdsState.Run : AdsState.Config, deviceState: 0 });
    default: {
      const data = new Uint8Array(4);
      new DataView(data.buffer).setUint32(0, ADS_ERR_SERVICE_NOT_SUPPORTED, true);
      return { ...swap(request), data };
    }
  }
}

function headerError(request: AmsPacket, errorCode: number): AmsPacket {
  return { ...swap(request), errorCode, data: new Uint8Array(0) };
}

function swap(request: AmsPacket): AmsPacket {
  return {
    targetNetId: request.sourceNetId,
    targetPort: request.sourcePort,
    sourceNetId: request.targetNetId,
    sourcePort: request.targetPort,
    commandId: request.commandId,
    stateFlags: AMS_STATE_RESPONSE,
    errorCode: 0,
    invokeId: request.invokeId,
    data: new Uint8Array(0),
  };
}
