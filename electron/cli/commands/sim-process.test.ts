import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUdpMessage, encodeDiscoveryRequest, interpretDiscoveryReply } from '../../../shared/protocol/udp48899';
import type { CliIo } from '../command';
import { simCommand } from './sim';
import { runCli } from '../run-cli';
import { udpExchange } from '../../sim/test-support';

// Addresses 127.0.96.x belong to this file.

function harness() {
  let out = '';
  let err = '';
  let stop!: () => void;
  const interrupted = new Promise<void>((resolve) => (stop = resolve));
  let onLine: (() => void) | null = null;
  const io: CliIo = {
    stdout: (t) => {
      out += t;
      onLine?.();
    },
    stderr: (t) => (err += t),
    readStdin: async () => '',
    interrupted,
  };
  const linesReady = (count: number) =>
    new Promise<void>((resolve, reject) => {
      const guard = setTimeout(() => reject(new Error(`only got: ${out}${err}`)), 15_000);
      onLine = () => {
        if (out.split('\n').filter(Boolean).length >= count) {
          clearTimeout(guard);
          resolve();
        }
      };
      onLine();
    });
  return { io, stop, linesReady, out: () => out, err: () => err };
}

describe('adsroute sim', () => {
  it('prints a JSON ready line per target from --config, serves discovery, and exits 0 on interrupt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sim-cli-'));
    try {
      const file = join(dir, 'targets.json');
      await writeFile(
        file,
        JSON.stringify([
          { address: '127.0.96.1', name: 'CLI-A', os: 'tcbsd' },
          { address: '127.0.96.2', name: 'CLI-B', tls: false },
        ]),
      );
      const h = harness();
      const done = runCli(['sim', '--config', file, '--json'], [simCommand], h.io);
      await h.linesReady(2);
      const lines = h
        .out()
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines[0]).toMatchObject({ event: 'ready', name: 'CLI-A', netId: '127.0.96.1.1.1', address: '127.0.96.1' });
      expect(lines[0]!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(lines[1]).toMatchObject({ name: 'CLI-B', fingerprint: null });
      const reply = await udpExchange('127.0.96.1', 48899, encodeDiscoveryRequest({ netId: '127.0.0.1.1.1' }));
      expect(interpretDiscoveryReply(decodeUdpMessage(new Uint8Array(reply!))).fingerprint).toBe(lines[0]!.fingerprint);
      h.stop();
      expect(await done).toBe(0);
      expect(await udpExchange('127.0.96.1', 48899, encodeDiscoveryRequest({ netId: '127.0.0.1.1.1' }), 300)).toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('builds a target from flags and prints a readable ready line', async () => {
    const h = harness();
    const done = runCli(
      [
        'sim',
        '--bind',
        '127.0.96.3',
        '--name',
        'FLAGS-PLC',
        '--netid',
        '5.96.3.1.1.1',
        '--os',
        'ce',
        '--no-tls',
        '--no-tcp',
        '--psk',
        'Id:Secret',
      ],
      [simCommand],
      h.io,
    );
    await h.linesReady(1);
    expect(h.out()).toMatch(
      /ready: FLAGS-PLC {2}NetId 5\.96\.3\.1\.1\.1 {2}at 127\.0\.96\.3 {2}\(ce, TwinCAT 2\.11\.2228; udp 48899, ads off, tls off\)/,
    );
    expect(h.out()).not.toContain('Secret');
    h.stop();
    expect(await done).toBe(0);
  });

  it('rejects bad flags with exit code 2 and the usage', async () => {
    const h = harness();
    expect(await runCli(['sim', '--os', 'vms'], [simCommand], h.io)).toBe(2);
    expect(h.err()).toContain('--os must be');
    expect(await runCli(['sim', '--psk', 'nocolon'], [simCommand], h.io)).toBe(2);
    expect(await runCli(['sim', '--ca', 'x.pem'], [simCommand], h.io)).toBe(2);
    expect(await runCli(['sim', '--bind', '127.0.96.4', '--netid', 'bad'], [simCommand], h.io)).toBe(1);
    expect(h.err()).toMatch(/netId/);
  });
});
