import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeUdpMessage, encodeDiscoveryRequest, findTag, interpretDiscoveryReply, UdpTag } from '../../shared/protocol/udp48899';
import { udpExchange } from './test-support';
import { SimConfigError, startVirtualTarget, startVirtualTargets, type VirtualTarget, type VirtualTargetInput } from './index';

// Addresses 127.0.98.x belong to this file. Every target answers on UDP 29898, not 48899 (below every ephemeral port range).
const UDP = 29_898;

const CASES: Array<{ input: VirtualTargetInput; text: string; size: number; platform: string; csd: string; twincat: string }> = [
  {
    input: { address: '127.0.98.1', os: 'win10' },
    text: 'Windows 10 22H2 (19045)',
    size: 276,
    platform: 'windows',
    csd: '',
    twincat: '3.1.4024',
  },
  {
    input: { address: '127.0.98.2', os: 'win10', osBuild: 19044 },
    text: 'Windows 10 21H2 (19044)',
    size: 276,
    platform: 'windows',
    csd: '',
    twincat: '3.1.4024',
  },
  {
    input: { address: '127.0.98.3', os: 'win10', osBuild: 26100 },
    text: 'Windows 11 24H2 (26100)',
    size: 276,
    platform: 'windows',
    csd: '',
    twincat: '3.1.4024',
  },
  {
    input: { address: '127.0.98.4', os: 'win7' },
    text: 'Windows 7 SP1',
    size: 276,
    platform: 'windows',
    csd: 'Service Pack 1',
    twincat: '3.1.4024',
  },
  { input: { address: '127.0.98.5', os: 'ce' }, text: 'Windows CE 6.0', size: 276, platform: 'windows-ce', csd: '', twincat: '2.11.2228' },
  { input: { address: '127.0.98.6', os: 'ce7' }, text: 'Windows CE 7.0', size: 276, platform: 'windows-ce', csd: '', twincat: '3.1.4024' },
  {
    input: { address: '127.0.98.7', os: 'tcbsd' },
    text: 'TwinCAT/BSD 14.0',
    size: 148,
    platform: 'tcbsd',
    csd: 'TwinCAT/BSD',
    twincat: '3.1.4024',
  },
];

let targets: VirtualTarget[];
beforeAll(async () => {
  targets = await startVirtualTargets(CASES.map((c) => ({ ...c.input, tls: false, ports: { udp: UDP, ads: 0 } })));
});
afterAll(async () => {
  await Promise.all(targets.map((t) => t.stop()));
});

describe('OS presets in the discovery reply (decoded with the shared codec)', () => {
  for (const c of CASES) {
    it(`${c.input.os}${c.input.osBuild !== undefined ? `:${c.input.osBuild}` : ''} answers as "${c.text}"`, async () => {
      const reply = await udpExchange(c.input.address!, UDP, encodeDiscoveryRequest({ netId: '10.0.98.1.1.1' }));
      expect(reply).not.toBeNull();
      const msg = decodeUdpMessage(new Uint8Array(reply!));
      const info = interpretDiscoveryReply(msg);
      expect(info.os).toMatchObject({ text: c.text, platform: c.platform, csd: c.csd, structSize: c.size });
      expect(findTag(msg, UdpTag.OsVersion)!.value.length).toBe(c.size);
      const v = info.twincat!;
      expect(`${v.major}.${v.minor}.${v.build}`).toBe(c.twincat);
    });
  }

  it('stores the service-pack text as UTF-16LE on Windows and as 8-bit text on TwinCAT/BSD', async () => {
    const blob = async (address: string) => {
      const reply = await udpExchange(address, UDP, encodeDiscoveryRequest({ netId: '10.0.98.1.1.1' }));
      return Buffer.from(findTag(decodeUdpMessage(new Uint8Array(reply!)), UdpTag.OsVersion)!.value);
    };
    expect((await blob('127.0.98.4')).subarray(20, 48).toString('utf16le')).toBe('Service Pack 1');
    expect((await blob('127.0.98.7')).subarray(20, 32).toString('latin1')).toBe('TwinCAT/BSD\0');
  });

  it('takes a build number only for Windows 10', async () => {
    await expect(startVirtualTarget({ address: '127.0.98.8', os: 'ce7', osBuild: 1 })).rejects.toThrow(SimConfigError);
    await expect(startVirtualTarget({ address: '127.0.98.8', os: 'win7', osBuild: 7600 })).rejects.toThrow(/osBuild: only win10/);
  });
});
