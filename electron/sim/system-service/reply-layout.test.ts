import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adsReadRequest, adsReadWriteRequest, adsWriteControlRequest, adsWriteRequest } from '../../../shared/protocol/ads-commands';
import {
  AdsCommand,
  AMS_STATE_REQUEST,
  readDeviceInfoRequest,
  readStateRequest,
  type AdsRequestTarget,
  type AmsPacket,
} from '../../../shared/protocol/ams';
import { ByteWriter } from '../../../shared/protocol/bytes';
import { encodeNulString, fileOpenOffset, FileMode, FolderKind, SystemIndexGroup } from '../../../shared/protocol/system-service';
import { adsTcpExchange } from '../test-support';
import { AmsChannel } from '../../services/ads/transport/ams-channel';
import { connectTcp, socketStream } from '../../services/ads/transport/tcp-stream';
import { startVirtualTarget, type VirtualTarget } from '../index';
import { MAX_OPEN_FILES } from './index';
import { plainRoute, stateWithRoutes } from './test-routes';

// Addresses 127.0.120.x belong to this file.
const ADDRESS = '127.0.120.1';
const CLIENT = '10.0.120.1.1.1';
const UNSUPPORTED = 0x4020;

let target: VirtualTarget;
let stateDir: string;

beforeAll(async () => {
  stateDir = await stateWithRoutes([plainRoute('TEST-CLIENT', CLIENT)]);
  target = await startVirtualTarget({ address: ADDRESS, tls: false, stateDir });
});

afterAll(async () => {
  await target?.stop();
  await rm(stateDir, { recursive: true, force: true });
});

function to(invokeId: number): AdsRequestTarget {
  return { target: target.netId, source: CLIENT, invokeId };
}

function raw(commandId: number, invokeId: number, data: Uint8Array): AmsPacket {
  return {
    targetNetId: target.netId,
    targetPort: 10000,
    sourceNetId: CLIENT,
    sourcePort: 32905,
    commandId,
    stateFlags: AMS_STATE_REQUEST,
    errorCode: 0,
    invokeId,
    data,
  };
}

function addNotification(invokeId: number, indexGroup: number): AmsPacket {
  return raw(
    AdsCommand.AddNotification,
    invokeId,
    new ByteWriter().u32(indexGroup).u32(0).u32(4).u32(3).u32(0).u32(100).zeros(16).toBytes(),
  );
}

/** The body length each command's reply must have, given the reply (Read/ReadWrite carry their own length). */
function expectedLength(reply: AmsPacket): number {
  const view = new DataView(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength);
  switch (reply.commandId) {
    case AdsCommand.Read:
    case AdsCommand.ReadWrite:
      return 8 + view.getUint32(4, true);
    case AdsCommand.AddNotification:
    case AdsCommand.ReadState:
      return 8;
    case AdsCommand.ReadDeviceInfo:
      return 24;
    default:
      return 4;
  }
}

const result = (reply: AmsPacket) => new DataView(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength).getUint32(0, true);

