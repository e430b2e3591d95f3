import { readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { plainRoute, stateWithRoutes } from '../../sim/system-service/test-routes';
import { createSelfSignedCertificate } from '../certificates/self-signed';
import { derivePskKey } from '../ads/secure/psk';
import { RouteFailure } from '../ads/route-failure';
import { FolderKind, openSystemService, SystemServiceError, type SystemConnectionSecurity } from './index';

// Addresses 127.0.121.x belong to this file.
const PLAIN = '127.0.121.1';
const SECURE = '127.0.121.2';
const CLIENT = '10.0.121.1.1.1';
const OTHER = '10.0.121.2.1.1';
const PSK_CLIENT = '10.0.121.3.1.1';
const PSK = { identity: 'COMMISSIONING', secret: 'psk-secret-1' };

const clientCert = createSelfSignedCertificate({ commonName: 'ENG-PC', keyBits: 2048 });
let plain: VirtualTarget;
let secure: VirtualTarget;
const dirs: string[] = [];

async function freshPlainTarget(): Promise<VirtualTarget> {
  await plain?.stop();
  const dir = await stateWithRoutes([plainRoute('ENG-PC', CLIENT, '10.0.121.1'), plainRoute('OLD-LAPTOP', OTHER, '10.0.121.2')]);
  dirs.push(dir);
  plain = await startVirtualTarget({ address: PLAIN, tls: false, stateDir: dir });
  return plain;
}

beforeAll(async () => {
  await freshPlainTarget();
  const dir = await stateWithRoutes(
    [
      { ...plainRoute('ENG-PC', CLIENT, '10.0.121.1'), tls: { mode: 'ssc', fingerprint: clientCert.fingerprint } },
      plainRoute('OLD-LAPTOP', OTHER, '10.0.121.2'),
    ],
    { psk: [PSK] },
  );
  dirs.push(dir);
  secure = await startVirtualTarget({ address: SECURE, stateDir: dir });
});

afterAll(async () => {
  await plain?.stop();
  await secure?.stop();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

function open(target: VirtualTarget, security: SystemConnectionSecurity, localNetId = CLIENT, hostname = 'ENG-PC') {
  const port = security.mode === 'none' ? target.ports.ads! : target.ports.tls!;
  return openSystemService({ host: target.address, port, targetNetId: target.netId, localNetId, hostname, security, timeoutMs: 3000 });
}

const ssc = (): SystemConnectionSecurity => ({ mode: 'ssc', clientCertificate: clientCert, fingerprint: secure.fingerprint });
const psk = (): SystemConnectionSecurity => ({ mode: 'psk', psk: { identity: PSK.identity, key: derivePskKey(PSK.identity, PSK.secret) } });

async function within<T>(client: { close(): void }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    client.close();
  }
}

describe('system service over plain ADS', () => {
  it('lists the routes with name, NetId, address and raw bytes', async () => {
    const client = await open(plain, { mode: 'none' });
    const list = await within(client, () => client.listRoutes());
    expect(list.routes.map((r) => [r.name, r.netId, r.address])).toEqual([
      ['ENG-PC', CLIENT, '10.0.121.1'],
      ['OLD-LAPTOP', OTHER, '10.0.121.2'],
    ]);
    expect(list.endCode).toBe(0x70c);
    expect(list.routes.every((r) => r.raw.length === 76 && r.notes.length === 0)).toBe(true);
  });

  it('removes another route, which the target also drops from StaticRoutes.xml', async () => {
    const target = await freshPlainTarget();
    const client = await open(target, { mode: 'none' });
    const names = await within(client, async () => {
      await client.removeRoute('OLD-LAPTOP');
      return (await client.listRoutes()).routes.map((r) => r.name);
    });
    expect(names).toEqual(['ENG-PC']);
    expect(await readFile(target.staticRoutesPath, 'utf8')).not.toContain('OLD-LAPTOP');
  });

  it('answers a name that is not there (names are case-sensitive) with a typed not-found error', async () => {
    const client = await open(plain, { mode: 'none' });
    const error = await within(client, () => client.removeRoute('eng-pc').catch((e: unknown) => e));
    expect(error).toBeInstanceOf(SystemServiceError);
    expect(error).toMatchObject({ code: 'ads-not-found', adsCode: 0x70c });
  });

  it('removing our own route answers, then the target cuts us off and no longer talks to us', async () => {
    const target = await freshPlainTarget();
    const client = await open(target, { mode: 'none' });
    await client.removeRoute('ENG-PC');
    await expect(client.readState()).rejects.toMatchObject({ code: 'connection-lost' });
    client.close();
    const again = await open(target, { mode: 'none' });
    await expect(within(again, () => again.listRoutes())).rejects.toMatchObject({ code: 'no-route-back' });
    expect(target.routes().map((r) => r.name)).toEqual(['OLD-LAPTOP']);
  });

  it('adds an entry with index group 801', async () => {
    const target = await freshPlainTarget();
    const client = await open(target, { mode: 'none' });
    const names = await within(client, async () => {
      await client.addRoute({ netId: '10.0.121.9.1.1', address: 'PLANT-HMI', name: 'HMI' });
      return (await client.listRoutes()).routes.map((r) => `${r.name}@${r.address}`);
    });
    expect(names).toContain('HMI@PLANT-HMI');
  });

  it('reads and writes files in the target folder, and refuses other folders and escaping paths', async () => {
    const target = await freshPlainTarget();
    const client = await open(target, { mode: 'none' });
    await within(client, async () => {
      const xml = new TextDecoder().decode(await client.readFile(FolderKind.Target, 'StaticRoutes.xml'));
      expect(xml).toContain('<Name>OLD-LAPTOP</Name>');
      const big = new Uint8Array(100_000).map((_, i) => i % 251);
      await client.writeFile(FolderKind.Target, 'copy.bin', big);
      expect(await client.readFile(FolderKind.Target, 'copy.bin')).toEqual(big);
      await expect(client.readFile(FolderKind.Target, 'missing.xml')).rejects.toMatchObject({ code: 'ads-not-found', adsCode: 0x70c });
      await expect(client.readFile(FolderKind.Generic, 'StaticRoutes.xml')).rejects.toMatchObject({
        code: 'ads-not-supported',
        adsCode: 0x701,
      });
      await expect(client.readFile(FolderKind.Target, '../etc/passwd')).rejects.toMatchObject({ code: 'invalid-input' });
    });
    await writeFile(join(target.stateDir, '..', 'outside-121.txt'), 'secret').catch(() => undefined);
    await symlink(join(target.stateDir, '..', 'outside-121.txt'), join(target.stateDir, 'link.txt'));
    const again = await open(target, { mode: 'none' });
    await expect(within(again, () => again.readFile(FolderKind.Target, 'link.txt'))).rejects.toMatchObject({ adsCode: 0x70c });
    await rm(join(target.stateDir, '..', 'outside-121.txt'), { force: true });
  });

  it('WriteControl to Config reloads StaticRoutes.xml and ReadState then answers 15; Run answers 5', async () => {
    const target = await freshPlainTarget();
    const client = await open(target, { mode: 'none' });
    await within(client, async () => {
      const xml = new TextDecoder().decode(await client.readFile(FolderKind.Target, 'StaticRoutes.xml'));
      await client.writeFile(FolderKind.Target, 'StaticRoutes.xml', new TextEncoder().encode(xml.replace('OLD-LAPTOP', 'RENAMED')));
      expect((await client.listRoutes()).routes.map((r) => r.name)).toContain('OLD-LAPTOP');
      await client.writeControl('config');
      expect(await client.readState()).toMatchObject({ adsState: 15, adsStateName: 'Config' });
      expect((await client.listRoutes()).routes.map((r) => r.name)).toEqual(['ENG-PC', 'RENAMED']);
      await client.writeControl('run');
      expect((await client.readState()).adsState).toBe(5);
    });
  });
});

describe('system service over Secure ADS', () => {
  it('SSC with this PC certificate: lists the routes and reads the target fingerprint', async () => {
    const client = await open(secure, ssc());
    const [list, fingerprint, info] = await within(
      client,
      async () => [await client.listRoutes(), await client.readOwnFingerprint(), await client.readDeviceInfo()] as const,
    );
    expect(list.routes.map((r) => r.name)).toEqual(['ENG-PC', 'OLD-LAPTOP']);
    expect(fingerprint).toBe(secure.fingerprint);
    expect(info.version).toBe('3.1.4024');
  });

  it('SSC refuses to connect when the pinned fingerprint differs, before sending anything', async () => {
    const wrong = { ...ssc(), fingerprint: 'ab'.repeat(32) } as SystemConnectionSecurity;
    await expect(open(secure, wrong)).rejects.toMatchObject({ code: 'fingerprint-mismatch' });
  });

  it('PSK: removes another route; removing its own route cuts the connection', async () => {
    const client = await open(secure, psk(), PSK_CLIENT, 'PSK-PC');
    await within(client, async () => {
      expect((await client.listRoutes()).routes.map((r) => r.netId)).toContain(PSK_CLIENT);
      await client.removeRoute('OLD-LAPTOP');
      expect((await client.listRoutes()).routes.map((r) => r.name)).not.toContain('OLD-LAPTOP');
      const own = (await client.listRoutes()).routes.find((r) => r.netId === PSK_CLIENT);
      expect(own?.name).toBe('PSK-PC');
      await client.removeRoute('PSK-PC');
      await expect(client.readState()).rejects.toMatchObject({ code: 'connection-lost' });
    });
    expect(secure.routes().map((r) => r.netId)).not.toContain(PSK_CLIENT);
  });

  it('SSC: removing our own route cuts the connection, and the target then refuses our certificate', async () => {
    const client = await open(secure, ssc());
    await client.removeRoute('ENG-PC');
    await expect(client.readState()).rejects.toMatchObject({ code: 'connection-lost' });
    client.close();
    const error = await open(secure, ssc()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RouteFailure);
    expect(error).toMatchObject({ code: 'cert-untrusted' });
  });
});
