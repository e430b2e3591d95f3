import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../shared/protocol/bytes';
import { decodeOsBlob } from '../../shared/protocol/os-version';
import {
  decodeUdpMessage,
  encodeAddRouteRequest,
  encodeDiscoveryRequest,
  interpretAddRouteReply,
  interpretDiscoveryReply,
  UdpTag,
} from '../../shared/protocol/udp48899';
import { udpExchange } from './test-support';
import { startVirtualTargets, type VirtualTarget } from './index';

// Addresses 127.0.90.x belong to this file (vitest runs files in parallel).
const WIN10 = '127.0.90.1';
const TCBSD = '127.0.90.2';
const CE = '127.0.90.3';
const NOTLS = '127.0.90.4';

let targets: VirtualTarget[];
const byAddress = (a: string) => targets.find((t) => t.address === a)!;

beforeAll(async () => {
  targets = await startVirtualTargets([
    { address: WIN10, name: 'CX-WIN10', os: 'win10' },
    { address: TCBSD, name: 'CX-BSD', os: 'tcbsd', twincat: '3.1.4026', netId: '5.80.1.2.1.1' },
    { address: CE, name: 'CX_0D7560', os: 'ce', netId: '5.13.117.96.1.1' },
    { address: NOTLS, name: 'NO-TLS', tls: false },
  ]);
});
afterAll(async () => {
  await Promise.all(targets.map((t) => t.stop()));
});

async function discover(address: string, request = encodeDiscoveryRequest({ netId: '0.0.0.0.1.1' })) {
  const reply = await udpExchange(address, 48899, request);
  expect(reply, `no discovery reply from ${address}`).not.toBeNull();
  return new Uint8Array(reply!);
}

describe('discovery (service 1)', () => {
  it('answers like a TC3 4024 Windows 10 target: tags 5, 4, 3, 0x12, 276-byte OS blob, SSC fingerprint', async () => {
    const bytes = await discover(WIN10);
    const msg = decodeUdpMessage(bytes);
    expect(msg).toMatchObject({ service: 1, response: true, invokeId: 0, netId: '127.0.90.1.1.1', port: 10000 });
    expect(msg.tags.map((t) => t.id)).toEqual([UdpTag.HostName, UdpTag.OsVersion, UdpTag.TwinCatVersion, UdpTag.Fingerprint]);
    const os = msg.tags[1]!.value;
    expect(os.length).toBe(276);
    expect(toHex(os.subarray(0, 20))).toBe('14010000' + '0a000000' + '00000000' + '654a0000' /* 19045 */ + '02000000');
    const fp = msg.tags[3]!.value;
    expect(fp.length).toBe(65);
    expect(fp[64]).toBe(0);
    const info = interpretDiscoveryReply(msg);
    expect(info).toMatchObject({ hostname: 'CX-WIN10', fingerprint: byAddress(WIN10).fingerprint });
    expect(info.twincat?.text).toBe('3.1.4024');
    expect(info.os?.text).toMatch(/Windows 10/);
  });

  it('has the same layout as the real plc4x TC3 capture (tag order and lengths, apart from the host name)', async () => {
    const real = decodeUdpMessage(await vector('plc4x-disc-resp-tc3-win10-18363'));
    const ours = decodeUdpMessage(await discover(WIN10));
    expect(ours.tags.map((t) => [t.id, t.id === UdpTag.HostName ? 'name' : t.value.length])).toEqual(
      real.tags.map((t) => [t.id, t.id === UdpTag.HostName ? 'name' : t.value.length]),
    );
  });

  it('with the CE preset defaults, answers byte for byte like the real CE6 / TC 2.11.2228 system', async () => {
    const request = fromHex('036614710000000001000000c0a801c70101102700000000'); // TwinCAT 2 System Manager, frame 127
    const ours = await discover(CE, request);
    // TwinCAT 2 has no Secure ADS: no fingerprint tag, no TCP 8016.
    const real = await vector('iti-cx-ce6-tc2.11.2228-disc-resp');
    expect(toHex(ours)).toBe(toHex(real));
    expect(byAddress(CE).ports.tls).toBeNull();
  });

  it('sends a 148-byte 8-bit OS blob for TwinCAT/BSD', async () => {
    const msg = decodeUdpMessage(await discover(TCBSD));
    const os = msg.tags.find((t) => t.id === UdpTag.OsVersion)!.value;
    expect(os.length).toBe(148);
    expect(decodeOsBlob(os)).toMatchObject({ platform: 'tcbsd', platformId: 0, major: 14, csd: 'TwinCAT/BSD' });
    expect(interpretDiscoveryReply(msg).twincat?.text).toBe('3.1.4026');
    expect(msg.netId).toBe('5.80.1.2.1.1');
  });

  it('omits the fingerprint when TLS listening is off', async () => {
    const msg = decodeUdpMessage(await discover(NOTLS));
    expect(msg.tags.map((t) => t.id)).toEqual([5, 4, 3]);
  });

  it('echoes a non-zero invoke id and answers every public client request variant', async () => {
    const msg = decodeUdpMessage(await discover(WIN10, encodeDiscoveryRequest({ netId: '1.1.1.1.1.1', invokeId: 0x1234 })));
    expect(msg.invokeId).toBe(0x1234);
    for (const hex of ['036614710000000001000000000000000101000000000000', '036614710000000001000000010101010101102700000000']) {
      expect(decodeUdpMessage(await discover(WIN10, fromHex(hex))).service).toBe(1);
    }
  });

  it('ignores replies from other targets and malformed datagrams, and keeps answering', async () => {
    const reply = await discover(WIN10);
    expect(await udpExchange(WIN10, 48899, reply, 300)).toBeNull();
    expect(await udpExchange(WIN10, 48899, fromHex('0366147100'), 300)).toBeNull();
    expect(
      byAddress(WIN10)
        .log()
        .some((e) => e.kind === 'datagram-ignored' && e.reason === 'too-short'),
    ).toBe(true);
    expect(decodeUdpMessage(await discover(WIN10)).service).toBe(1);
  });
});

