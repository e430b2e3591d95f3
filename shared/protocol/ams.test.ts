import { describe, expect, it } from 'vitest';
import {
  adsErrorText,
  adsStateName,
  AdsState,
  AMS_STATE_RESPONSE,
  AmsStreamParser,
  decodeReadDeviceInfoResponse,
  decodeReadStateResponse,
  encodeAmsPacket,
  encodeAmsTcpFrame,
  readDeviceInfoRequest,
  readDeviceInfoResponse,
  readStateRequest,
  readStateResponse,
} from './ams';
import { concatBytes } from './bytes';
import { ProtocolError } from './errors';

const req = readStateRequest({ target: '5.13.117.96.1.1', source: '192.168.1.10.1.1', sourcePort: 40000, invokeId: 7 });

describe('AMS packets', () => {
  it('lays out the 32-byte header at the standard offsets', () => {
    const bytes = encodeAmsPacket(
      readDeviceInfoResponse(readDeviceInfoRequest({ target: '1.2.3.4.1.1', source: '5.6.7.8.1.1', invokeId: 0x01020304 }), {
        major: 3,
        minor: 1,
        build: 4024,
        name: 'TwinCAT System',
      }),
    );
    const view = new DataView(bytes.buffer);
    expect(Array.from(bytes.subarray(0, 6))).toEqual([5, 6, 7, 8, 1, 1]);
    expect(view.getUint16(16, true)).toBe(1);
    expect(view.getUint16(18, true)).toBe(AMS_STATE_RESPONSE);
    expect(view.getUint32(20, true)).toBe(24);
    expect(view.getUint32(28, true)).toBe(0x01020304);
    expect(bytes.length).toBe(56);
  });

  it('answers requests with swapped addresses and decodes the answers', () => {
    const [state] = new AmsStreamParser({ tcpPrefix: false }).push(
      encodeAmsPacket(readStateResponse(req, { adsState: AdsState.Run, deviceState: 0 })),
    );
    expect(state).toMatchObject({ targetNetId: '192.168.1.10.1.1', targetPort: 40000, sourcePort: 10000, invokeId: 7 });
    expect(decodeReadStateResponse(state!)).toEqual({ result: 0, adsState: 5, deviceState: 0 });
    expect(adsStateName(state ? decodeReadStateResponse(state).adsState : 0)).toBe('Run');
    const info = decodeReadDeviceInfoResponse(readDeviceInfoResponse(req, { major: 3, minor: 1, build: 4026, name: 'TwinCAT System' }));
    expect(info).toEqual({ result: 0, major: 3, minor: 1, build: 4026, name: 'TwinCAT System' });
    expect(decodeReadStateResponse({ ...req, data: Uint8Array.of(6, 0, 0, 0) }).result).toBe(6);
    expect(() => decodeReadStateResponse({ ...req, data: Uint8Array.of(0, 0) })).toThrow(ProtocolError);
  });

  it('explains common ADS errors', () => {
    expect(adsErrorText(0x6)).toContain('target port not found');
    expect(adsErrorText(0x7)).toContain('target machine not found');
    expect(adsErrorText(0x701)).toContain('service not supported');
    expect(adsErrorText(1861)).toContain('timeout');
    expect(adsErrorText(0x9999)).toBe('ADS error 0x9999 (39321)');
    expect(adsStateName(99)).toBe('Unknown(99)');
  });
});

describe('AmsStreamParser', () => {
  const frames = [0, 1, 2].map((i) => readStateResponse({ ...req, invokeId: i }, { adsState: 5, deviceState: i }));

  for (const tcpPrefix of [true, false]) {
    it(`reassembles frames split byte by byte and packed together (prefix ${tcpPrefix})`, () => {
      const encode = tcpPrefix ? encodeAmsTcpFrame : encodeAmsPacket;
      const stream = concatBytes(...frames.map(encode));
      const oneByOne = new AmsStreamParser({ tcpPrefix });
      const got = Array.from(stream).flatMap((b) => oneByOne.push(Uint8Array.of(b)));
      expect(got.map((p) => p.invokeId)).toEqual([0, 1, 2]);
      expect(oneByOne.buffered).toBe(0);
      const packed = new AmsStreamParser({ tcpPrefix });
      expect(packed.push(stream.subarray(0, 50)).length).toBe(tcpPrefix ? 1 : 1);
      expect(packed.push(stream.subarray(50)).map((p) => decodeReadStateResponse(p).deviceState)).toEqual([1, 2]);
    });
  }

  it('copies a largest frame trickled in a few bytes at a time about once, not once per chunk', () => {
    const data = Uint8Array.from({ length: 64 * 1024 }, (_, i) => i & 0xff);
    const big = encodeAmsTcpFrame({ ...req, invokeId: 9, data });
    const small = encodeAmsTcpFrame({ ...req, invokeId: 10 });
    const stream = concatBytes(big, small, big);
    const parser = new AmsStreamParser({ tcpPrefix: true });
    const got = [];
    for (let at = 0; at < stream.length; at += 7) got.push(...parser.push(stream.subarray(at, at + 7)));
    expect(got.map((p) => p.invokeId)).toEqual([9, 10, 9]);
    expect(got[2]?.data).toEqual(data);
    expect(parser.buffered).toBe(0);
    // Re-copying what is held on every chunk would move gigabytes here; a growable buffer moves about the input.
    expect(parser.copiedBytes).toBeLessThan(stream.length * 3);
  });

  it('hands out packets that later input does not overwrite', () => {
    const parser = new AmsStreamParser({ tcpPrefix: false });
    const [first] = parser.push(encodeAmsPacket({ ...req, invokeId: 1, data: Uint8Array.of(1, 2, 3) }));
    parser.push(encodeAmsPacket({ ...req, invokeId: 2, data: Uint8Array.of(9, 9, 9) }));
    expect(first?.data).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('rejects oversized lengths and a nonzero reserved field, then stays failed', () => {
    const big = encodeAmsPacket({ ...req, data: new Uint8Array(100) });
    expect(() => new AmsStreamParser({ tcpPrefix: false, maxFrame: 64 }).push(big)).toThrow(expect.objectContaining({ code: 'too-long' }));
    const bad = encodeAmsTcpFrame(req);
    bad[0] = 1;
    const parser = new AmsStreamParser({ tcpPrefix: true });
    expect(() => parser.push(bad)).toThrow(expect.objectContaining({ code: 'bad-frame' }));
    expect(() => parser.push(encodeAmsTcpFrame(req))).toThrow(ProtocolError);
    const huge = Uint8Array.of(0, 0, 0xff, 0xff, 0xff, 0x7f);
    expect(() => new AmsStreamParser({ tcpPrefix: true }).push(huge)).toThrow(expect.objectContaining({ code: 'too-long' }));
  });
});
