import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { CertificatesService } from '../../services/certificates/certificates-service';
import { IdentityService } from '../../services/identity/index';
import type { CliIo } from '../command';
import { runCli } from '../run-cli';
import { addRouteCommand, type AddRouteJson } from './add-route';

// Loopback block 127.0.47.x belongs to this file.
const CA_PASSWORD = 'plant-ca-password';
const TARGET_KEY_PWD = 'target-key-pw';
const PC_KEY_PWD = 'this-pc-key-pw';

let dataDir: string;
let stateDir: string;
let target: VirtualTarget | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'shared-ca-pc-'));
  stateDir = await mkdtemp(join(tmpdir(), 'shared-ca-target-'));
});
afterAll(async () => {
  await target?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(stateDir, { recursive: true, force: true });
});

describe('shared CA with files from the Certificates page only', () => {
  it("a virtual target configured with the exported folder and fragment accepts a route from this PC's CA-issued certificate", async () => {
    const identity = new IdentityService(dataDir);
    await identity.set({ hostname: 'ENG-PC' });
    const service = new CertificatesService(dataDir, { identity, twincatFolders: [] });

    // The wizard: a plant CA, the target's certificate (CN = the name used to connect), this PC's certificate.
    await service.createCa({ subject: { CN: 'Cell CA' }, keyBits: 2048, days: 3600, password: CA_PASSWORD, replace: false });
    const installDir = join(stateDir, 'CACerts');
    await service.issueDevices({
      caPassword: CA_PASSWORD,
      commonNames: ['CX-SHARED'],
      keyPassword: TARGET_KEY_PWD,
      installDir: join(installDir, 'CX-SHARED'),
    });
    const thisPc = await service.issueThisPc({ caPassword: CA_PASSWORD, keyPassword: PC_KEY_PWD });
    expect(thisPc.commonName).toBe('ENG-PC');

    // On the target: the exported folder where the fragment says, the fragment in StaticRoutes.xml with its KeyPwd.
    await mkdir(installDir, { recursive: true });
    const [exported] = await service.exportDevices(['CX-SHARED'], installDir);
    const fragment = await readFile(join(exported!.folder, 'StaticRoutes-Server.xml'), 'utf8');
    const withKeyPwd = fragment.replace(/<!-- The key is encrypted:.*-->/, `<KeyPwd>${TARGET_KEY_PWD}</KeyPwd>`);
    expect(withKeyPwd).toContain('<KeyPwd>');
    await writeFile(
      join(stateDir, 'StaticRoutes.xml'),
      `<?xml version="1.0"?>\n<TcConfig>\n<RemoteConnections>\n${withKeyPwd}</RemoteConnections>\n</TcConfig>\n`,
    );
    target = await startVirtualTarget({ name: 'CX-SHARED', address: '127.0.47.1', stateDir });

    const io = {
      out: '',
      err: '',
      stdout: (t: string) => void (io.out += t),
      stderr: (t: string) => void (io.err += t),
      readStdin: async () => '',
      interrupted: new Promise<void>(() => {}),
    } satisfies CliIo & { out: string; err: string };
    const files = [
      '--ca',
      join(thisPc.folder, 'rootCA.pem'),
      '--cert',
      join(thisPc.folder, 'ENG-PC.crt'),
      '--key',
      join(thisPc.folder, 'ENG-PC.key'),
    ];
    const code = await runCli(
      ['add-route', target.address, '--secure', 'ca', ...files, '--key-password', PC_KEY_PWD, '--data-dir', dataDir, '--json'],
      [addRouteCommand],
      io,
    );
    const result = JSON.parse(io.out) as AddRouteJson;
    expect(result).toMatchObject({ ok: true, mode: 'ca', netId: target.netId });
    expect(code).toBe(0);
    expect(target.routes()).toHaveLength(1);
    expect(target.routes()[0]).toMatchObject({ name: 'ENG-PC', tls: { mode: 'ca' } });
    expect(io.out + io.err).not.toContain(PC_KEY_PWD);

    // The route this PC recorded names the CA files, so the expiry overview follows them.
    const overview = await service.overview();
    expect(overview.expiry.filter((e) => e.role.startsWith('route-')).map((e) => `${e.role}:${e.name}:${e.level}`)).toEqual([
      'route-cert:CX-SHARED:ok',
      'route-ca:CX-SHARED:ok',
    ]);
  });
});
