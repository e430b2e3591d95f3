import {
  adsReadRequest,
  adsReadWriteRequest,
  adsWriteControlRequest,
  adsWriteRequest,
  decodeAdsReadResponse,
  decodeAdsResultResponse,
} from '../../../shared/protocol/ads-commands';
import {
  adsStateName,
  decodeReadDeviceInfoResponse,
  decodeReadStateResponse,
  readDeviceInfoRequest,
  readStateRequest,
  type AdsRequestTarget,
  type AmsPacket,
} from '../../../shared/protocol/ams';
import { ProtocolError } from '../../../shared/protocol/errors';
import {
  decodeFingerprintText,
  decodeRouteRecord,
  encodeAddRouteRequest,
  encodeNulString,
  encodeRemoveRouteRequest,
  FileMode,
  fileOpenOffset,
  FINGERPRINT_READ_LENGTH,
  flagUnusualRawBytes,
  relativePathSegments,
  ROUTE_RECORD_READ_LENGTH,
  SECURE_ADS_FINGERPRINT_OFFSET,
  SystemControlState,
  SystemIndexGroup,
  type RouteRecord,
  type RouteRecordInput,
} from '../../../shared/protocol/system-service';
import { RouteFailure } from '../ads/route-failure';
import { CLIENT_AMS_PORT, type AmsChannel } from '../ads/transport/ams-channel';
import { adsResultError, SystemServiceError } from './errors';

/** Chunk size for file reads and writes: well inside the 64 KiB AMS frame limit of our parser. */
export const FILE_CHUNK = 32 * 1024;
/** Files larger than this are refused rather than read into memory (StaticRoutes.xml is a few kB). */
export const MAX_FILE_SIZE = 8 * 1024 * 1024;
/** No real route table is this long; the bound keeps a target that never answers an error from looping us. */
export const MAX_ROUTE_ENTRIES = 1024;

export interface SystemState {
  adsState: number;
  adsStateName: string;
  deviceState: number;
}

export interface DeviceInfo {
  name: string;
  version: string;
}

export interface RouteList {
  routes: RouteRecord[];
  /**
   * Why the list ended: the ADS code of the answer after the last route (0x70C "not found" is the usual end). Any
   * other code may mean the list was cut short, and is shown to the user.
   */
  endCode: number | null;
}

/**
 * Typed calls to a target's system service (AMS port 10000) over one open connection. Every call throws
 * SystemServiceError on an ADS error; connection failures while connecting are RouteFailure (see connection.ts).
 */
export class SystemServiceClient {
  private requests = 0;

  constructor(
    private readonly channel: AmsChannel,
    readonly targetNetId: string,
    private readonly localNetId: string,
    private readonly timeoutMs: number,
    private readonly onClose: () => void = () => channel.close(),
  ) {}

  async readState(): Promise<SystemState> {
    const reply = await this.call('ReadState', (id) => readStateRequest(this.address(id)));
    const state = decodeOrBadReply('ReadState', () => decodeReadStateResponse(reply));
    if (state.result !== 0) throw adsResultError('ReadState', state.result);
    return { adsState: state.adsState, adsStateName: adsStateName(state.adsState), deviceState: state.deviceState };
  }

  async readDeviceInfo(): Promise<DeviceInfo> {
    const reply = await this.call('ReadDeviceInfo', (id) => readDeviceInfoRequest(this.address(id)));
    const info = decodeOrBadReply('ReadDeviceInfo', () => decodeReadDeviceInfoResponse(reply));
    if (info.result !== 0) throw adsResultError('ReadDeviceInfo', info.result);
    return { name: info.name, version: `${info.major}.${info.minor}.${info.build}` };
  }