describe('add route (service 6)', () => {
  const base = {
    senderNetId: '192.168.1.50.1.1',
    routeName: 'ENG-PC',
    netId: '192.168.1.50.1.1',
    user: 'Administrator',
    password: '1',
    address: '192.168.1.50',
  };

  async function addRoute(address: string, bytes: Uint8Array) {
    const reply = await udpExchange(address, 48899, bytes);
    expect(reply).not.toBeNull();
    expect(reply!.length).toBe(32);
    return interpretAddRouteReply(decodeUdpMessage(new Uint8Array(reply!)));
  }

  it('stores a route with the right credentials, writes it to StaticRoutes.xml and replies 32 bytes status 0', async () => {
    const target = byAddress(WIN10);
    expect((await addRoute(WIN10, encodeAddRouteRequest(base))).status).toBe(0);
    expect(target.routes()).toContainEqual(
      expect.objectContaining({ name: 'ENG-PC', netId: '192.168.1.50.1.1', address: '192.168.1.50', temporary: false, flags: 32 }),
    );
    const xml = await readFile(target.staticRoutesPath, 'utf8');
    expect(xml).toMatch(
      /<Route>\s*<Name>ENG-PC<\/Name>\s*<Address>192\.168\.1\.50<\/Address>\s*<NetId>192\.168\.1\.50\.1\.1<\/NetId>\s*<Type>TCP_IP<\/Type>/,
    );
    expect(target.log().some((e) => e.kind === 'route-stored' && e.message.includes('ENG-PC'))).toBe(true);
  });

  it('accepts the real TwinCAT 2 System Manager and AdsTool requests', async () => {
    const sysMgr = fromHex(
      '036614710000000006000000c0a801c701011027050000000c000d005348454e4855414a362d50430007000600c0a801c701010d000e0041646d696e6973747261746f720002000200310005000d005348454e4855414a362d504300',
    );
    const reply = await udpExchange(CE, 48899, sysMgr);
    expect(toHex(new Uint8Array(reply!))).toBe('036614710000000006000080050d756001011027010000000100040000000000'); // = real frame 188
    expect(byAddress(CE).routes()).toContainEqual(expect.objectContaining({ name: 'SHENHUAJ6-PC', address: 'SHENHUAJ6-PC', flags: 0 }));
  });

  it('keeps a temporary route (tag 9 = 1) in memory only', async () => {
    const target = byAddress(TCBSD);
    expect(
      (await addRoute(TCBSD, encodeAddRouteRequest({ ...base, routeName: 'TEMP-PC', netId: '10.1.1.1.1.1', temporary: true }))).status,
    ).toBe(0);
    expect(target.routes()).toContainEqual(expect.objectContaining({ name: 'TEMP-PC', temporary: true }));
    expect(await readFile(target.staticRoutesPath, 'utf8')).not.toContain('TEMP-PC');
  });

  it('answers 0x704 for a wrong password and stores nothing', async () => {
    const target = byAddress(TCBSD);
    const result = await addRoute(TCBSD, encodeAddRouteRequest({ ...base, routeName: 'BAD', netId: '10.9.9.9.1.1', password: 'nope' }));
    expect(result.status).toBe(0x704);
    expect(target.routes().some((r) => r.name === 'BAD')).toBe(false);
    expect(target.log()).toContainEqual(expect.objectContaining({ kind: 'route-refused', reason: 'wrong-credentials' }));
    // AdsTool's "guest"/"wrong" request (real client bytes) is refused the same way.
    const guest = fromHex(
      '036614710000000006000000c0a8013201010000050000000c000a0054657374726f7574650007000600c0a8013201010d0006006775657374000200060077726f6e670005000d003139322e3136382e312e353000',
    );
    expect((await addRoute(TCBSD, guest)).status).toBe(0x704);
  });

  it('answers 0x706 when tags are missing', async () => {
    // The plc4x request without its NetId tag: header + name, user, password, address.
    const full = decodeUdpMessage(encodeAddRouteRequest(base));
    const withoutNetId = full.tags.filter((t) => t.id !== UdpTag.NetId);
    const bytes = rebuild(full.netId, withoutNetId);
    expect((await addRoute(WIN10, bytes)).status).toBe(0x706);
  });

  it('answers 0x704 for XAE-style encrypted credentials it cannot check', async () => {
    const full = decodeUdpMessage(encodeAddRouteRequest(base));
    const tags = full.tags
      .filter((t) => t.id !== UdpTag.UserName && t.id !== UdpTag.Password)
      .concat([
        { id: 0x0f, name: '', value: fromHex('3e92e0a029915511c09407a8350b0c9c') },
        { id: 0x0e, name: '', value: fromHex('4b161973d53d4032e10161e0150c6c57') },
      ]);
    expect((await addRoute(WIN10, rebuild(full.netId, tags))).status).toBe(0x704);
  });
});

