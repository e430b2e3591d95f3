import { AdsCommand, ADS_SYSTEM_SERVICE_PORT, AMS_STATE_REQUEST, responseTo, type AdsRequestTarget, type AmsPacket } from './ams';
import { ByteReader, ByteWriter } from './bytes';

/**
 * Request and response bodies of the ADS commands beyond ReadState / ReadDeviceInfo (ADS command ids 2, 3, 5–7, 9).
 * Every response has the full layout of its command even when the result is an error: a client such as AdsLib reads
 * the length field of a Read reply and waits for it, so a reply cut after the result stalls its connection.
 */

export interface AdsReadReply {
  result: number;
  data: Uint8Array;
}

function request(commandId: number, opts: AdsRequestTarget, data: Uint8Array): AmsPacket {
  return {
    targetNetId: opts.target,
    targetPort: opts.targetPort ?? ADS_SYSTEM_SERVICE_PORT,
    sourceNetId: opts.source,
    sourcePort: opts.sourcePort ?? 32905,
    commandId,
    stateFlags: AMS_STATE_REQUEST,
    errorCode: 0,
    invokeId: opts.invokeId >>> 0,
    data,
  };
}

export function adsReadRequest(opts: AdsRequestTarget, indexGroup: number, indexOffset: number, length: number): AmsPacket {
  return request(AdsCommand.Read, opts, new ByteWriter().u32(indexGroup).u32(indexOffset).u32(length).toBytes());
}

export function adsWriteRequest(opts: AdsRequestTarget, indexGroup: number, indexOffset: number, data: Uint8Array): AmsPacket {
  return request(AdsCommand.Write, opts, new ByteWriter().u32(indexGroup).u32(indexOffset).u32(data.length).bytes(data).toBytes());
}

export function adsReadWriteRequest(
  opts: AdsRequestTarget,
  indexGroup: number,
  indexOffset: number,
  readLength: number,
  data: Uint8Array,
): AmsPacket {
  return request(
    AdsCommand.ReadWrite,
    opts,
    new ByteWriter().u32(indexGroup).u32(indexOffset).u32(readLength).u32(data.length).bytes(data).toBytes(),
  );
}

export function adsWriteControlRequest(opts: AdsRequestTarget, adsState: number, deviceState: number, data = new Uint8Array(0)): AmsPacket {
  return request(AdsCommand.WriteControl, opts, new ByteWriter().u16(adsState).u16(deviceState).u32(data.length).bytes(data).toBytes());
}

/** What a server sees in a request body; `null` fields mean the body was too short for them. */
export type AdsRequestBody =
  | { command: 'read'; indexGroup: number; indexOffset: number; length: number }
  | { command: 'write'; indexGroup: number; indexOffset: number; data: Uint8Array }
  | { command: 'read-write'; indexGroup: number; indexOffset: number; readLength: number; data: Uint8Array }
  | { command: 'write-control'; adsState: number; deviceState: number; data: Uint8Array }
  | { command: 'add-notification'; indexGroup: number; indexOffset: number; length: number }
  | { command: 'del-notification'; handle: number }
  | { command: 'read-state' }
  | { command: 'read-device-info' }
  | { command: 'malformed'; commandId: number }
  | { command: 'unknown'; commandId: number };

/**
 * Decodes a request body. A body shorter than its command needs, or whose announced data length disagrees with the
 * bytes that follow, is `malformed` (answered with ADSERR_DEVICE_INVALIDSIZE by a server), never an exception.
 */