  /** Index group 803 for i = 0, 1, … until an ADS error; odd records are kept with notes. */
  async listRoutes(): Promise<RouteList> {
    const routes: RouteRecord[] = [];
    for (let index = 0; index < MAX_ROUTE_ENTRIES; index++) {
      const reply = await this.read(SystemIndexGroup.EnumRoutes, index, ROUTE_RECORD_READ_LENGTH, 'route list');
      if (reply.result !== 0) return { routes: flagUnusualRawBytes(routes), endCode: reply.result };
      routes.push(decodeRouteRecord(reply.data));
    }
    return { routes: flagUnusualRawBytes(routes), endCode: null };
  }

  /** Index group 802. Removing this PC's own route makes the target close this connection right after. */
  async removeRoute(name: string): Promise<void> {
    const data = encodeText(() => encodeRemoveRouteRequest(name), 'route name');
    await this.write(SystemIndexGroup.RemoveRoute, 0, data, `remove route "${name}"`);
  }

  /** Index group 801: an entry straight into the target's table (no credentials; needs this route already). */
  async addRoute(route: RouteRecordInput): Promise<void> {
    const data = encodeText(() => encodeAddRouteRequest(route), 'route');
    await this.write(SystemIndexGroup.AddRoute, 0, data, `add route "${route.name}"`);
  }

  /** Index group 700, offset 9: the target's own Secure ADS fingerprint; null when it answers no valid text. */
  async readOwnFingerprint(): Promise<string | null> {
    const reply = await this.read(SystemIndexGroup.SecureAdsInfo, SECURE_ADS_FINGERPRINT_OFFSET, FINGERPRINT_READ_LENGTH, 'fingerprint');
    if (reply.result !== 0) throw adsResultError('reading the Secure ADS fingerprint', reply.result);
    return decodeFingerprintText(reply.data);
  }

