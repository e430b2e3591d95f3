import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import { ProtocolError } from './errors';
import { encodeOsBlob } from './os-version';
import {
  decodeUdpMessage,
  encodeAddRouteReply,
  encodeAddRouteRequest,
  encodeDiscoveryReply,
  encodeDiscoveryRequest,
  interpretAddRouteReply,
  interpretAddRouteRequest,
  interpretDiscoveryReply,
  tagName,
  tryDecodeUdpMessage,
  UdpTag,
  type UdpMessage,
} from './udp48899';
import { extractUdpPayloads } from './pcapng';
import { seededRandom } from './testing/seeded-random';
import { loadCaptures, loadVectors, vector } from './vectors.test-support';

const TC3_FINGERPRINT = '3c0972a48fdb76f12a81289a35d4a371e18fc30766082897018a8bf88d992dc8';

/** Runs decode and every interpreter; anything but a ProtocolError is a bug. */
function decodeAll(bytes: Uint8Array): 'ok' | ProtocolError {
  try {
    const msg = decodeUdpMessage(bytes);
    for (const interpret of [interpretDiscoveryReply, interpretAddRouteRequest, interpretAddRouteReply] as const) {
      try {
        interpret(msg);
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
      }
    }
    return 'ok';
  } catch (error) {
    if (error instanceof ProtocolError) return error;
    throw error;
  }
}

describe('real vectors', () => {
  const vectors = loadVectors();

  it('decodes every line of vectors.txt', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(19);
    for (const v of vectors) expect(tryDecodeUdpMessage(v.bytes), v.id).toMatchObject({ ok: true });
  });

  it('reads the TC3 4024 / Windows 10 discovery reply', () => {
    const msg = decodeUdpMessage(vector('plc4x-disc-resp-tc3-win10-18363'));
    expect(msg).toMatchObject({ service: 1, response: true, netId: '192.168.2.221.1.1', port: 10000, invokeId: 0 });
    expect(msg.tags.map((t) => t.id)).toEqual([5, 4, 3, 0x12]);
    const info = interpretDiscoveryReply(msg);
    expect(info.hostname).toBe('DESKTOP-T0N6UNB');
    expect(info.twincat?.text).toBe('3.1.4024');
    expect(info.os).toMatchObject({ platform: 'windows', major: 10, minor: 0, build: 18363, text: 'Windows 10 1909 (18363)' });
    expect(info.fingerprint).toBe(TC3_FINGERPRINT);
    expect(info.unknownTags).toEqual([]);
  });

  it('reads the TwinCAT 2 / CE 6 discovery replies', () => {
    const cx = interpretDiscoveryReply(decodeUdpMessage(vector('iti-cx-ce6-tc2.11.2228-disc-resp')));
    expect(cx).toMatchObject({ hostname: 'CX_0D7560', netId: '5.13.117.96.1.1', fingerprint: null });
    expect(cx.twincat?.text).toBe('2.11.2228');
    expect(cx.os?.text).toBe('Windows CE 6.0');
    const home = interpretDiscoveryReply(decodeUdpMessage(vector('plc4x-disc-resp-tc2-ce6-PLC_HOME')));
    expect(home).toMatchObject({ hostname: 'PLC_HOME', netId: '5.28.91.140.1.1' });
    expect(home.twincat?.text).toBe('2.11.2241');
    expect(home.os?.platform).toBe('windows-ce');
  });

  it('reads discovery requests from every client', () => {
    expect(decodeUdpMessage(vector('client-adstool-netid-req'))).toMatchObject({
      service: 1,
      response: false,
      netId: '0.0.0.0.1.1',
      port: 0,
      tags: [],
    });
    expect(decodeUdpMessage(vector('client-pyads-getnetid-req'))).toMatchObject({ netId: '1.1.1.1.1.1', port: 10000 });
    expect(decodeUdpMessage(vector('iti-tc2sysmgr-disc-req')).netId).toBe('192.168.1.199.1.1');
  });

  it('reads add-route requests by IP and by host name', () => {
    const byIp = interpretAddRouteRequest(decodeUdpMessage(vector('iti-addroute-req-by-ip')));
    expect(byIp).toEqual({
      routeName: 'SHENHUAJ6-PC',
      netId: '192.168.1.199.1.1',
      user: 'Administrator',
      password: '1',
      address: '192.168.1.99',
      temporary: false,
      maxFragment: null,
      encryptedCredentials: false,
    });
    expect(interpretAddRouteRequest(decodeUdpMessage(vector('iti-addroute-req-by-hostname'))).address).toBe('SHENHUAJ6-PC');
    const guest = interpretAddRouteRequest(decodeUdpMessage(vector('client-adstool-addroute-req-guest')));
    expect(guest).toMatchObject({ routeName: 'Testroute', user: 'guest', password: 'wrong', address: '192.168.1.50' });
  });

  it('reads add-route replies', () => {
    for (const id of ['iti-addroute-resp-ok', 'plc4x-addroute-resp-ok', 'plc4x-addroute-resp-tc2-ok']) {
      expect(interpretAddRouteReply(decodeUdpMessage(vector(id)))).toEqual({ status: 0, statusText: 'OK' });
    }
  });

  it('decodes every UDP 48899 datagram in every capture', () => {
    const expected: Record<string, number> = {
      'iti-addroute.pcapng': 4,
      'iti-addroute1.pcapng': 4,
      'iti-beckhoff-udp48899-only.pcapng': 32,
      'iti-beckoffaddroute.pcapng': 6,
      'iti-beckofflink.pcapng': 2,
      'iti-invokeid12.pcapng': 2,
    };
    const captures = loadCaptures();
    expect(captures.map((c) => c.name)).toEqual(Object.keys(expected));
    for (const capture of captures) {
      const datagrams = extractUdpPayloads(capture.bytes, 48899);
      expect(datagrams.length, capture.name).toBe(expected[capture.name]);
      for (const d of datagrams) {
        const msg = decodeUdpMessage(d.payload);
        if (msg.response && msg.service === 1) expect(interpretDiscoveryReply(msg).hostname).toBe('CX_0D7560');
        if (msg.response && msg.service === 6) expect(interpretAddRouteReply(msg).status).toBe(0);
        if (!msg.response && msg.service === 6) expect(interpretAddRouteRequest(msg).user).toBe('Administrator');
      }
    }
  });

  it('finds the same frames Wireshark shows in addroute.pcapng', () => {
    const capture = loadCaptures().find((c) => c.name === 'iti-addroute.pcapng')!;
    const datagrams = extractUdpPayloads(capture.bytes, 48899);
    expect(datagrams.map((d) => d.frame)).toEqual([127, 128, 187, 188]);
    expect(toHex(datagrams[2]!.payload)).toBe(toHex(vector('iti-addroute-req-by-ip')));
    expect(datagrams[1]).toMatchObject({ srcIp: '192.168.1.8', dstIp: '192.168.1.99', srcPort: 48899, dstPort: 48899 });
  });
});

