import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adsWriteRequest } from '../../shared/protocol/ads-commands';
import { decodeReadDeviceInfoResponse, decodeReadStateResponse, readDeviceInfoRequest, readStateRequest } from '../../shared/protocol/ams';
import { encodeAddRouteRequest, decodeUdpMessage, interpretAddRouteReply } from '../../shared/protocol/udp48899';
import { adsTcpExchange, udpExchange } from './test-support';
import { startVirtualTargets, type VirtualTarget } from './index';

// Addresses 127.0.91.x belong to this file.
const RUN = '127.0.91.1';
const CONFIG = '127.0.91.2';
const SECURE_ONLY = '127.0.91.3';
const CLIENT = '10.0.91.1.1.1';

let targets: VirtualTarget[];

beforeAll(async () => {
  targets = await startVirtualTargets([
    { address: RUN, name: 'RUN-PLC', twincat: '3.1.4024' },
    { address: CONFIG, name: 'CFG-PLC', runState: 'config', tls: false },
    { address: SECURE_ONLY, name: 'SECURE', secureOnly: true, tls: false },
  ]);
  for (const address of [RUN, CONFIG, SECURE_ONLY]) {
    const reply = await udpExchange(
      address,
      48899,
      encodeAddRouteRequest({
        senderNetId: CLIENT,
        routeName: 'TEST',
        netId: CLIENT,
        user: 'Administrator',
        password: '1',
        address: '127.0.0.1',
      }),
    );
    expect(interpretAddRouteReply(decodeUdpMessage(new Uint8Array(reply!))).status).toBe(0);
  }
});
afterAll(async () => {
  await Promise.all(targets.map((t) => t.stop()));
});

const target = (address: string) => `${address}.1.1`;

describe('plain ADS on TCP 48898', () => {
  it('answers ReadState (RUN) and ReadDeviceInfo ("TwinCAT System", TwinCAT version) for a routed NetId', async () => {
    const answers = await adsTcpExchange(RUN, 48898, [
      readStateRequest({ target: target(RUN), source: CLIENT, invokeId: 7 }),
      readDeviceInfoRequest({ target: target(RUN), source: CLIENT, invokeId: 8 }),
    ]);
    expect(answers).not.toBe('closed');
    const [state, info] = answers as [never, never];
    expect(state).toMatchObject({ invokeId: 7, sourceNetId: target(RUN), targetNetId: CLIENT, stateFlags: 5, errorCode: 0 });
    expect(decodeReadStateResponse(state)).toEqual({ result: 0, adsState: 5, deviceState: 0 });
    expect(decodeReadDeviceInfoResponse(info)).toEqual({ result: 0, major: 3, minor: 1, build: 4024, name: 'TwinCAT System' });
  });

  it('reports CONFIG mode as ADS state 15', async () => {
    const answers = await adsTcpExchange(CONFIG, 48898, [readStateRequest({ target: target(CONFIG), source: CLIENT, invokeId: 1 })]);
    expect(decodeReadStateResponse((answers as never[])[0]!)).toMatchObject({ adsState: 15 });
  });

  it('closes the connection when the source NetId has no route, and logs why', async () => {
    const answers = await adsTcpExchange(RUN, 48898, [readStateRequest({ target: target(RUN), source: '9.9.9.9.1.1', invokeId: 1 })]);
    expect(answers).toBe('closed');
    const run = targets[0]!;
    expect(run.log()).toContainEqual(expect.objectContaining({ kind: 'connection-failed', transport: 'tcp', reason: 'no-route' }));
  });

  it('refuses every plain connection under SecureOnly even with a route', async () => {
    const answers = await adsTcpExchange(SECURE_ONLY, 48898, [
      readStateRequest({ target: target(SECURE_ONLY), source: CLIENT, invokeId: 1 }),
    ]);
    expect(answers).toBe('closed');
    expect(targets[2]!.log()).toContainEqual(expect.objectContaining({ reason: 'secure-only' }));
  });

  it('answers an unsupported index group with ADS error 0x701 and a wrong AMS port with 0x6', async () => {
    const write = adsWriteRequest({ target: target(RUN), source: CLIENT, invokeId: 3 }, 0x4020, 0, new Uint8Array(4));
    const wrongPort = readStateRequest({ target: target(RUN), targetPort: 851, source: CLIENT, invokeId: 4 });
    const [w, p] = (await adsTcpExchange(RUN, 48898, [write, wrongPort])) as [never, never];
    expect(new DataView((w as { data: Uint8Array }).data.buffer).getUint32(0, true)).toBe(0x701);
    expect(p).toMatchObject({ errorCode: 0x6, invokeId: 4 });
  });
});
