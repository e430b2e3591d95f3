import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import type { CliIo } from '../command';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { addRouteCommand, type AddRouteJson } from './add-route';

// Loopback block 127.0.43.x belongs to this file.
function bufferIo(stdin = ''): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => stdin,
    interrupted: new Promise<void>(() => {}),
  };
  return io;
}

let dataDir: string;
const sims: VirtualTarget[] = [];
const PASSWORD = 'Cli-Secret-77';

async function sim(address: string, extra: Record<string, unknown> = {}) {
  const t = await startVirtualTarget({ name: 'CX-CLI', address, password: PASSWORD, psk: [{ identity: 'LINE1', secret: 'pskpw' }], ...extra });
  sims.push(t);
  return t;
}

function run(args: string[], stdin = '') {
  const io = bufferIo(stdin);
  return runCli(['add-route', ...args, '--data-dir', dataDir], [addRouteCommand], io).then((code) => ({ code, io }));
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'adsroute-cli-'));
});
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('adsroute add-route', () => {
  it('SSC with the probed fingerprint: JSON ok, NetId asked by discovery, exit 0, password never echoed', async () => {
    const t = await sim('127.0.43.1');
    const { code, io } = await run([t.address, '--secure', 'ssc', '--fingerprint', t.fingerprint.toUpperCase(), '--user', 'Administrator', '--password-stdin', '--json'], `${PASSWORD}\n`);
    const json = JSON.parse(io.out) as AddRouteJson;
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, target: t.address, netId: t.netId, mode: 'ssc', fingerprint: t.fingerprint });
    expect(json.steps.map((s) => s.name)).toEqual(['resolve', 'connect', 'tls', 'fingerprint', 'credentials', 'remote-route', 'local-route', 'verify']);
    expect(json.steps.every((s) => s.ok && typeof s.ms === 'number')).toBe(true);
    expect(json.error).toBeUndefined();
    expect(io.out + io.err).not.toContain(PASSWORD);
    expect(t.routes()).toHaveLength(1);
    expect(await readFile(join(dataDir, 'routes.json'), 'utf8')).toContain('CX-CLI');
  });

  it('SSC without --fingerprint is a usage error (exit 2) pointing at adsroute probe', async () => {
    const t = await sim('127.0.43.2');
    const { code, io } = await run([t.address, '--secure', 'ssc', '--user', 'Administrator', '--password', PASSWORD]);
    expect(code).toBe(2);
    expect(io.err).toContain('adsroute probe');
    expect(io.err).not.toContain(PASSWORD);
    expect(t.routes()).toEqual([]);
  });

  it('wrong fingerprint: exit 1 with code fingerprint-mismatch', async () => {
    const t = await sim('127.0.43.3');
    const { code, io } = await run([t.address, '--secure', 'ssc', '--fingerprint', '00'.repeat(32), '--user', 'Administrator', '--password', PASSWORD, '--netid', t.netId, '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(io.out)).toMatchObject({ ok: false, error: { code: 'fingerprint-mismatch' } });
  });

  it('wrong password: exit 1, auth-failed, human output explains', async () => {
    const t = await sim('127.0.43.4');
    const { code, io } = await run([t.address, '--secure', 'none', '--user', 'Administrator', '--password', 'bad-one']);
    expect(code).toBe(1);
    expect(io.err).toContain('auth-failed');
    expect(io.err).toContain('wrong user name or password');
    expect(io.out + io.err).not.toContain('bad-one');
  });

  it('PSK with a key in hex: exit 0', async () => {
    const t = await sim('127.0.43.5');
    const { createHash } = await import('node:crypto');
    const key = createHash('sha256').update('LINE1pskpw').digest('hex');
    const { code, io } = await run([t.address, '--secure', 'psk', '--psk-identity', 'LINE1', '--psk-key', key, '--json']);
    expect(JSON.parse(io.out)).toMatchObject({ ok: true, mode: 'psk', fingerprint: null });
    expect(code).toBe(0);
  });

  it('a silent target without --netid: exit 1, unreachable', async () => {
    const { code, io } = await run(['127.0.43.99', '--secure', 'none', '--user', 'a', '--password', 'b', '--timeout', '400', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(io.out)).toMatchObject({ ok: false, netId: null, error: { code: 'unreachable' } });
  });

  it('usage errors exit 2: missing --secure, bad NetId, PSK without a secret', async () => {
    expect((await run(['127.0.43.1'])).code).toBe(2);
    expect((await run(['127.0.43.1', '--secure', 'none', '--user', 'u', '--password', 'p', '--netid', '1.2.3'])).code).toBe(2);
    expect((await run(['127.0.43.1', '--secure', 'psk', '--psk-identity', 'X'])).code).toBe(2);
  });
});