describe('encoders reproduce the wire', () => {
  it('builds the 24-byte discovery request', () => {
    expect(toHex(encodeDiscoveryRequest({ netId: '192.168.1.199.1.1' }))).toBe(toHex(vector('iti-tc2sysmgr-disc-req')));
    expect(toHex(encodeDiscoveryRequest({ netId: '0.0.0.0.1.1', port: 0 }))).toBe(toHex(vector('client-adstool-netid-req')));
  });

  it('builds the CX discovery reply byte for byte', () => {
    const bytes = encodeDiscoveryReply({
      netId: '5.13.117.96.1.1',
      hostname: 'CX_0D7560',
      os: encodeOsBlob({ platformId: 3, major: 6, minor: 0, build: 0, csd: '', wide: true }),
      twincat: { major: 2, minor: 11, build: 2228 },
    });
    expect(toHex(bytes)).toBe(toHex(vector('iti-cx-ce6-tc2.11.2228-disc-resp')));
  });

  it('builds the TC3 discovery reply with a fingerprint byte for byte', () => {
    const bytes = encodeDiscoveryReply({
      netId: '192.168.2.221.1.1',
      hostname: 'DESKTOP-T0N6UNB',
      os: encodeOsBlob({ platformId: 2, major: 10, minor: 0, build: 18363, csd: '', wide: true }),
      twincat: { major: 3, minor: 1, build: 4024 },
      fingerprint: TC3_FINGERPRINT.toUpperCase(),
    });
    expect(toHex(bytes)).toBe(toHex(vector('plc4x-disc-resp-tc3-win10-18363')));
  });

  it('builds add-route requests in TwinCAT tag order', () => {
    const bytes = encodeAddRouteRequest({
      senderNetId: '192.168.1.199.1.1',
      routeName: 'SHENHUAJ6-PC',
      netId: '192.168.1.199.1.1',
      user: 'Administrator',
      password: '1',
      address: '192.168.1.99',
    });
    expect(toHex(bytes)).toBe(toHex(vector('iti-addroute-req-by-ip')));
    const adstool = encodeAddRouteRequest({
      senderNetId: '192.168.1.50.1.1',
      port: 0,
      routeName: 'Testroute',
      netId: '192.168.1.50.1.1',
      user: 'guest',
      password: 'wrong',
      address: '192.168.1.50',
    });
    expect(toHex(adstool)).toBe(toHex(vector('client-adstool-addroute-req-guest')));
  });

  it('round-trips temporary routes, max fragment, UTF-8 names and the empty password', () => {
    const bytes = encodeAddRouteRequest({
      senderNetId: '10.0.0.5.1.1',
      routeName: 'Prüfstand-PC',
      netId: '10.0.0.5.1.1',
      user: 'Administrator',
      password: '',
      address: '10.0.0.5',
      temporary: true,
      maxFragment: 8192,
      invokeId: 7,
    });
    const msg = decodeUdpMessage(bytes);
    expect(msg.tags.map((t) => t.id)).toEqual([0x0c, 7, 0x10, 0x0d, 2, 5, 9]);
    expect(msg.tags.find((t) => t.id === UdpTag.Password)!.value).toEqual(Uint8Array.of(0));
    expect(interpretAddRouteRequest(msg)).toEqual({
      routeName: 'Prüfstand-PC',
      netId: '10.0.0.5.1.1',
      user: 'Administrator',
      password: '',
      address: '10.0.0.5',
      temporary: true,
      maxFragment: 8192,
      encryptedCredentials: false,
    });
    expect(msg.invokeId).toBe(7);
  });

  it('builds 32-byte add-route replies and names the status', () => {
    const ok = encodeAddRouteReply({ netId: '5.13.117.96.1.1', status: 0 });
    expect(toHex(ok)).toBe(toHex(vector('iti-addroute-resp-ok')));
    const denied = encodeAddRouteReply({ netId: '5.13.117.96.1.1', status: 0x704 });
    expect(denied.length).toBe(32);
    expect(interpretAddRouteReply(decodeUdpMessage(denied)).statusText).toBe('wrong user name or password (ADSERR_DEVICE_INVALIDACCESS)');
    expect(interpretAddRouteReply(decodeUdpMessage(encodeAddRouteReply({ netId: '1.2.3.4.1.1', status: 0x706 }))).statusText).toBe(
      'missing data (ADSERR_DEVICE_INVALIDDATA)',
    );
    expect(interpretAddRouteReply(decodeUdpMessage(encodeAddRouteReply({ netId: '1.2.3.4.1.1', status: 0x70c }))).statusText).toContain(
      'ADSERR_DEVICE_NOTFOUND',
    );
    expect(interpretAddRouteReply(decodeUdpMessage(encodeAddRouteReply({ netId: '1.2.3.4.1.1', status: 0xabcd }))).statusText).toContain(
      '0xABCD',
    );
  });

  it('refuses values it cannot encode, without echoing the password', () => {
    const base = { senderNetId: '1.2.3.4.1.1', routeName: 'r', netId: '1.2.3.4.1.1', user: 'u', password: 'p', address: 'a' };
    expect(() => encodeAddRouteRequest({ ...base, netId: '1.2.3.4.1' })).toThrow(expect.objectContaining({ code: 'bad-netid' }));
    try {
      encodeAddRouteRequest({ ...base, password: 'sec\0ret' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProtocolError);
      expect((error as ProtocolError).code).toBe('bad-string');
      expect((error as Error).message).not.toContain('sec');
    }
    expect(() =>
      encodeDiscoveryReply({
        netId: '1.2.3.4.1.1',
        hostname: 'h',
        os: new Uint8Array(0),
        twincat: { major: 3, minor: 1, build: 4024 },
        fingerprint: 'abc',
      }),
    ).toThrow(ProtocolError);
  });
});

describe('interpretation', () => {
  const reply = (): UdpMessage => decodeUdpMessage(vector('plc4x-disc-resp-tc3-win10-18363'));

  it('names known and unknown tags', () => {
    expect(tagName(UdpTag.Fingerprint)).toBe('fingerprint');
    expect(tagName(0x42)).toBe('unknown-0x0042');
  });

  it('keeps unknown and duplicate tags; the first duplicate wins', () => {
    const msg = reply();
    msg.tags.push({ id: 0x42, name: tagName(0x42), value: Uint8Array.of(1, 2) });
    msg.tags.push({ id: 5, name: 'hostname', value: new TextEncoder().encode('OTHER\0') });
    const info = interpretDiscoveryReply(msg);
    expect(info.hostname).toBe('DESKTOP-T0N6UNB');
    expect(info.unknownTags.map((t) => t.id)).toEqual([0x42]);
  });

  it('rejects a request where a reply is expected, and a reply without hostname', () => {
    expect(() => interpretDiscoveryReply(decodeUdpMessage(vector('plc4x-disc-req-tc2')))).toThrow(
      expect.objectContaining({ code: 'bad-service' }),
    );
    const msg = reply();
    msg.tags = msg.tags.filter((t) => t.id !== 5);
    expect(() => interpretDiscoveryReply(msg)).toThrow(expect.objectContaining({ code: 'missing-tag' }));
    expect(() => interpretAddRouteReply(decodeUdpMessage(vector('iti-addroute-req-by-ip')))).toThrow(ProtocolError);
  });

  it('treats a broken optional tag as absent rather than losing the device', () => {
    const msg = reply();
    msg.tags = msg.tags.map((t) =>
      t.id === 4 ? { ...t, value: Uint8Array.of(1, 2) } : t.id === 0x12 ? { ...t, value: Uint8Array.of(0x7a, 0) } : t,
    );
    const info = interpretDiscoveryReply(msg);
    expect(info.os).toBeNull();
    expect(info.fingerprint).toBeNull();
    expect(info.twincat?.text).toBe('3.1.4024');
  });

  it('flags XAE encrypted credentials', () => {
    const xae = fromHex(
      '03661471 00000000 06000000 c0a802e80101 1027 05000000 0c001000' +
        toHex(new TextEncoder().encode('DESKTOP-OM18VQ9\0')) +
        '07000600 c0a802e80101 0f001000 3e92e0a029915511c09407a8350b0c9c 0e001000 4b161973d53d4032e10161e0150c6c57 0500 0e00' +
        toHex(new TextEncoder().encode('192.168.2.232\0')),
    );
    expect(interpretAddRouteRequest(decodeUdpMessage(xae))).toMatchObject({
      encryptedCredentials: true,
      user: null,
      password: null,
      routeName: 'DESKTOP-OM18VQ9',
    });
  });
});

describe('malformed input', () => {
  const vectors = loadVectors();

  it('names the problem and offset', () => {
    const short = tryDecodeUdpMessage(new Uint8Array(10));
    expect(short.ok || short.error.code).toBe('too-short');
    const magic = tryDecodeUdpMessage(fromHex('78563412' + '00'.repeat(20)));
    expect(magic.ok || magic.error.message).toBe('bad magic 0x12345678 at offset 0');
    const cx = vector('iti-cx-ce6-tc2.11.2228-disc-resp');
    const cut = tryDecodeUdpMessage(cx.subarray(0, 52));
    expect(cut.ok || cut.error.message).toBe('tag 0x0004 at offset 38 claims 276 bytes but only 10 remain');
    const counted = cx.slice();
    counted[20] = 4;
    const mismatch = tryDecodeUdpMessage(counted);
    expect(mismatch.ok || mismatch.error.code).toBe('tag-count-mismatch');
  });

  it('tolerates trailing bytes after the announced tags', () => {
    const padded = new Uint8Array([...vector('iti-addroute-resp-ok'), 0, 0, 0]);
    expect(interpretAddRouteReply(decodeUdpMessage(padded)).status).toBe(0);
  });

  it('gives a ProtocolError for every truncation of every vector', () => {
    for (const v of vectors) {
      const full = v.bytes;
      for (let n = 0; n < full.length; n++) {
        const result = decodeAll(full.subarray(0, n));
        // A prefix ending exactly after a tag (or a 0-tag header) is still a valid shorter message only if counts agree.
        if (result !== 'ok') expect(result).toBeInstanceOf(ProtocolError);
        else expect(n).toBeGreaterThanOrEqual(24);
      }
    }
  });

  it('never throws anything but ProtocolError on flipped bytes and random data (10,000 inputs)', () => {
    const random = seededRandom(0x48899);
    let rejected = 0;
    for (let i = 0; i < 10_000; i++) {
      let input: Uint8Array;
      if (i % 2 === 0) {
        const base = vectors[i % vectors.length]!.bytes.slice();
        const flips = 1 + Math.floor(random() * 4);
        for (let f = 0; f < flips; f++) base[Math.floor(random() * base.length)] = Math.floor(random() * 256);
        input = base;
      } else {
        input = new Uint8Array(Math.floor(random() * 120));
        for (let b = 0; b < input.length; b++) input[b] = Math.floor(random() * 256);
        if (i % 4 === 1 && input.length >= 4) input.set([0x03, 0x66, 0x14, 0x71]);
      }
      if (decodeAll(input) !== 'ok') rejected++;
    }
    expect(rejected).toBeGreaterThan(1000);
  });
});
