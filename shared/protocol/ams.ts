import { ByteReader, ByteWriter, concatBytes } from './bytes';
import { ProtocolError } from './errors';
import { formatNetId, parseNetId } from './netid';
import { formatHex } from './ads-errors';

export { adsErrorName, adsErrorText } from './ads-errors';

/** AMS packets: a 32-byte header plus data; plain ADS/TCP adds a 6-byte prefix. */

export interface AmsPacket {
  targetNetId: string;
  targetPort: number;
  sourceNetId: string;
  sourcePort: number;
  commandId: number;
  stateFlags: number;
  errorCode: number;
  invokeId: number;
  data: Uint8Array;
}

export const AMS_HEADER_LENGTH = 32;
export const AMS_TCP_PREFIX_LENGTH = 6;
export const DEFAULT_MAX_AMS_FRAME = 64 * 1024;
export const ADS_SYSTEM_SERVICE_PORT = 10000;

export const AdsCommand = {
  ReadDeviceInfo: 1,
  Read: 2,
  Write: 3,
  ReadState: 4,
  WriteControl: 5,
  AddNotification: 6,
  DelNotification: 7,
  DeviceNotification: 8,
  ReadWrite: 9,
} as const;
/** State flags: 0x0004 = ADS command over TCP; bit 0 marks the response. */
export const AMS_STATE_REQUEST = 0x0004;
export const AMS_STATE_RESPONSE = 0x0005;

export const AdsState = {
  Invalid: 0,
  Idle: 1,
  Reset: 2,
  Init: 3,
  Start: 4,
  Run: 5,
  Stop: 6,
  SaveCfg: 7,
  LoadCfg: 8,
  PowerFailure: 9,
  PowerGood: 10,
  Error: 11,
  Shutdown: 12,
  Suspend: 13,
  Resume: 14,
  Config: 15,
  Reconfig: 16,
} as const;

const ADS_STATE_NAMES = Object.fromEntries(Object.entries(AdsState).map(([name, id]) => [id, name])) as Record<number, string>;

export function adsStateName(state: number): string {
  return ADS_STATE_NAMES[state] ?? `Unknown(${state})`;
}

export function encodeAmsPacket(p: AmsPacket): Uint8Array {
  checkU16('targetPort', p.targetPort);
  checkU16('sourcePort', p.sourcePort);
  checkU16('commandId', p.commandId);
  checkU16('stateFlags', p.stateFlags);
  return new ByteWriter()
    .bytes(parseNetId(p.targetNetId))
    .u16(p.targetPort)
    .bytes(parseNetId(p.sourceNetId))
    .u16(p.sourcePort)
    .u16(p.commandId)
    .u16(p.stateFlags)
    .u32(p.data.length)
    .u32(p.errorCode)
    .u32(p.invokeId)
    .bytes(p.data)
    .toBytes();
}

export function encodeAmsTcpFrame(p: AmsPacket): Uint8Array {
  const packet = encodeAmsPacket(p);
  const prefix = new ByteWriter().u16(0).u32(packet.length).toBytes();
  return concatBytes(prefix, packet);
}

/** Decodes exactly one header+data; extra bytes after the announced length are an error here. */
export function decodeAmsPacket(bytes: Uint8Array): AmsPacket {
  const r = new ByteReader(bytes, 'AMS packet');
  r.need(AMS_HEADER_LENGTH, 'AMS header');
  const targetNetId = formatNetId(r.take(6));
  const targetPort = r.u16();
  const sourceNetId = formatNetId(r.take(6));
  const sourcePort = r.u16();
  const commandId = r.u16();
  const stateFlags = r.u16();
  const length = r.u32();
  const errorCode = r.u32();
  const invokeId = r.u32();
  if (length !== r.remaining) {
    throw new ProtocolError('bad-frame', `AMS header at offset 0 announces ${length} data bytes but ${r.remaining} follow`);
  }
  return { targetNetId, targetPort, sourceNetId, sourcePort, commandId, stateFlags, errorCode, invokeId, data: r.take(length).slice() };
}