export function decodeAdsRequestBody(packet: AmsPacket): AdsRequestBody {
  const r = new ByteReader(packet.data, 'ADS request');
  const malformed = { command: 'malformed', commandId: packet.commandId } as const;
  try {
    switch (packet.commandId) {
      case AdsCommand.ReadDeviceInfo:
        return { command: 'read-device-info' };
      case AdsCommand.ReadState:
        return { command: 'read-state' };
      case AdsCommand.Read:
        return { command: 'read', indexGroup: r.u32(), indexOffset: r.u32(), length: r.u32() };
      case AdsCommand.Write: {
        const indexGroup = r.u32();
        const indexOffset = r.u32();
        const length = r.u32();
        if (length !== r.remaining) return malformed;
        return { command: 'write', indexGroup, indexOffset, data: r.take(length) };
      }
      case AdsCommand.ReadWrite: {
        const indexGroup = r.u32();
        const indexOffset = r.u32();
        const readLength = r.u32();
        const length = r.u32();
        if (length !== r.remaining) return malformed;
        return { command: 'read-write', indexGroup, indexOffset, readLength, data: r.take(length) };
      }
      case AdsCommand.WriteControl: {
        const adsState = r.u16();
        const deviceState = r.u16();
        const length = r.u32();
        if (length !== r.remaining) return malformed;
        return { command: 'write-control', adsState, deviceState, data: r.take(length) };
      }
      case AdsCommand.AddNotification:
        // Transmission mode, max delay, cycle time and 16 reserved bytes follow; a server that refuses needs none of them.
        return { command: 'add-notification', indexGroup: r.u32(), indexOffset: r.u32(), length: r.u32() };
      case AdsCommand.DelNotification:
        return { command: 'del-notification', handle: r.u32() };
      default:
        return { command: 'unknown', commandId: packet.commandId };
    }
  } catch {
    return malformed;
  }
}

/** Read and ReadWrite: result, length, data (length 0 and no data on an error). */
export function adsReadResponse(req: AmsPacket, result: number, data: Uint8Array = new Uint8Array(0)): AmsPacket {
  const body = result === 0 ? data : new Uint8Array(0);
  return responseTo(req, new ByteWriter().u32(result).u32(body.length).bytes(body).toBytes());
}

/** Write, WriteControl and DelNotification: the result only. */
export function adsResultResponse(req: AmsPacket, result: number): AmsPacket {
  return responseTo(req, new ByteWriter().u32(result).toBytes());
}

/** AddNotification: result and notification handle (0 on an error). */
export function adsAddNotificationResponse(req: AmsPacket, result: number, handle = 0): AmsPacket {
  return responseTo(
    req,
    new ByteWriter()
      .u32(result)
      .u32(result === 0 ? handle : 0)
      .toBytes(),
  );
}

/**
 * The full reply layout for a command answered with an error: what every server must send instead of a bare result.
 * Returns null for a command id that has no ADS response body (DeviceNotification, unknown ids).
 */
export function adsErrorResponse(req: AmsPacket, result: number): AmsPacket | null {
  switch (req.commandId) {
    case AdsCommand.Read:
    case AdsCommand.ReadWrite:
      return adsReadResponse(req, result);
    case AdsCommand.Write:
    case AdsCommand.WriteControl:
    case AdsCommand.DelNotification:
      return adsResultResponse(req, result);
    case AdsCommand.AddNotification:
      return adsAddNotificationResponse(req, result);
    case AdsCommand.ReadState:
      return responseTo(req, new ByteWriter().u32(result).u16(0).u16(0).toBytes());
    case AdsCommand.ReadDeviceInfo:
      return responseTo(req, new ByteWriter().u32(result).u8(0).u8(0).u16(0).zeros(16).toBytes());
    default:
      return null;
  }
}

/** Read / ReadWrite reply; a length field that disagrees with the bytes is reported as a ProtocolError. */
export function decodeAdsReadResponse(p: AmsPacket): AdsReadReply {
  const r = new ByteReader(p.data, 'ADS Read response');
  const result = r.u32('result');
  if (result !== 0 && r.remaining === 0) return { result, data: new Uint8Array(0) };
  const length = r.u32('length');
  return { result, data: r.take(length, 'data').slice() };
}

/** Write / WriteControl / DelNotification reply. */
export function decodeAdsResultResponse(p: AmsPacket): number {
  return new ByteReader(p.data, 'ADS response').u32('result');
}