/** A datagram from the shared real-capture vectors file, by its id. */
async function vector(id: string): Promise<Uint8Array> {
  const text = await readFile(new URL('../../shared/protocol/testing/vectors/udp-48899/vectors.txt', import.meta.url), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith(`${id} |`));
  if (!line) throw new Error(`vector ${id} not found`);
  return fromHex(line.split('|')[2]!.trim());
}

function rebuild(netId: string, tags: Array<{ id: number; value: Uint8Array }>): Uint8Array {
  const header = encodeDiscoveryRequest({ netId });
  header[8] = 6;
  const parts = [header];
  new DataView(header.buffer).setUint32(20, tags.length, true);
  for (const t of tags) {
    const h = new Uint8Array(4);
    new DataView(h.buffer).setUint16(0, t.id, true);
    new DataView(h.buffer).setUint16(2, t.value.length, true);
    parts.push(h, t.value);
  }
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

describe('broadcast receipt', () => {
  it('answers a loopback broadcast from its own unicast address, one reply per target', async () => {
    // A private port so broadcasts of other test files never reach these targets.
    const port = 48990;
    const extra = await startVirtualTargets([
      { address: '127.0.90.5', name: 'BC-1', ports: { udp: port }, tcp: false, tls: false, broadcastAddresses: ['127.255.255.255'] },
      { address: '127.0.90.6', name: 'BC-2', ports: { udp: port }, tcp: false, tls: false, broadcastAddresses: ['127.255.255.255'] },
    ]);
    const { createSocket } = await import('node:dgram');
    const client = createSocket('udp4');
    try {
      const replies: Array<{ from: string; port: number; name: string }> = [];
      const bothAnswered = new Promise<void>((resolve) => {
        client.on('message', (msg, rinfo) => {
          replies.push({
            from: rinfo.address,
            port: rinfo.port,
            name: interpretDiscoveryReply(decodeUdpMessage(new Uint8Array(msg))).hostname,
          });
          if (replies.length === 2) resolve();
        });
      });
      await new Promise<void>((resolve) => client.bind(0, '127.0.0.1', resolve));
      client.setBroadcast(true);
      client.send(encodeDiscoveryRequest({ netId: '127.0.0.1.1.1' }), port, '127.255.255.255');
      await Promise.race([
        bothAnswered,
        new Promise((_, reject) => setTimeout(() => reject(new Error('broadcast not answered by both')), 3000)),
      ]);
      expect(replies.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { from: '127.0.90.5', port, name: 'BC-1' },
        { from: '127.0.90.6', port, name: 'BC-2' },
      ]);
    } finally {
      client.close();
      await Promise.all(extra.map((t) => t.stop()));
    }
  });
});
