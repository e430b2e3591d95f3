import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualTarget, type VirtualTarget } from '../sim/index';
import type { CliIo } from './command';
import { addRouteCommand } from './commands/add-route';
import { probeCommand } from './commands/probe';
import { runCli } from './run-cli';
import { readSecrets } from './secrets';

// Loopback block 127.0.48.x belongs to this file.
const PASSWORD = 'Env-Secret-58';
let dataDir: string;
const sims: VirtualTarget[] = [];

function bufferIo(stdin = '', env: Record<string, string> = {}): CliIo & { out: string; err: string; stdinReads: number } {
  const io = {
    out: '',
    err: '',
    stdinReads: 0,
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => {
      io.stdinReads++;
      return stdin;
    },
    env,
    interrupted: new Promise<void>(() => {}),
  };
  return io;
}

async function sim(address: string): Promise<VirtualTarget> {
  const target = await startVirtualTarget({ name: 'CX-ENV', address, password: PASSWORD, psk: [{ identity: 'LINE1', secret: 'pskpw' }] });
  sims.push(target);
  return target;
}

async function addRoute(args: string[], stdin = '', env: Record<string, string> = {}) {
  const io = bufferIo(stdin, env);
  const code = await runCli(['add-route', ...args, '--data-dir', dataDir, '--json'], [addRouteCommand, probeCommand], io);
  return { code, io };
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'adsroute-secrets-'));
});
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('readSecrets', () => {
  it('takes an argument, else --NAME-stdin, else the environment; one secret per standard input', async () => {
    const values = { 'psk-key-stdin': true };
    const io = bufferIo('ab\n', { ADSROUTE_PSK_PASSWORD: 'from-env', ADSROUTE_KEY_PASSWORD: 'kp' });
    expect(await readSecrets([['psk-password', 'psk-key'], ['key-password']], values, io)).toEqual({
      'psk-key': 'ab',
      'key-password': 'kp',
    });
    expect(await readSecrets([['psk-password', 'psk-key']], {}, io)).toEqual({ 'psk-password': 'from-env' });
    expect(await readSecrets([['password']], { password: 'arg' }, bufferIo('', { ADSROUTE_PASSWORD: 'env' }))).toEqual({ password: 'arg' });
    await expect(readSecrets([['password'], ['key-password']], { 'password-stdin': true, 'key-password-stdin': true }, io)).rejects.toThrow(
      /one secret/,
    );
    await expect(readSecrets([['password']], { password: 'x', 'password-stdin': true }, io)).rejects.toThrow(
      /either --password or --password-stdin/,
    );
  });
});

describe('adsroute secrets without arguments', () => {
  it('OS password from ADSROUTE_PASSWORD: the route is created and the password is printed nowhere', async () => {
    const t = await sim('127.0.48.1');
    const { code, io } = await addRoute([t.address, '--secure', 'ssc', '--fingerprint', t.fingerprint, '--user', 'Administrator'], '', {
      ADSROUTE_PASSWORD: PASSWORD,
    });
    expect(JSON.parse(io.out)).toMatchObject({ ok: true });
    expect(code).toBe(0);
    expect(io.out + io.err).not.toContain(PASSWORD);
  });

  it('PSK password from --psk-password-stdin, PSK key from ADSROUTE_PSK_KEY', async () => {
    const t = await sim('127.0.48.2');
    const fromStdin = await addRoute([t.address, '--secure', 'psk', '--psk-identity', 'LINE1', '--psk-password-stdin'], 'pskpw\n');
    expect(fromStdin.code).toBe(0);
    expect(fromStdin.io.stdinReads).toBe(1);
    const key = createHash('sha256').update('LINE1pskpw').digest('hex');
    const fromEnv = await addRoute([t.address, '--secure', 'psk', '--psk-identity', 'LINE1'], '', { ADSROUTE_PSK_KEY: key });
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.io.out + fromEnv.io.err).not.toContain(key);
  });

  it('probe takes the PSK password from the environment too', async () => {
    const t = await sim('127.0.48.3');
    const io = bufferIo('', { ADSROUTE_PSK_PASSWORD: 'pskpw' });
    const code = await runCli(['probe', t.address, '--psk-identity', 'LINE1', '--json'], [addRouteCommand, probeCommand], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({ tls: { mode: 'psk', ok: true } });
  });

  it('a password outside Windows-1252 is a usage error before anything is sent, and the message quotes none of it', async () => {
    const t = await sim('127.0.48.4');
    const secret = 'пароль-42';
    const { code, io } = await addRoute(
      [t.address, '--secure', 'ssc', '--fingerprint', t.fingerprint, '--user', 'Administrator', '--password-stdin'],
      `${secret}\n`,
    );
    expect(code).toBe(2);
    expect(io.err).toMatch(/password contains a character TwinCAT cannot receive/);
    for (const char of secret) if (char.codePointAt(0)! > 0x7f) expect(io.err + io.out).not.toContain(char);
    expect(io.err).not.toMatch(/U\+0[0-9A-F]{3}|043F/);
    expect(t.log().filter((e) => e.kind !== 'listening')).toEqual([]);
  });

  it('--help says arguments are visible to other users and names the other ways', async () => {
    for (const command of ['add-route', 'probe']) {
      const io = bufferIo();
      await runCli([command, '--help'], [addRouteCommand, probeCommand], io);
      expect(io.out).toMatch(/visible to other users/);
      expect(io.out).toContain('ADSROUTE_PSK_PASSWORD');
      expect(io.out).toContain('--psk-password-stdin');
    }
  });
});
