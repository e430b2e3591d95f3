import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import type { CliIo } from '../command';
import { runCli } from '../run-cli';
import { addRouteCommand } from './add-route';
import { targetRoutesCommand, type TargetRoutesListJson } from './target-routes';

// Loopback block 127.0.122.x belongs to this file.
const PASSWORD = 'Routes-Cli-5';
const LOCAL = '10.0.122.1.1.1';

function bufferIo(answer: string | null = null): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => `${PASSWORD}\n`,
    interrupted: new Promise<void>(() => {}),
    prompt: async () => answer,
  };
  return io;
}

let dataDir: string;
const sims: VirtualTarget[] = [];

async function sim(address: string) {
  const t = await startVirtualTarget({ name: 'CX-LIST', address, password: PASSWORD });
  sims.push(t);
  return t;
}

async function cli(args: string[], answer: string | null = null) {
  const io = bufferIo(answer);
  const local = args.includes('--local-netid') ? [] : ['--local-netid', LOCAL];
  const code = await runCli([...args, '--data-dir', dataDir, ...local], [addRouteCommand, targetRoutesCommand], io);
  return { code, io };
}

async function addRoute(t: VirtualTarget, security: 'none' | 'ssc') {
  const extra = security === 'ssc' ? ['--fingerprint', t.fingerprint] : [];
  const { code, io } = await cli([
    'add-route',
    t.address,
    '--secure',
    security,
    ...extra,
    '--user',
    'Administrator',
    '--password-stdin',
    '--remote-route-name',
    'ENG-PC',
    '--json',
  ]);
  expect(code, io.out + io.err).toBe(0);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'adsroute-target-routes-'));
});
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('adsroute target-routes', () => {
  it('list --json over plain ADS prints {ok, target, netId, routes: [{name, netId, address, raw}]}', async () => {
    const t = await sim('127.0.122.1');
    await addRoute(t, 'none');
    const { code, io } = await cli(['target-routes', 'list', t.address, '--secure', 'none', '--json']);
    expect(code, io.err).toBe(0);
    const json = JSON.parse(io.out) as TargetRoutesListJson;
    expect(Object.keys(json)).toEqual(['ok', 'target', 'netId', 'routes']);
    expect(json).toMatchObject({ ok: true, target: t.address, netId: t.netId });
    expect(json.routes).toEqual([
      { name: 'ENG-PC', netId: LOCAL, address: expect.any(String), raw: expect.stringMatching(/^[0-9a-f]{76}$/) },
    ]);
  });

  it('remove --yes removes another route and confirms it with a fresh list; a missing name exits 1', async () => {
    const t = await sim('127.0.122.2');
    await addRoute(t, 'none');
    // A second client's route, added over UDP as that client would.
    const other = await cli([
      'add-route',
      t.address,
      '--secure',
      'none',
      '--user',
      'Administrator',
      '--password-stdin',
      '--remote-route-name',
      'OLD-LAPTOP',
      '--local-netid',
      '10.0.122.9.1.1',
      '--route-name',
      'other',
      '--json',
    ]);
    expect(other.code, other.io.out).toBe(0);
    const removed = await cli(['target-routes', 'remove', t.address, 'OLD-LAPTOP', '--secure', 'none', '--yes', '--json']);
    expect(removed.code, removed.io.out + removed.io.err).toBe(0);
    expect(JSON.parse(removed.io.out)).toMatchObject({ ok: true, removed: true, accessLost: false, routes: [{ name: 'ENG-PC' }] });
    const missing = await cli(['target-routes', 'remove', t.address, 'OLD-LAPTOP', '--secure', 'none', '--yes']);
    expect(missing.code).toBe(1);
    expect(missing.io.err).toMatch(/ads-not-found/);
  });

  it('asks before removing, warns when it is this PC\'s own route, and keeps it on "no"', async () => {
    const t = await sim('127.0.122.3');
    await addRoute(t, 'none');
    const io = bufferIo('n');
    let question = '';
    io.prompt = async (q) => ((question = q), 'n');
    const code = await runCli(
      ['target-routes', 'remove', t.address, 'ENG-PC', '--secure', 'none', '--data-dir', dataDir, '--local-netid', LOCAL],
      [targetRoutesCommand],
      io,
    );
    expect(code).toBe(1);
    expect(question).toMatch(/route back to THIS PC.*cuts this PC's access/);
    expect(t.routes().map((r) => r.name)).toContain('ENG-PC');
    const noTerminal = await cli(['target-routes', 'remove', t.address, 'ENG-PC', '--secure', 'none'], null);
    expect(noTerminal.code).toBe(2);
  });

  it('over Secure ADS (SSC, fingerprint remembered by add-route): lists, then removes its own route and reports the lost access', async () => {
    const t = await sim('127.0.122.4');
    await addRoute(t, 'ssc');
    const list = await cli(['target-routes', 'list', t.address, '--secure', 'ssc']);
    expect(list.code, list.io.err).toBe(0);
    expect(list.io.out).toMatch(/ENG-PC .*← this PC/);
    const removed = await cli(['target-routes', 'remove', t.address, 'ENG-PC', '--secure', 'ssc', '--yes', '--json']);
    expect(removed.code, removed.io.out).toBe(0);
    expect(JSON.parse(removed.io.out)).toMatchObject({ ok: true, removed: true, accessLost: true, routes: null });
    expect(t.routes()).toEqual([]);
    const after = await cli(['target-routes', 'list', t.address, '--secure', 'ssc', '--json']);
    expect(after.code).toBe(1);
    expect(JSON.parse(after.io.out)).toMatchObject({ ok: false, error: { code: 'cert-untrusted' } });
  });
});
