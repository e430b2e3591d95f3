import { describe, expect, it } from 'vitest';
import {
  AmsStreamParser,
  encodeAmsPacket,
  readDeviceInfoResponse,
  readStateResponse,
  type AmsPacket,
} from '../../../../shared/protocol/ams';
import { encodeTlsConnectInfo, TlsConnectFlag, decodeTlsConnectInfo } from '../../../../shared/protocol/tls-connect-info';
import { AmsChannel } from './ams-channel';
import { checkResponse } from '../secure/connect-info';
import type { ByteStream } from '../secure/secure-transport';

/** An in-memory peer: answers each AMS request through `respond`, delivering bytes in awkward pieces. */
function fakeStream(respond: (request: AmsPacket) => Uint8Array[]): ByteStream & { closed: boolean } {
  const parser = new AmsStreamParser({ tcpPrefix: false });
  const inbox: Uint8Array[] = [];
  const waiters: Array<(c: Uint8Array | null) => void> = [];
  const stream = {
    closed: false,
    write: async (data: Uint8Array) => {
      for (const request of parser.push(data)) for (const chunk of respond(request)) deliver(chunk);
    },
    read: () =>
      inbox.length
        ? Promise.resolve(inbox.shift()!)
        : stream.closed
          ? Promise.resolve(null)
          : new Promise<Uint8Array | null>((r) => waiters.push(r)),
    destroy: () => {
      stream.closed = true;
      for (const w of waiters.splice(0)) w(null);
    },
  };
  const deliver = (chunk: Uint8Array) => {
    const w = waiters.shift();
    if (w) w(chunk);
    else inbox.push(chunk);
  };
  return stream;
}

const opts = { tcpPrefix: false, localNetId: '10.0.0.1.1.1' };

describe('AmsChannel', () => {
  it('matches answers by invoke id even when they arrive split and out of order', async () => {
    let held: Uint8Array | null = null;
    const stream = fakeStream((req) => {
      const bytes =
        req.commandId === 4
          ? encodeAmsPacket(readStateResponse(req, { adsState: 5, deviceState: 0 }))
          : encodeAmsPacket(readDeviceInfoResponse(req, { major: 3, minor: 1, build: 4024, name: 'TwinCAT System' }));
      // A stray response with an unknown invoke id comes first; it must be ignored.
      const stray = encodeAmsPacket({ ...readStateResponse(req, { adsState: 6, deviceState: 0 }), invokeId: 999 });
      held = bytes;
      return [stray.subarray(0, 7), stray.subarray(7), held.subarray(0, 20), held.subarray(20)];
    });
    const channel = new AmsChannel(stream, opts);
    const verified = await channel.verify('5.1.2.3.1.1', 1000);
    expect(verified).toMatchObject({ adsStateName: 'Run', deviceName: 'TwinCAT System', version: '3.1.4024' });
    channel.close();
  });

  it('verify sends ReadState and ReadDeviceInfo in one write, and takes the device info even when it comes first', async () => {
    let stateAnswer: Uint8Array | null = null;
    // The target holds its ReadState answer and sends it after the ReadDeviceInfo answer.
    const stream = fakeStream((req) => {
      if (req.commandId === 4) {
        stateAnswer = encodeAmsPacket(readStateResponse(req, { adsState: 5, deviceState: 0 }));
        return [];
      }
      return [encodeAmsPacket(readDeviceInfoResponse(req, { major: 3, minor: 1, build: 4026, name: 'Plc30 App' })), stateAnswer!];
    });
    const writes: number[] = [];
    const write = stream.write;
    stream.write = (data) => {
      writes.push(new AmsStreamParser({ tcpPrefix: false }).push(data).length);
      return write(data);
    };
    const channel = new AmsChannel(stream, opts);
    await expect(channel.verify('5.1.2.3.1.1', 1000)).resolves.toMatchObject({ adsStateName: 'Run', deviceName: 'Plc30 App' });
    expect(writes).toEqual([2]);
    channel.close();
  });

  it('a failed ReadState is the answer even when ReadDeviceInfo succeeded; a failed write fails both at once', async () => {
    const stream = fakeStream((req) =>
      req.commandId === 4
        ? [encodeAmsPacket(readStateResponse(req, { adsState: 0, deviceState: 0, result: 0x701 }))]
        : [encodeAmsPacket(readDeviceInfoResponse(req, { major: 3, minor: 1, build: 4024, name: 'TwinCAT System' }))],
    );
    const channel = new AmsChannel(stream, opts);
    await expect(channel.verify('5.1.2.3.1.1', 1000)).rejects.toMatchObject({
      code: 'verify-failed',
      message: expect.stringMatching(/^ReadState answered with/),
    });
    channel.close();
    const broken = fakeStream(() => []);
    broken.write = () => Promise.reject(new Error('EPIPE'));
    const refused = new AmsChannel(broken, opts);
    // Well inside the 60 s timeout: the write's failure is the answer.
    await expect(refused.verify('5.1.2.3.1.1', 60_000)).rejects.toThrow('EPIPE');
    refused.close();
  });

  it('an ADS error code becomes verify-failed naming the error', async () => {
    const stream = fakeStream((req) => [
      encodeAmsPacket({ ...readStateResponse(req, { adsState: 0, deviceState: 0 }), errorCode: 0x7, data: new Uint8Array(0) }),
    ]);
    const channel = new AmsChannel(stream, opts);
    await expect(channel.verify('5.1.2.3.1.1', 1000)).rejects.toMatchObject({
      code: 'verify-failed',
      message: expect.stringMatching(/0x7/),
    });
    channel.close();
  });

  it('no answer: timeout; a closing peer: verify-failed; garbage: verify-failed without a crash', async () => {
    const silent = new AmsChannel(
      fakeStream(() => []),
      opts,
    );
    await expect(silent.readState('5.1.2.3.1.1', 50)).rejects.toMatchObject({ code: 'timeout' });
    silent.close();
    const closing = fakeStream(() => []);
    const channel = new AmsChannel(closing, opts);
    const pending = channel.readState('5.1.2.3.1.1', 2000);
    closing.destroy();
    await expect(pending).rejects.toMatchObject({ code: 'verify-failed' });
    const garbage = new AmsChannel(
      fakeStream(() => [new Uint8Array(40).fill(0xff)]),
      opts,
    );
    await expect(garbage.readState('5.1.2.3.1.1', 2000)).rejects.toMatchObject({
      code: 'verify-failed',
      message: expect.stringMatching(/malformed/),
    });
  });
});

describe('TlsConnectInfo response check', () => {
  const response = (error: number, flags: number = TlsConnectFlag.Response) =>
    decodeTlsConnectInfo(encodeTlsConnectInfo({ flags, error, netId: '5.1.2.3.1.1', hostname: 'CX' }));
  it.each([
    [4, 'auth-failed'],
    [3, 'cert-untrusted'],
    [2, 'cn-mismatch'],
    [1, 'tls-failed'],
    [9, 'tls-failed'],
  ])('error %i → %s', (error, code) => {
    expect(() => checkResponse(response(error))).toThrow(expect.objectContaining({ code }));
  });
  it('error 1 says the version is not supported; a missing Response flag is refused', () => {
    expect(() => checkResponse(response(1))).toThrow(/TlsConnectInfo version not supported/);
    expect(() => checkResponse(response(0, 0))).toThrow(expect.objectContaining({ code: 'tls-failed' }));
    expect(() => checkResponse(response(0))).not.toThrow();
  });
});
