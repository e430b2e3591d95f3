import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FULL_SAMPLE } from '../../../shared/static-routes/testing/samples';
import { pskKeyHex } from '../../services/server-config/server-config-service';
import { createOwnTwinCat, type OwnTwinCat } from '../../services/server-config/testing/own-twincat';
import { runCli } from '../run-cli';
import { restartCommand } from './restart';
import { serverConfigCommand } from './server-config';
import { bufferIo } from '../testing/buffer-io';

let own: OwnTwinCat;
let dataDir: string;
const run = async (args: string[], stdin = '') => {
  const io = bufferIo(stdin);
  const code = await runCli([...args, '--data-dir', dataDir], [serverConfigCommand, restartCommand], io);
  return { code, io, json: () => JSON.parse(io.out) as Record<string, unknown> };
};

beforeEach(async () => {
  own = await createOwnTwinCat({ prefix: 'server-config-cli-', staticRoutes: FULL_SAMPLE });
  dataDir = own.dataDir;
});
afterEach(async () => {
  await own.remove();
});

describe('adsroute server-config --local', () => {
  it('show --json prints {ok, target, secureOnly, psk, tls, routes} and no secret', async () => {
    const { code, io, json } = await run(['server-config', 'show', '--local', '--json']);
    expect(code).toBe(0);
    expect(Object.keys(json())).toEqual(['ok', 'target', 'secureOnly', 'psk', 'tls', 'routes']);
    expect(json()).toMatchObject({
      ok: true,
      target: 'local',
      secureOnly: false,
      psk: [{ identity: 'MY_IDENTITY' }, { identity: 'MAINT_ANNA' }],
      tls: {
        ca: 'C:\\TwinCAT\\3.1\\Target\\CACerts\\rootCA.pem',
        cert: 'C:\\TwinCAT\\3.1\\Target\\CACerts\\ipc.crt',
        key: 'C:\\TwinCAT\\3.1\\Target\\CACerts\\ipc.key',
        ignoreCn: true,
      },
    });
    expect((json().routes as unknown[]).length).toBe(2);
    expect(io.out).not.toMatch(/MySecret|k3y-pa55/);
  });

  it('add-psk --generate --json prints the secret once, and the file gets it', async () => {
    const { code, json } = await run(['server-config', 'add-psk', '--local', '--identity', 'SERVICE_TECH', '--generate', '--json']);
    expect(code).toBe(0);
    const out = json();
    expect(out).toMatchObject({ ok: true, target: 'local', identity: 'SERVICE_TECH', changed: true });
    expect(out.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(out.keyHex).toBe(pskKeyHex('SERVICE_TECH', out.secret as string));
    expect(await own.readStaticRoutes()).toContain(`<Psk><Identity>SERVICE_TECH</Identity><Pwd>${out.secret as string}</Pwd></Psk>`);
    expect((await own.backups()).some((f) => f.startsWith('StaticRoutes.xml.bak-'))).toBe(true);
  });

  it('add-psk --secret-stdin warns about a weak secret; remove-psk removes it', async () => {
    const added = await run(['server-config', 'add-psk', '--local', '--identity', 'WEAK', '--secret-stdin'], 'abc123\n');
    expect(added.code).toBe(0);
    expect(added.io.err).toMatch(/weak/);
    expect(added.io.out).not.toContain('abc123');
    const removed = await run(['server-config', 'remove-psk', '--local', '--identity', 'WEAK', '--json']);
    expect(removed.json()).toMatchObject({ ok: true, identity: 'WEAK', changed: true });
    expect(await own.readStaticRoutes()).toBe(FULL_SAMPLE);
  });

  it('set --secure-only on and CA files, --clear-tls', async () => {
    const set = await run([
      'server-config',
      'set',
      '--local',
      '--secure-only',
      'on',
      '--ca',
      'C:\\certs\\ca.pem',
      '--cert',
      'C:\\certs\\me.crt',
      '--key',
      'C:\\certs\\me.key',
      '--json',
    ]);
    expect(set.code).toBe(0);
    expect(set.json()).toMatchObject({
      ok: true,
      secureOnly: true,
      tls: { ca: 'C:\\certs\\ca.pem', cert: 'C:\\certs\\me.crt', key: 'C:\\certs\\me.key', ignoreCn: false },
    });
    const cleared = await run(['server-config', 'set', '--local', '--clear-tls', '--json']);
    expect(cleared.json()).toMatchObject({ ok: true, tls: null, secureOnly: true });
  });

  it('fails with exit 1 and a typed error for a duplicate identity or a broken file, which stays as it was', async () => {
    const dup = await run(['server-config', 'add-psk', '--local', '--identity', 'my_identity', '--generate', '--json']);
    expect(dup.code).toBe(1);
    expect(dup.json()).toMatchObject({ ok: false, error: { code: 'static-routes-edit' } });
    expect(dup.io.out).not.toContain('secret');
    await own.writeStaticRoutes('<TcConfig>');
    const broken = await run(['server-config', 'set', '--local', '--secure-only', 'on']);
    expect(broken.code).toBe(1);
    expect(broken.io.err).toMatch(/static-routes-xml: not well-formed XML/);
    expect(await own.readStaticRoutes()).toBe('<TcConfig>');
  });

  it('says when this PC has no TwinCAT', async () => {
    await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ twincatTargetFolder: join(dataDir, 'nowhere') }));
    const { code, json } = await run(['server-config', 'show', '--local', '--json']);
    expect(code).toBe(1);
    expect(json()).toMatchObject({ ok: false, error: { code: 'no-twincat' } });
  });

  it('usage errors exit 2', async () => {
    expect((await run(['server-config', 'show'])).code).toBe(2);
    expect((await run(['server-config', 'add-psk', '--local', '--identity', 'X'])).code).toBe(2);
    expect((await run(['server-config', 'set', '--local'])).code).toBe(2);
    expect((await run(['server-config', 'set', '--local', '--secure-only', 'maybe'])).code).toBe(2);
    expect((await run(['restart', '10.0.0.1', '--mode', 'stop', '--netid', '10.0.0.1.1.1'])).code).toBe(2);
  });
});
