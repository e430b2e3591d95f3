import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import type { CliIo } from '../command';
import { startVirtualTarget, startVirtualTargets, type VirtualTarget } from '../../sim';
import { listAdapters } from '../../services/network/adapters';
import { createDiscoverCommand } from './discover';
import { freeUdpPort } from '../../services/network/free-port';

// Virtual targets on 127.0.20.150-127.0.20.159 (this file's block), all on one ephemeral UDP port.
function bufferIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readStdin: async () => '',
    interrupted: new Promise<void>(() => {}),
  };
  return io;
}

let port = 0;
let sims: VirtualTarget[] = [];
const command = createDiscoverCommand({ listAdapters: () => [] });

beforeAll(async () => {
  port = await freeUdpPort('127.0.20.150');
  const common = { tcp: false, ports: { udp: port, ads: 0, tls: 0 } };
  sims = await startVirtualTargets([
    { ...common, name: 'CX-LINE1', address: '127.0.20.151', netId: '5.13.117.96.1.1', os: 'ce', twincat: '2.11.2228', tls: false },
    { ...common, name: 'IPC-PRESS', address: '127.0.20.152', os: 'win10', twincat: '3.1.4024', tls: true },
    { ...common, name: 'BSD-CELL', address: '127.0.20.153', os: 'tcbsd', twincat: '3.1.4026', tls: true },
  ]);
});

afterAll(async () => {
  await Promise.all(sims.map((s) => s.stop()));
});

describe('adsroute discover', () => {
  it('--json prints one array with exactly the documented fields for each system', async () => {
    const io = bufferIo();
    const code = await runCli(
      ['discover', '--range', '127.0.20.150-127.0.20.155', '--udp-port', String(port), '--per-host-timeout', '200', '--json'],
      [command],
      io,
    );
    expect(code).toBe(0);
    const parsed = JSON.parse(io.out) as Array<Record<string, unknown>>;
    expect(parsed).toHaveLength(3);
    const byHost = new Map(parsed.map((r) => [r.hostname, r]));
    for (const r of parsed) {
      expect(Object.keys(r)).toEqual(['hostname', 'netId', 'address', 'adapter', 'twincat', 'os', 'fingerprint', 'secureAds', 'rttMs']);
      expect(typeof r.rttMs).toBe('number');
    }
    expect(byHost.get('CX-LINE1')).toMatchObject({
      netId: '5.13.117.96.1.1',
      address: '127.0.20.151',
      adapter: null,
      twincat: { major: 2, minor: 11, build: 2228, text: '2.11.2228' },
      os: { platform: 'windows-ce', major: 6, minor: 0, build: 0, csd: '', text: 'Windows CE 6.0' },
      fingerprint: null,
      secureAds: false,
    });
    const press = sims.find((s) => s.config.name === 'IPC-PRESS');
    expect(byHost.get('IPC-PRESS')).toMatchObject({
      fingerprint: press?.fingerprint,
      secureAds: true,
      os: { text: 'Windows 10 22H2 (19045)' },
    });
    expect(byHost.get('IPC-PRESS')?.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(byHost.get('BSD-CELL')).toMatchObject({ os: { platform: 'tcbsd' }, twincat: { text: '3.1.4026' } });
  });

  it('--stream prints a JSON line per system and host errors on stderr', async () => {
    const io = bufferIo();
    const code = await runCli(
      ['discover', '--host', '127.0.20.152', '--host', '127.0.20.159', '--udp-port', String(port), '--per-host-timeout', '150', '--stream'],
      [command],
      io,
    );
    expect(code).toBe(0);
    const lines = io.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { hostname: string });
    expect(lines.map((l) => l.hostname)).toEqual(['IPC-PRESS']);
    expect(io.err).toContain(`127.0.20.159: no answer from 127.0.20.159 on UDP ${port} within 150 ms`);
  });

  it('prints a table with the lock for Secure ADS systems', async () => {
    const io = bufferIo();
    const code = await runCli(['discover', '--host', '127.0.20.151', '--host', '127.0.20.152', '--udp-port', String(port)], [command], io);
    expect(code).toBe(0);
    const [header, , ...rows] = io.out.split('\n');
    expect(header).toMatch(/^Host Name\s+Address\s+AMS NetId\s+TwinCAT\s+OS\s+Secure ADS\s+Fingerprint$/);
    expect(rows.find((r) => r.startsWith('IPC-PRESS'))).toMatch(/🔒\s+[0-9a-f]{8}…[0-9a-f]{8}$/);
    expect(rows.find((r) => r.startsWith('CX-LINE1'))).toMatch(/Windows CE 6\.0\s+-\s+-$/);
    expect(io.out).toContain('2 systems found');
  });

  it('exits 1 with the hint on stderr when nothing answers', async () => {
    const io = bufferIo();
    const code = await runCli(
      ['discover', '--host', '127.0.20.158', '--udp-port', String(port), '--per-host-timeout', '100', '--json'],
      [command],
      io,
    );
    expect(code).toBe(1);
    expect(JSON.parse(io.out)).toEqual([]);
    expect(io.err).toContain('firewall');
  });

  it('exits 2 on usage errors, including a range that is too big', async () => {
    for (const args of [['--range', '10.0.0.0/8'], ['--timeout', 'soon'], ['--json', '--stream'], ['--bogus']]) {
      const io = bufferIo();
      expect(await runCli(['discover', ...args], [command], io)).toBe(2);
      expect(io.err).toContain('Usage: adsroute discover');
    }
    const io = bufferIo();
    await runCli(['discover', '--range', '10.0.0.0/8'], [command], io);
    expect(io.err).toContain('10.0.0.0/8 has 16,777,216 addresses; the limit is 65,536');
  });

  it('without flags searches the usable adapters and says which', async () => {
    const io = bufferIo();
    const code = await runCli(['discover', '--json', '--timeout', '100'], [command], io);
    expect(code).toBe(1);
    expect(io.err).toContain('No adapter with a usable IPv4 address');
  });
});

