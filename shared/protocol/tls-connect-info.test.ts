import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes';
import { ProtocolError } from './errors';
import { decodeTlsConnectInfo, encodeTlsConnectInfo, TlsConnectFlag, TlsConnectInfoReader, tlsConnectErrorText } from './tls-connect-info';
import { seededRandom } from './testing/seeded-random';

const SPEC_VECTOR =
  '4e 00 f0 00 01 00 c0 a8 01 0a 01 01 0d 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00' +
  '45 4e 47 2d 50 43 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00' +
  '41 64 6d 69 6e 69 73 74 72 61 74 6f 72 31';

const SSC_ADD = TlsConnectFlag.AddRemote | TlsConnectFlag.SelfSigned | TlsConnectFlag.IpAddr | TlsConnectFlag.IgnoreCn;

describe('TlsConnectInfo', () => {
  it('reproduces the spec vector byte for byte and decodes it back', () => {
    const bytes = encodeTlsConnectInfo({
      flags: SSC_ADD,
      netId: '192.168.1.10.1.1',
      hostname: 'ENG-PC',
      user: 'Administrator',
      password: '1',
    });
    expect(toHex(bytes)).toBe(toHex(fromHex(SPEC_VECTOR)));
    expect(decodeTlsConnectInfo(bytes)).toEqual({
      length: 78,
      flags: 0xf0,
      version: 1,
      error: 0,
      netId: '192.168.1.10.1.1',
      hostname: 'ENG-PC',
      user: 'Administrator',
      password: '1',
    });
  });

  it('builds the 64-byte follow-up and server responses', () => {
    const follow = encodeTlsConnectInfo({ flags: TlsConnectFlag.SelfSigned, netId: '192.168.1.10.1.1', hostname: 'ENG-PC' });
    expect(toHex(follow.subarray(0, 4))).toBe('40001000');
    expect(follow.length).toBe(64);
    const denied = decodeTlsConnectInfo(
      encodeTlsConnectInfo({ flags: TlsConnectFlag.Response, error: 4, netId: '5.1.2.3.1.1', hostname: 'CX-1' }),
    );
    expect(denied).toMatchObject({ error: 4, hostname: 'CX-1' });
    expect(denied.user).toBeUndefined();
    expect(tlsConnectErrorText(denied.error)).toContain('wrong user name or password');
  });

  it('truncates long host names to 31 bytes plus NUL and encodes windows-1252', () => {
    const info = decodeTlsConnectInfo(
      encodeTlsConnectInfo({ flags: 0, netId: '1.2.3.4.1.1', hostname: 'H'.repeat(40), user: 'Jürgen', password: '€uro' }),
    );
    expect(info.hostname).toBe('H'.repeat(31));
    expect(info.user).toBe('Jürgen');
    expect(info.password).toBe('€uro');
  });

  it('refuses inconsistent or oversized input without leaking the password', () => {
    expect(() => encodeTlsConnectInfo({ flags: 0x80, netId: '1.2.3.4.1.1', hostname: 'h', user: 'u' })).toThrow(
      expect.objectContaining({ code: 'bad-field' }),
    );
    expect(() =>
      encodeTlsConnectInfo({ flags: 0x80, netId: '1.2.3.4.1.1', hostname: 'h', user: 'u'.repeat(250), password: 'p'.repeat(250) }),
    ).toThrow(expect.objectContaining({ code: 'too-long' }));
    try {
      encodeTlsConnectInfo({ flags: 0x80, netId: '1.2.3.4.1.1', hostname: 'h', user: 'u', password: 'topsecret密' });
      expect.unreachable();
    } catch (error) {
      expect((error as ProtocolError).code).toBe('unencodable-text');
      expect((error as Error).message).not.toContain('topsecret');
    }
    expect(() => decodeTlsConnectInfo(new Uint8Array(63))).toThrow(expect.objectContaining({ code: 'too-short' }));
    const lying = fromHex(SPEC_VECTOR);
    lying[12] = 200;
    expect(() => decodeTlsConnectInfo(lying)).toThrow(expect.objectContaining({ code: 'bad-field' }));
  });

  it('reader waits for the whole message and hands back what follows', () => {
    const bytes = fromHex(SPEC_VECTOR + 'aabb');
    const reader = new TlsConnectInfoReader();
    expect(reader.push(bytes.subarray(0, 1))).toBeNull();
    expect(reader.push(bytes.subarray(1, 70))).toBeNull();
    const done = reader.push(bytes.subarray(70));
    expect(done?.info.user).toBe('Administrator');
    expect(done?.rest).toEqual(Uint8Array.of(0xaa, 0xbb));
    expect(() => new TlsConnectInfoReader().push(Uint8Array.of(0x3f, 0))).toThrow(expect.objectContaining({ code: 'bad-field' }));
    expect(() => new TlsConnectInfoReader().push(Uint8Array.of(0x01, 0x02))).toThrow(ProtocolError);
  });

  it('hostile records give only ProtocolError', () => {
    const random = seededRandom(8016);
    for (let i = 0; i < 2000; i++) {
      const input = fromHex(SPEC_VECTOR);
      for (let f = 0; f < 3; f++) input[Math.floor(random() * 16)] = Math.floor(random() * 256);
      try {
        decodeTlsConnectInfo(input.subarray(0, Math.floor(random() * input.length) + 1));
      } catch (error) {
        expect(error).toBeInstanceOf(ProtocolError);
      }
    }
  });
});
