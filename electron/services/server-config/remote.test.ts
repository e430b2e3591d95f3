import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connect as tlsConnect } from 'node:tls';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { CERTIFICATE_CIPHERS } from '../../sim/secure-ads-server';
import { sha256Hex } from '../certificates/inspect';
import { plainRoute, stateWithRoutes } from '../../sim/system-service/test-routes';
import { LogBook } from '../log/logger';
import { createSelfSignedCertificate, issueCertificate } from '../certificates/self-signed';
import type { ServerPlace, TargetConnection } from '../../../shared/ipc/channels/server-config';
import { ServerConfigService, generatePskSecret } from './server-config-service';
import { systemSessionConnector } from './system-session-connector';
import { restartTarget, uploadFile, verifyTarget } from './target-actions';
import type { SystemSessionConnector } from './system-session';

// Addresses 127.0.133.x belong to this file.
const CLIENT = '10.0.133.1.1.1';
const ADMIN = { identity: 'ADMIN_PSK', secret: 'admin-psk-secret-1' };
const logger = new LogBook().logger('test');

let dataDir: string;
const targets: VirtualTarget[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'server-config-remote-'));
});
afterEach(async () => {
  for (const t of targets.splice(0)) await t.stop();
});
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

async function target(n: number, psk = [ADMIN]): Promise<VirtualTarget> {
  const dir = await stateWithRoutes([plainRoute('ENG-PC', CLIENT, '10.0.133.1')], { psk });
  dirs.push(dir);
  const t = await startVirtualTarget({ address: `127.0.133.${n}`, name: `PLC-${n}`, stateDir: dir, discovery: false });
  targets.push(t);
  return t;
}

function plainTo(t: VirtualTarget): TargetConnection {
  return {
    name: t.config.name,
    address: t.address,
    netId: t.netId,
    mode: 'none',
    fingerprint: null,
    psk: null,
    ca: null,
    ports: { ads: t.ports.ads!, tls: t.ports.tls! },
  };
}
function pskTo(t: VirtualTarget, psk = ADMIN): TargetConnection {
  return { ...plainTo(t), mode: 'psk', psk: { identity: psk.identity, password: psk.secret } };
}