/**
 * Cuts a TCP or TLS byte stream into AMS packets however the chunks fall. A framing error poisons the
 * parser (the stream position is lost), so every later push throws the same error.
 *
 * Input goes into one growable buffer: a frame that arrives a few bytes at a time is copied in once, not once per
 * chunk, so a peer trickling a large frame costs linear, not quadratic, work.
 */
export class AmsStreamParser {
  private buffer: Uint8Array = new Uint8Array(0);
  private start = 0;
  private end = 0;
  private failure: ProtocolError | null = null;
  private consumed = 0;
  private moved = 0;
  private readonly tcpPrefix: boolean;
  private readonly maxFrame: number;

  constructor(opts: { tcpPrefix: boolean; maxFrame?: number }) {
    this.tcpPrefix = opts.tcpPrefix;
    this.maxFrame = opts.maxFrame ?? DEFAULT_MAX_AMS_FRAME;
  }

  /** Bytes held back waiting for the rest of a frame. */
  get buffered(): number {
    return this.end - this.start;
  }

  /** Bytes copied inside the parser so far (into the buffer, and when it grows or compacts): about the input size. */
  get copiedBytes(): number {
    return this.moved;
  }

  push(chunk: Uint8Array): AmsPacket[] {
    if (this.failure) throw this.failure;
    this.append(chunk);
    const packets: AmsPacket[] = [];
    let offset = this.start;
    try {
      for (;;) {
        const size = this.frameSize(offset);
        if (size === null || this.end - offset < size) break;
        const begin = offset + (this.tcpPrefix ? AMS_TCP_PREFIX_LENGTH : 0);
        // decodeAmsPacket copies the data out, so the buffer may be reused afterwards.
        packets.push(decodeAmsPacket(this.buffer.subarray(begin, offset + size)));
        offset += size;
      }
    } catch (error) {
      this.failure = error instanceof ProtocolError ? error : new ProtocolError('bad-frame', String(error));
      this.buffer = new Uint8Array(0);
      this.start = this.end = 0;
      throw this.failure;
    }
    this.consumed += offset - this.start;
    this.start = offset;
    if (this.start === this.end) this.start = this.end = 0;
    return packets;
  }

  private append(chunk: Uint8Array): void {
    const held = this.end - this.start;
    const needed = held + chunk.length;
    if (this.end + chunk.length > this.buffer.length) {
      if (needed * 2 > this.buffer.length) {
        // Doubling keeps the total of all moves below twice the input.
        const grown = new Uint8Array(Math.max(needed * 2, 4096));
        grown.set(this.buffer.subarray(this.start, this.end));
        this.buffer = grown;
      } else {
        this.buffer.copyWithin(0, this.start, this.end);
      }
      this.moved += held;
      this.start = 0;
      this.end = held;
    }
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
    this.moved += chunk.length;
  }

  /** Whole size of the frame starting at offset, or null while its header is incomplete. */
  private frameSize(offset: number): number | null {
    const available = this.end - offset;
    const view = new DataView(this.buffer.buffer, this.buffer.byteOffset + offset, available);
    const at = this.consumed + (offset - this.start);
    let prefixLength = 0;
    if (this.tcpPrefix) {
      if (available < AMS_TCP_PREFIX_LENGTH) return null;
      const reserved = view.getUint16(0, true);
      if (reserved !== 0) {
        throw new ProtocolError('bad-frame', `AMS/TCP reserved field at offset ${at} is ${formatHex(reserved, 4)}, expected 0`);
      }
      const announced = view.getUint32(2, true);
      if (announced < AMS_HEADER_LENGTH || announced > this.maxFrame + AMS_HEADER_LENGTH) {
        throw new ProtocolError(
          'too-long',
          `AMS/TCP frame at offset ${at} announces ${announced} bytes (allowed ${AMS_HEADER_LENGTH}..${this.maxFrame + AMS_HEADER_LENGTH})`,
        );
      }
      prefixLength = AMS_TCP_PREFIX_LENGTH;
    }
    if (available < prefixLength + AMS_HEADER_LENGTH) return null;
    const dataLength = view.getUint32(prefixLength + 20, true);
    if (dataLength > this.maxFrame) {
      throw new ProtocolError(
        'too-long',
        `AMS header at offset ${at} announces ${dataLength} data bytes, more than the ${this.maxFrame} allowed`,
      );
    }
    if (this.tcpPrefix && view.getUint32(2, true) !== AMS_HEADER_LENGTH + dataLength) {
      throw new ProtocolError('bad-frame', `AMS/TCP length at offset ${at} disagrees with the AMS header length ${dataLength}`);
    }
    return prefixLength + AMS_HEADER_LENGTH + dataLength;
  }
}