  /** Reads a whole file of a folder kind (5 = TwinCAT target folder) in chunks; the handle is always closed. */
  async readFile(folderKind: number, path: string): Promise<Uint8Array> {
    const handle = await this.openFile(folderKind, path, FileMode.Read | FileMode.Binary);
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const reply = await this.readWrite(SystemIndexGroup.FileRead, handle, FILE_CHUNK, new Uint8Array(4), `reading ${path}`);
        if (reply.result !== 0) throw adsResultError(`reading ${path}`, reply.result);
        chunks.push(reply.data);
        size += reply.data.length;
        if (size > MAX_FILE_SIZE) throw new SystemServiceError('too-large', `${path} is larger than ${MAX_FILE_SIZE} bytes`);
        if (reply.data.length < FILE_CHUNK) break;
      }
    } finally {
      await this.closeFile(handle).catch(() => undefined);
    }
    const out = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /**
   * Creates or truncates a file and writes `data` in chunks. Not atomic on the target: callers that replace an
   * important file write a new name first and read it back.
   */
  async writeFile(folderKind: number, path: string, data: Uint8Array): Promise<void> {
    const handle = await this.openFile(folderKind, path, FileMode.Write | FileMode.Binary);
    let closed = false;
    try {
      for (let at = 0; at < data.length; at += FILE_CHUNK) {
        const reply = await this.readWrite(SystemIndexGroup.FileWrite, handle, 0, data.subarray(at, at + FILE_CHUNK), `writing ${path}`);
        if (reply.result !== 0) throw adsResultError(`writing ${path}`, reply.result);
      }
      closed = true;
      await this.closeFile(handle);
    } finally {
      if (!closed) await this.closeFile(handle).catch(() => undefined);
    }
  }

  /** Restarts TwinCAT into Config (16 RECONFIG) or Run (2 RESET). The router re-reads StaticRoutes.xml. */
  async writeControl(state: 'run' | 'config'): Promise<void> {
    const adsState = state === 'config' ? SystemControlState.Config : SystemControlState.Run;
    const reply = await this.call('WriteControl', (id) => adsWriteControlRequest(this.address(id), adsState, 0));
    const result = decodeOrBadReply('WriteControl', () => decodeAdsResultResponse(reply));
    if (result !== 0) throw adsResultError(`switching to ${state === 'config' ? 'Config' : 'Run'} mode`, result);
  }

  close(): void {
    this.onClose();
  }

  private async openFile(folderKind: number, path: string, mode: number): Promise<number> {
    try {
      relativePathSegments(path);
    } catch (error) {
      throw new SystemServiceError('invalid-input', (error as Error).message);
    }
    const pathData = encodeText(() => encodeNulString(path), 'file path');
    const reply = await this.readWrite(SystemIndexGroup.FileOpen, fileOpenOffset(mode, folderKind), 4, pathData, `opening ${path}`);
    if (reply.result !== 0) throw adsResultError(`opening ${path}`, reply.result);
    if (reply.data.length < 4) throw new SystemServiceError('bad-reply', `opening ${path}: the target answered no file handle`);
    return new DataView(reply.data.buffer, reply.data.byteOffset, 4).getUint32(0, true);
  }

  private async closeFile(handle: number): Promise<void> {
    const reply = await this.readWrite(SystemIndexGroup.FileClose, handle, 0, new Uint8Array(0), 'closing a file');
    if (reply.result !== 0) throw adsResultError('closing a file', reply.result);
  }

  private async read(indexGroup: number, indexOffset: number, length: number, what: string) {
    const reply = await this.call(what, (id) => adsReadRequest(this.address(id), indexGroup, indexOffset, length));
    return decodeOrBadReply(what, () => decodeAdsReadResponse(reply));
  }

  private async readWrite(indexGroup: number, indexOffset: number, readLength: number, data: Uint8Array, what: string) {
    const reply = await this.call(what, (id) => adsReadWriteRequest(this.address(id), indexGroup, indexOffset, readLength, data));
    return decodeOrBadReply(what, () => decodeAdsReadResponse(reply));
  }

  private async write(indexGroup: number, indexOffset: number, data: Uint8Array, what: string): Promise<void> {
    const reply = await this.call(what, (id) => adsWriteRequest(this.address(id), indexGroup, indexOffset, data));
    const result = decodeOrBadReply(what, () => decodeAdsResultResponse(reply));
    if (result !== 0) throw adsResultError(what, result);
  }

  private address(invokeId: number): AdsRequestTarget {
    return { target: this.targetNetId, source: this.localNetId, sourcePort: CLIENT_AMS_PORT, invokeId };
  }

  /** One request; AMS header errors and channel failures become SystemServiceError. */
  private async call(what: string, build: (invokeId: number) => AmsPacket): Promise<AmsPacket> {
    const first = this.requests++ === 0;
    let reply: AmsPacket;
    try {
      reply = await this.channel.request(build, this.timeoutMs);
    } catch (error) {
      if (error instanceof RouteFailure && error.code === 'timeout') {
        throw new SystemServiceError(
          'timeout',
          `${what}: no ADS answer within ${this.timeoutMs} ms`,
          null,
          'retry; if it keeps failing, check that TwinCAT runs on the target',
        );
      }
      if (first) {
        throw new SystemServiceError(
          'no-route-back',
          `${what}: the target closed the ADS connection`,
          null,
          "the target has no route back to this PC: add a route on the target for this PC's NetId and address",
        );
      }
      throw new SystemServiceError('connection-lost', `${what}: the ADS connection was closed`, null, null);
    }
    if (reply.errorCode !== 0) throw adsResultError(what, reply.errorCode);
    return reply;
  }
}

function decodeOrBadReply<T>(what: string, decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    const why = error instanceof ProtocolError ? error.message : 'unreadable';
    throw new SystemServiceError('bad-reply', `${what}: the reply does not have the expected layout (${why})`);
  }
}

function encodeText(encode: () => Uint8Array, what: string): Uint8Array {
  try {
    return encode();
  } catch (error) {
    throw new SystemServiceError('invalid-input', `the ${what} cannot be sent: ${(error as Error).message}`);
  }
}