describe('every ADS reply has the full layout of its command', () => {
  const cases: Array<[string, (id: number) => AmsPacket, number]> = [
    ['ReadDeviceInfo', (id) => readDeviceInfoRequest(to(id)), 0],
    ['ReadState', (id) => readStateRequest(to(id)), 0],
    ['Read, supported (803 route 0)', (id) => adsReadRequest(to(id), SystemIndexGroup.EnumRoutes, 0, 1024), 0],
    ['Read, past the route list', (id) => adsReadRequest(to(id), SystemIndexGroup.EnumRoutes, 99, 1024), 0x70c],
    ['Read, unsupported index group', (id) => adsReadRequest(to(id), UNSUPPORTED, 0, 4), 0x701],
    [
      'Write, supported (802 unknown name)',
      (id) => adsWriteRequest(to(id), SystemIndexGroup.RemoveRoute, 0, encodeNulString('nobody')),
      0x70c,
    ],
    ['Write, unsupported index group', (id) => adsWriteRequest(to(id), UNSUPPORTED, 0, new Uint8Array(4)), 0x701],
    [
      'ReadWrite, supported (open a missing file)',
      (id) =>
        adsReadWriteRequest(
          to(id),
          SystemIndexGroup.FileOpen,
          fileOpenOffset(FileMode.Read, FolderKind.Target),
          4,
          encodeNulString('missing.xml'),
        ),
      0x70c,
    ],
    [
      'ReadWrite, supported (open StaticRoutes.xml)',
      (id) =>
        adsReadWriteRequest(
          to(id),
          SystemIndexGroup.FileOpen,
          fileOpenOffset(FileMode.Read, FolderKind.Target),
          4,
          encodeNulString('StaticRoutes.xml'),
        ),
      0,
    ],
    ['ReadWrite, unsupported index group', (id) => adsReadWriteRequest(to(id), UNSUPPORTED, 0, 16, new Uint8Array(0)), 0x701],
    ['WriteControl, unsupported state', (id) => adsWriteControlRequest(to(id), 7, 0), 0x70b],
    ['AddNotification, unsupported index group', (id) => addNotification(id, UNSUPPORTED), 0x701],
    ['DelNotification', (id) => raw(AdsCommand.DelNotification, id, new ByteWriter().u32(1).toBytes()), 0x701],
    ['Write with a body shorter than its header', (id) => raw(AdsCommand.Write, id, new Uint8Array(6)), 0x705],
    ['Read with an empty body', (id) => raw(AdsCommand.Read, id, new Uint8Array(0)), 0x705],
  ];

  it.each(cases)('%s', async (_name, build, expected) => {
    // A second request on the same connection proves the client is not left waiting for missing bytes.
    const answers = await adsTcpExchange(ADDRESS, 48898, [build(1), readStateRequest(to(2))]);
    expect(answers).not.toBe('closed');
    const [reply, next] = answers as AmsPacket[];
    expect(reply!.errorCode).toBe(0);
    expect(result(reply!)).toBe(expected);
    expect(reply!.data.length).toBe(expectedLength(reply!));
    expect(next).toMatchObject({ invokeId: 2, commandId: AdsCommand.ReadState });
  });

  it('answers an unknown command id in the AMS header, and sends nothing for a notification sample', async () => {
    const answers = await adsTcpExchange(
      ADDRESS,
      48898,
      [raw(42, 1, new Uint8Array(0)), raw(AdsCommand.DeviceNotification, 2, new Uint8Array(8)), readStateRequest(to(3))],
      3000,
      2,
    );
    const [unknown, next] = answers as AmsPacket[];
    expect(unknown).toMatchObject({ invokeId: 1, errorCode: 0x8, data: new Uint8Array(0) });
    expect(next).toMatchObject({ invokeId: 3, commandId: AdsCommand.ReadState });
  });

  it('bounds the open file handles; closing one makes room again', async () => {
    const socket = await connectTcp({ host: ADDRESS, port: 48898, timeoutMs: 3000, service: 'ADS', refusedFix: '' });
    const channel = new AmsChannel(socketStream(socket), { tcpPrefix: true, localNetId: CLIENT });
    try {
      const open = () =>
        channel.request(
          (id) =>
            adsReadWriteRequest(
              to(id),
              SystemIndexGroup.FileOpen,
              fileOpenOffset(FileMode.Read, FolderKind.Target),
              4,
              encodeNulString('StaticRoutes.xml'),
            ),
          3000,
        );
      const opened: AmsPacket[] = [];
      for (let i = 0; i < MAX_OPEN_FILES; i++) opened.push(await open());
      expect(opened.map(result)).toEqual(new Array(MAX_OPEN_FILES).fill(0));
      expect(result(await open())).toBe(0x716);
      const handle = new DataView(opened[0]!.data.buffer, opened[0]!.data.byteOffset).getUint32(8, true);
      const closed = await channel.request(
        (id) => adsReadWriteRequest(to(id), SystemIndexGroup.FileClose, handle, 0, new Uint8Array(0)),
        3000,
      );
      expect(result(closed)).toBe(0);
      expect(result(await open())).toBe(0);
    } finally {
      channel.close();
    }
  });
});