/** The SHA-256 of the certificate the target's TLS server presents to a certificate-mode client. */
function presentedFingerprint(t: VirtualTarget): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({
      host: t.address,
      port: t.ports.tls!,
      ciphers: CERTIFICATE_CIPHERS,
      maxVersion: 'TLSv1.2',
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
    });
    socket.setTimeout(3000, () => socket.destroy(new Error('no handshake within 3 s')));
    socket.once('secureConnect', () => {
      resolve(sha256Hex(socket.getPeerCertificate().raw));
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

const connect: SystemSessionConnector = (t, signal) => systemSessionConnector({ dataDir, localNetId: CLIENT, timeoutMs: 3000 })(t, signal);
const service = (c: SystemSessionConnector = connect) =>
  new ServerConfigService({ dataDir, connect: c, logger, now: () => new Date('2026-11-29T16:40:00Z') });
const at = (t: VirtualTarget, via = plainTo(t)): ServerPlace => ({ kind: 'target', target: via });

describe("a target's StaticRoutes.xml over its system service", () => {
  it('reads the server section, routes and Run state', async () => {
    const t = await target(1);
    const read = await service().read(at(t));
    expect(read).toMatchObject({
      ok: true,
      exists: true,
      adsState: 5,
      model: { secureOnly: false, psk: [{ identity: 'ADMIN_PSK' }], tls: null },
    });
    expect(read.model?.routes.map((r) => r.name)).toEqual(['ENG-PC']);
    expect(JSON.stringify(read)).not.toContain(ADMIN.secret);
  });

  it('adds a PSK identity safely; after a restart to Config and back to Run a PSK handshake with it succeeds', async () => {
    const t = await target(2);
    const s = service();
    const secret = generatePskSecret('SERVICE_TECH').secret;
    const before = await readFile(join(t.stateDir, 'StaticRoutes.xml'));
    const applied = await s.apply(at(t), { kind: 'add-psk', identity: 'SERVICE_TECH', secret });
    expect(applied).toMatchObject({ ok: true, changed: true, backup: 'StaticRoutes.xml.bak-20261129T164000Z' });
    expect(await readFile(join(t.stateDir, 'StaticRoutes.xml.bak-20261129T164000Z'))).toEqual(before);
    expect(await readFile(join(t.stateDir, 'StaticRoutes.xml'))).toEqual(await readFile(join(t.stateDir, 'StaticRoutes.xml.new')));
    // Not in effect before the router re-reads the file.
    expect((await verifyTarget(s, plainTo(t), { kind: 'psk', identity: 'SERVICE_TECH', secret })).ok).toBe(false);
    expect(await restartTarget(s, plainTo(t), 'config', logger)).toMatchObject({ ok: true, adsState: 15 });
    expect(await restartTarget(s, plainTo(t), 'run', logger)).toMatchObject({ ok: true, adsState: 5 });
    const proof = await verifyTarget(s, plainTo(t), { kind: 'psk', identity: 'SERVICE_TECH', secret });
    expect(proof).toMatchObject({ ok: true });
    expect(proof.detail).not.toContain(secret);
  });

  it('removes a PSK identity: after the restart it no longer gets in', async () => {
    const t = await target(3);
    const s = service();
    expect((await s.apply(at(t), { kind: 'remove-psk', identity: 'admin_psk' })).model?.psk).toEqual([]);
    await restartTarget(s, plainTo(t), 'config', logger);
    expect((await verifyTarget(s, plainTo(t), { kind: 'psk', ...ADMIN })).ok).toBe(false);
  });

  it('SecureOnly on over Secure ADS: after the restart plain ADS is refused and PSK still works', async () => {
    const t = await target(4);
    const s = service();
    expect((await s.apply(at(t, pskTo(t)), { kind: 'set-secure-only', on: true })).model?.secureOnly).toBe(true);
    expect((await verifyTarget(s, plainTo(t), { kind: 'secure-only' })).ok).toBe(false);
    expect((await restartTarget(s, pskTo(t), 'config', logger)).ok).toBe(true);
    expect(await verifyTarget(s, plainTo(t), { kind: 'secure-only' })).toMatchObject({ ok: true });
    expect((await s.read(at(t, pskTo(t)))).model?.secureOnly).toBe(true);
  });

  it('uploads CA files into CACerts/ and points the server entry at them; clears them again', async () => {
    const t = await target(5);
    const s = service();
    const ca = createSelfSignedCertificate({ commonName: 'RootCA', keyBits: 2048 });
    const leaf = issueCertificate(ca, { commonName: t.address, days: 360, keyBits: 2048 });
    const files = { 'rootCA.pem': ca.certPem, 'ipc.crt': leaf.certPem, 'ipc.key': leaf.keyPem };
    // The file service cannot create folders: without CACerts/ the file goes next to StaticRoutes.xml, and says so.
    await writeFile(join(dataDir, 'extra.pem'), ca.certPem);
    expect(await uploadFile(s, plainTo(t), join(dataDir, 'extra.pem'), 'CACerts/extra.pem', logger)).toMatchObject({
      ok: true,
      remotePath: 'extra.pem',
    });
    await mkdir(join(t.stateDir, 'CACerts'));
    for (const [name, pem] of Object.entries(files)) {
      await writeFile(join(dataDir, name), pem);
      expect(await uploadFile(s, plainTo(t), join(dataDir, name), `CACerts/${name}`, logger)).toMatchObject({
        ok: true,
        remotePath: `CACerts/${name}`,
      });
      expect(await readFile(join(t.stateDir, 'CACerts', name), 'utf8')).toBe(pem);
    }
    const set = await s.apply(at(t), {
      kind: 'set-tls',
      ca: 'CACerts/rootCA.pem',
      cert: 'CACerts/ipc.crt',
      key: 'CACerts/ipc.key',
      ignoreCn: true,
    });
    expect(set.model?.tls).toEqual({
      ca: 'CACerts/rootCA.pem',
      cert: 'CACerts/ipc.crt',
      key: 'CACerts/ipc.key',
      ignoreCn: true,
      keyPassword: false,
    });
    expect((await uploadFile(s, plainTo(t), join(dataDir, 'ipc.key'), '../escape.key', logger)).error?.code).toBe('invalid-input');
    expect((await s.apply(at(t), { kind: 'clear-tls' })).model?.tls).toBeNull();
  });

  it('refuses a change when the file changed since it was read, with the diff, and leaves it alone', async () => {
    const t = await target(6);
    const s = service();
    const seen = await s.read(at(t));
    const path = join(t.stateDir, 'StaticRoutes.xml');
    const changed = (await readFile(path, 'utf8')).replace('<Name>ENG-PC</Name>', '<Name>ENG-PC-2</Name>');
    await writeFile(path, changed);
    const result = await s.apply(at(t), { kind: 'set-secure-only', on: true }, seen.revision);
    expect(result).toMatchObject({ ok: false, error: { code: 'concurrent-change' } });
    expect(result.error?.diff).toEqual(
      expect.arrayContaining([
        expect.stringContaining('-       <Name>ENG-PC</Name>'),
        expect.stringContaining('+       <Name>ENG-PC-2</Name>'),
      ]),
    );
    expect(JSON.stringify(result)).not.toContain(ADMIN.secret);
    expect(await readFile(path, 'utf8')).toBe(changed);
  });
});

describe('a target started without any PSK identity or CA files (no PSK suites, the self-signed certificate)', () => {
  it('accepts a PSK identity written to its file only after a restart to Config and back to Run', async () => {
    const t = await target(10, []);
    const s = service();
    const secret = generatePskSecret('FIRST_TECH').secret;
    expect((await s.apply(at(t), { kind: 'add-psk', identity: 'FIRST_TECH', secret })).ok).toBe(true);
    expect((await verifyTarget(s, plainTo(t), { kind: 'psk', identity: 'FIRST_TECH', secret })).ok).toBe(false);
    expect(await restartTarget(s, plainTo(t), 'config', logger)).toMatchObject({ ok: true, adsState: 15 });
    expect(await restartTarget(s, plainTo(t), 'run', logger)).toMatchObject({ ok: true, adsState: 5 });
    expect(await verifyTarget(s, plainTo(t), { kind: 'psk', identity: 'FIRST_TECH', secret })).toMatchObject({ ok: true });
  });

  it('presents the CA-issued certificate its file names after a restart, and the self-signed one again once cleared', async () => {
    const t = await target(11, []);
    const s = service();
    const ca = createSelfSignedCertificate({ commonName: 'RootCA', keyBits: 2048 });
    const leaf = issueCertificate(ca, { commonName: t.address, days: 360, keyBits: 2048 });
    for (const [name, pem] of Object.entries({ 'rootCA.pem': ca.certPem, 'ipc.crt': leaf.certPem, 'ipc.key': leaf.keyPem })) {
      await writeFile(join(dataDir, name), pem);
      expect((await uploadFile(s, plainTo(t), join(dataDir, name), name, logger)).ok).toBe(true);
    }
    expect((await s.apply(at(t), { kind: 'set-tls', ca: 'rootCA.pem', cert: 'ipc.crt', key: 'ipc.key', ignoreCn: false })).ok).toBe(true);
    expect(await presentedFingerprint(t)).toBe(t.fingerprint);
    await restartTarget(s, plainTo(t), 'config', logger);
    expect(await presentedFingerprint(t)).toBe(leaf.fingerprint);
    expect((await s.apply(at(t), { kind: 'clear-tls' })).ok).toBe(true);
    await restartTarget(s, plainTo(t), 'run', logger);
    expect(await presentedFingerprint(t)).toBe(t.fingerprint);
  });
});

describe('failed writes leave the original in place', () => {
  /** The real connection, with one file write that fails (after writing half, as a dropped connection would). */
  const failing =
    (path: string, times = 1): SystemSessionConnector =>
    async (t, signal) => {
      const session = await connect(t, signal);
      let left = times;
      return {
        ...session,
        files: {
          read: session.files.read,
          async write(p, data) {
            if (p === path && left-- > 0) {
              await session.files.write(p, data.subarray(0, data.length >> 1));
              throw new Error('connection lost');
            }
            return session.files.write(p, data);
          },
        },
      };
    };

  for (const [step, path, times] of [
    ['the staging copy', 'StaticRoutes.xml.new', 1],
    ['the backup', 'StaticRoutes.xml.bak-20261129T164000Z', 1],
    ['StaticRoutes.xml itself (restored from memory)', 'StaticRoutes.xml', 1],
  ] as const) {
    it(`when writing ${step} fails`, async () => {
      const t = await target(7);
      const original = await readFile(join(t.stateDir, 'StaticRoutes.xml'));
      const result = await service(failing(path, times)).apply(at(t), { kind: 'add-psk', identity: 'X_ID', secret: 'x-secret-1234' });
      expect(result).toMatchObject({ ok: false, error: { code: 'write-failed' } });
      expect(await readFile(join(t.stateDir, 'StaticRoutes.xml'))).toEqual(original);
      if (path === 'StaticRoutes.xml') expect(result.error?.message).toMatch(/original was written back/);
      expect((await readdir(t.stateDir)).filter((f) => f.startsWith('StaticRoutes.xml')).length).toBeGreaterThan(0);
    });
  }

  it('says where the backup is when restoring fails too', async () => {
    const t = await target(8);
    const result = await service(failing('StaticRoutes.xml', 2)).apply(at(t), { kind: 'set-secure-only', on: true });
    expect(result.error?.message).toMatch(/copy StaticRoutes\.xml\.bak-20261129T164000Z back/);
    expect(await readFile(join(t.stateDir, 'StaticRoutes.xml.bak-20261129T164000Z'), 'utf8')).toContain('<Name>ENG-PC</Name>');
  });

  it('a target that is not reachable is a typed per-system error', async () => {
    const t = await target(9);
    const place: ServerPlace = { kind: 'target', target: { ...plainTo(t), ports: { ads: 1, tls: 1 } } };
    const result = await service().apply(place, { kind: 'set-secure-only', on: true });
    expect(result.ok).toBe(false);
    expect(result.error?.code).toBeTruthy();
  });
});
