import { describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import type { CliIo } from '../command';
import { decodeCommand } from './decode';
import { toHex } from '../../../shared/protocol/bytes';
import { encodeAddRouteReply, encodeAddRouteRequest } from '../../../shared/protocol/udp48899';
import { vector } from '../../../shared/protocol/vectors.test-support';

const TC3_REPLY = toHex(vector('plc4x-disc-resp-tc3-win10-18363'));
const ADDROUTE_REQ =
  '036614710000000006000000c0a801c701011027050000000c000d005348454e4855414a362d50430007000600c0a801c701010d000e0041646d696e6973747261746f720002000200310005000d003139322e3136382e312e393900';

async function decode(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => '',
    interrupted: new Promise(() => {}),
  };
  const code = await runCli(['decode', ...args], [decodeCommand], io);
  return { code, out, err };
}

describe('adsroute decode', () => {
  it('prints a TC3 discovery reply as JSON with interpreted fields', async () => {
    const { code, out } = await decode(TC3_REPLY, '--json');
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json).toMatchObject({
      service: 1,
      response: true,
      invokeId: 0,
      netId: '192.168.2.221.1.1',
      port: 10000,
      hostname: 'DESKTOP-T0N6UNB',
      twincat: { major: 3, minor: 1, build: 4024, text: '3.1.4024' },
      os: { platform: 'windows', major: 10, minor: 0, build: 18363, csd: '', text: 'Windows 10 1909 (18363)' },
      fingerprint: '3c0972a48fdb76f12a81289a35d4a371e18fc30766082897018a8bf88d992dc8',
      secureAds: true,
    });
    expect(json.tags[0]).toEqual({ id: 5, name: 'hostname', len: 16, value: 'DESKTOP-T0N6UNB' });
    expect(json.tags[2]).toEqual({ id: 3, name: 'twincat-version', len: 4, value: '0301b80f' });
  });

  it('prints a readable table', async () => {
    const { code, out } = await decode(TC3_REPLY);
    expect(code).toBe(0);
    expect(out).toContain('UDP 48899 discovery reply (service 0x80000001)');
    expect(out).toMatch(/Host name\s+DESKTOP-T0N6UNB/);
    expect(out).toMatch(/OS\s+Windows 10 1909 \(18363\)/);
    expect(out).toMatch(/Secure ADS\s+yes/);
  });

  it('never prints the password of an add-route request', async () => {
    const secret = encodeAddRouteRequest({
      senderNetId: '10.1.1.1.1.1',
      routeName: 'ENG',
      netId: '10.1.1.1.1.1',
      user: 'Administrator',
      password: 'S3cr3t!',
      address: '10.1.1.1',
      temporary: true,
    });
    for (const args of [[toHex(secret)], [toHex(secret), '--json']]) {
      const { code, out, err } = await decode(...args);
      expect(code).toBe(0);
      expect(out + err).not.toContain('S3cr3t');
      expect(out + err).not.toContain(toHex(new TextEncoder().encode('S3cr3t')));
      expect(out).toContain('***');
    }
    const json = JSON.parse((await decode(ADDROUTE_REQ, '--json')).out);
    expect(json).toMatchObject({
      service: 6,
      response: false,
      routeName: 'SHENHUAJ6-PC',
      routeNetId: '192.168.1.199.1.1',
      address: '192.168.1.99',
      user: 'Administrator',
      password: '***',
      temporary: false,
    });
    expect(json.tags.find((t: { id: number }) => t.id === 2)).toEqual({ id: 2, name: 'password', len: 2, value: '***' });
  });

  it('shows add-route status and its meaning', async () => {
    const json = JSON.parse((await decode(toHex(encodeAddRouteReply({ netId: '5.13.117.96.1.1', status: 0x704 })), '--json')).out);
    expect(json).toMatchObject({ status: 0x704, statusText: 'wrong user name or password (ADSERR_DEVICE_INVALIDACCESS)' });
    expect(json.tags[0]).toEqual({ id: 1, name: 'status', len: 4, value: 0x704 });
  });

  it('exits 1 naming the problem for a malformed datagram, 2 for text that is not hex or no input at all', async () => {
    expect(await decode('78563412' + '00'.repeat(20))).toMatchObject({
      code: 1,
      err: 'adsroute decode: bad magic 0x12345678 at offset 0\n',
      out: '',
    });
    expect((await decode(TC3_REPLY.slice(0, 120))).err).toMatch(
      /^adsroute decode: tag 0x0004 at offset \d+ claims 276 bytes but only \d+ remain\n$/,
    );
    // Not hex at all is a mistake on the command line, like any other usage error: exit 2 with the usage.
    const odd = await decode('0366147');
    expect(odd.code).toBe(2);
    expect(odd.err).toMatch(/^adsroute decode: HEX: odd number of hex digits \(7\)\n\nUsage: adsroute decode/);
    expect((await decode('zz')).code).toBe(2);
    expect((await decode()).code).toBe(2);
  });
});