export interface AdsRequestTarget {
  target: string;
  targetPort?: number;
  source: string;
  sourcePort?: number;
  invokeId: number;
}

function request(commandId: number, opts: AdsRequestTarget, data = new Uint8Array(0)): AmsPacket {
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

/** The reply frame to `req`: addresses swapped, same command and invoke id, the response flag set. */
export function responseTo(req: AmsPacket, data: Uint8Array): AmsPacket {
  return {
    targetNetId: req.sourceNetId,
    targetPort: req.sourcePort,
    sourceNetId: req.targetNetId,
    sourcePort: req.targetPort,
    commandId: req.commandId,
    stateFlags: AMS_STATE_RESPONSE,
    errorCode: 0,
    invokeId: req.invokeId,
    data,
  };
}

export function readDeviceInfoRequest(opts: AdsRequestTarget): AmsPacket {
  return request(AdsCommand.ReadDeviceInfo, opts);
}

export function readStateRequest(opts: AdsRequestTarget): AmsPacket {
  return request(AdsCommand.ReadState, opts);
}

export interface AdsDeviceInfo {
  result: number;
  major: number;
  minor: number;
  build: number;
  name: string;
}

export interface AdsStateInfo {
  result: number;
  adsState: number;
  deviceState: number;
}

const DEVICE_NAME_LENGTH = 16;

export function readDeviceInfoResponse(
  req: AmsPacket,
  info: { result?: number; major: number; minor: number; build: number; name: string },
): AmsPacket {
  const name = new Uint8Array(DEVICE_NAME_LENGTH);
  // Device names are ASCII ("TwinCAT System", "Plc30 App"); anything else is replaced rather than mis-encoded.
  for (let i = 0; i < Math.min(info.name.length, DEVICE_NAME_LENGTH); i++) {
    const c = info.name.charCodeAt(i);
    name[i] = c < 0x80 ? c : 0x3f;
  }
  const data = new ByteWriter()
    .u32(info.result ?? 0)
    .u8(info.major & 0xff)
    .u8(info.minor & 0xff)
    .u16(info.build & 0xffff)
    .bytes(name)
    .toBytes();
  return responseTo(req, data);
}

export function readStateResponse(req: AmsPacket, state: { result?: number; adsState: number; deviceState: number }): AmsPacket {
  const data = new ByteWriter()
    .u32(state.result ?? 0)
    .u16(state.adsState & 0xffff)
    .u16(state.deviceState & 0xffff)
    .toBytes();
  return responseTo(req, data);
}

/** A non-zero result may come with no payload; the other fields are then 0 / "". */
export function decodeReadDeviceInfoResponse(p: AmsPacket): AdsDeviceInfo {
  const r = new ByteReader(p.data, 'ReadDeviceInfo response');
  const result = r.u32('result');
  if (result !== 0 && r.remaining === 0) return { result, major: 0, minor: 0, build: 0, name: '' };
  const major = r.u8('major');
  const minor = r.u8('minor');
  const build = r.u16('build');
  const raw = r.take(Math.min(DEVICE_NAME_LENGTH, r.remaining), 'device name');
  let name = '';
  for (const b of raw) {
    if (b === 0) break;
    name += String.fromCharCode(b);
  }
  return { result, major, minor, build, name };
}

export function decodeReadStateResponse(p: AmsPacket): AdsStateInfo {
  const r = new ByteReader(p.data, 'ReadState response');
  const result = r.u32('result');
  if (result !== 0 && r.remaining === 0) return { result, adsState: 0, deviceState: 0 };
  return { result, adsState: r.u16('adsState'), deviceState: r.u16('deviceState') };
}

function checkU16(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new ProtocolError('bad-field', `AMS ${field} ${value} is not a u16`);
  }
}
