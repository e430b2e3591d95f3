import { describe, expect, it } from 'vitest';
import { ByteWriter, concatBytes } from './bytes';
import { ProtocolError } from './errors';
import { extractUdpPayloads, readPcapng } from './pcapng';
import { loadCaptures } from './vectors.test-support';

/** Hand-built pcapng so big-endian sections, SPBs, VLAN tags and raw IPv4 are covered too. */
function block(littleEndian: boolean, type: number, body: Uint8Array): Uint8Array {
  const padded = concatBytes(body, new Uint8Array((4 - (body.length % 4)) % 4));
  const out = new Uint8Array(12 + padded.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, type, littleEndian);
  view.setUint32(4, out.length, littleEndian);
  out.set(padded, 8);
  view.setUint32(out.length - 4, out.length, littleEndian);
  return out;
}

function u32s(littleEndian: boolean, ...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  values.forEach((v, i) => new DataView(out.buffer).setUint32(i * 4, v, littleEndian));
  return out;
}

function ipv4Udp(payload: Uint8Array): Uint8Array {
  const total = 28 + payload.length;
  const ip = Uint8Array.of(0x45, 0, total >> 8, total & 0xff, 0, 0, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 2);
  const udp = Uint8Array.of(0xd4, 0x31, 0xbf, 0x03, (8 + payload.length) >> 8, (8 + payload.length) & 0xff, 0, 0);
  return concatBytes(ip, udp, payload);
}

function capture(littleEndian: boolean, linkType: number, packets: Uint8Array[], simple = false): Uint8Array {
  const shb = block(
    littleEndian,
    0x0a0d0d0a,
    concatBytes(
      u32s(littleEndian, 0x1a2b3c4d),
      Uint8Array.of(1, 0, 0, 0).map((_, i) => (littleEndian ? [1, 0, 0, 0] : [0, 1, 0, 0])[i]!),
      new Uint8Array(8).fill(0xff),
    ),
  );
  const idbBody = new ByteWriter().u16(0).u16(0).u32(0).toBytes();
  new DataView(idbBody.buffer).setUint16(0, linkType, littleEndian);
  new DataView(idbBody.buffer).setUint32(4, 65535, littleEndian);
  const blocks = packets.map((data) =>
    simple
      ? block(littleEndian, 3, concatBytes(u32s(littleEndian, data.length), data))
      : block(littleEndian, 6, concatBytes(u32s(littleEndian, 0, 0, 0, data.length, data.length), data)),
  );
  return concatBytes(shb, block(littleEndian, 1, idbBody), block(littleEndian, 5, new Uint8Array(8)), ...blocks);
}

describe('pcapng', () => {
  const payload = Uint8Array.of(3, 0x66, 0x14, 0x71, 9);
  const ether = (tagged: boolean) =>
    concatBytes(new Uint8Array(12), tagged ? Uint8Array.of(0x81, 0, 0, 5) : new Uint8Array(0), Uint8Array.of(8, 0), ipv4Udp(payload));

  it('reads little- and big-endian sections, EPB and SPB, with 802.1Q', () => {
    for (const littleEndian of [true, false]) {
      for (const simple of [false, true]) {
        const found = extractUdpPayloads(capture(littleEndian, 1, [ether(false), ether(true)], simple));
        expect(found.map((f) => f.frame)).toEqual([1, 2]);
        expect(found[1]).toMatchObject({ srcIp: '127.0.0.1', dstIp: '127.0.0.2', srcPort: 54321, dstPort: 48899, payload });
      }
    }
  });

  it('reads raw IPv4 captures and filters by port', () => {
    expect(extractUdpPayloads(capture(true, 101, [ipv4Udp(payload)]), 48899)).toHaveLength(1);
    expect(extractUdpPayloads(capture(true, 228, [ipv4Udp(payload)]), 1234)).toHaveLength(0);
  });

  it('reads every real capture to the end', () => {
    for (const c of loadCaptures()) expect(readPcapng(c.bytes).length, c.name).toBeGreaterThan(0);
  });

  it('gives a typed error for every truncation of a real capture', () => {
    const real = loadCaptures().find((c) => c.name === 'iti-beckhoff-udp48899-only.pcapng')!.bytes;
    const total = readPcapng(real).length;
    for (let n = 0; n < real.length; n += 7) {
      try {
        expect(readPcapng(real.subarray(0, n)).length).toBeLessThan(total);
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
      }
    }
    expect(() => readPcapng(real.subarray(0, real.length - 3))).toThrow(expect.objectContaining({ code: 'truncated' }));
    expect(() => readPcapng(Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0))).toThrow(
      expect.objectContaining({ code: 'bad-magic' }),
    );
  });
});