describe('adsroute discover --adapter', () => {
  // The OS's real adapter list, cut down to loopback: a broadcast from these can never leave this machine.
  const loopbackOnly = () => listAdapters({ includeLoopback: true }).filter((a) => a.loopback);
  const loopbackCommand = createDiscoverCommand({ listAdapters: loopbackOnly });

  it('broadcasts on the loopback adapter only and names it in each result; unicast-only systems stay silent', async () => {
    const lo = loopbackOnly().find((a) => a.address === '127.0.0.1');
    expect(lo).toMatchObject({ name: 'lo', netmask: '255.0.0.0', broadcast: '127.255.255.255', loopback: true });
    // Receives loopback broadcasts on this file's private port; the three targets above listen on unicast only.
    const listener = await startVirtualTarget({
      name: 'BC-LOOP',
      address: '127.0.20.156',
      netId: '5.20.156.1.1.1',
      tcp: false,
      tls: true,
      ports: { udp: port, ads: 0, tls: 0 },
      broadcastAddresses: ['127.255.255.255'],
    });
    try {
      for (const chosen of ['lo', '127.0.0.1']) {
        const io = bufferIo();
        const code = await runCli(
          ['discover', '--adapter', chosen, '--udp-port', String(port), '--timeout', '400', '--json'],
          [loopbackCommand],
          io,
        );
        expect(code).toBe(0);
        const parsed = JSON.parse(io.out) as Array<Record<string, unknown>>;
        expect(parsed).toEqual([
          expect.objectContaining({
            hostname: 'BC-LOOP',
            netId: '5.20.156.1.1.1',
            address: '127.0.20.156',
            adapter: 'lo',
            fingerprint: listener.fingerprint,
            secureAds: true,
          }),
        ]);
      }
    } finally {
      await listener.stop();
    }
  });

  it('an adapter that does not exist is a usage error naming the available ones, and nothing is sent', async () => {
    const io = bufferIo();
    expect(await runCli(['discover', '--adapter', 'eth-none', '--udp-port', String(port), '--json'], [loopbackCommand], io)).toBe(2);
    expect(io.err).toContain("no network adapter 'eth-none' with an IPv4 address; available: ");
    expect(io.err).toContain('lo (127.0.0.1)');
    expect(io.out).toBe('');
  });
});
