import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from './command';
import { simCommand } from './commands/sim';
import { runCli } from './run-cli';

describe('adsroute sim outside loopback', () => {
  it('adsroute sim --bind outside loopback fails without --allow-lan, and a --config file cannot switch it on', async () => {
    const io: CliIo & { err: string } = {
      err: '',
      stdout: () => undefined,
      stderr: (t) => void (io.err += t),
      readStdin: async () => '',
      interrupted: Promise.resolve(),
    };
    expect(await runCli(['sim', '--bind', '192.0.2.10'], [simCommand], io)).toBe(1);
    expect(io.err).toMatch(/192\.0\.2\.10 is outside 127\.0\.0\.0\/8.*--allow-lan/);
    // With the flag it gets past the check; 192.0.2.10 (TEST-NET-1) is not on this machine, so binding fails instead.
    io.err = '';
    expect(await runCli(['sim', '--bind', '192.0.2.10', '--allow-lan', '--no-tls', '--no-tcp'], [simCommand], io)).toBe(1);
    expect(io.err).not.toMatch(/--allow-lan/);
    expect(io.err).toMatch(/192\.0\.2\.10/);
    // A --config file cannot switch it on by itself.
    const dir = await mkdtemp(join(tmpdir(), 'ars-sim-lan-'));
    try {
      await writeFile(join(dir, 'targets.json'), JSON.stringify([{ address: '192.0.2.11', allowLan: true }]));
      io.err = '';
      expect(await runCli(['sim', '--config', join(dir, 'targets.json')], [simCommand], io)).toBe(1);
      expect(io.err).toMatch(/192\.0\.2\.11 is outside 127\.0\.0\.0\/8.*--allow-lan/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
