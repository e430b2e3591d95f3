import { createHash, createPrivateKey } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeUdpMessage, encodeAddRouteRequest, encodeDiscoveryRequest, interpretAddRouteReply } from '../../shared/protocol/udp48899';
import { createSelfSignedCertificate, issueCertificate } from '../services/certificates/self-signed';
import { secureConnect, udpExchange } from './test-support';
import { startVirtualTarget, SimConfigError } from './index';

// Addresses 127.0.95.x belong to this file.
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sim-state-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('state folder', () => {
  it('keeps its certificate and persistent routes across restarts, with the Server section and SecureOnly', async () => {
    const config = {
      address: '127.0.95.1',
      name: 'STATE-PLC',
      stateDir: dir,
      secureOnly: true,
      psk: [{ identity: 'ID1', secret: 'S3cr3t-psk' }],
      tls: false,
    };
    const first = await startVirtualTarget(config);
    const add = encodeAddRouteRequest({
      senderNetId: '10.95.0.1.1.1',
      routeName: 'KEEP',
      netId: '10.95.0.1.1.1',
      user: 'Administrator',
      password: '1',
      address: 'ENG-PC',
    });
    expect(interpretAddRouteReply(decodeUdpMessage(new Uint8Array((await udpExchange('127.0.95.1', 48899, add))!))).status).toBe(0);
    await first.stop();

    const xml = await readFile(join(dir, 'StaticRoutes.xml'), 'utf8');
    expect(xml).toMatch(/<RemoteConnections SecureOnly="True">/);
    expect(xml).toMatch(/<Server>\s*<Tls>\s*<Psk>\s*<Identity>ID1<\/Identity>\s*<Pwd>S3cr3t-psk<\/Pwd>/);
    expect(await readFile(join(dir, 'TcSelfSigned.xml'), 'utf8')).toContain('BEGIN CERTIFICATE');

    const second = await startVirtualTarget(config);
    try {
      expect(second.fingerprint).toBe(first.fingerprint);
      expect(second.routes()).toContainEqual(expect.objectContaining({ name: 'KEEP', address: 'ENG-PC', netId: '10.95.0.1.1.1' }));
      // Unchanged state is not rewritten: the backup is the file as it was before the route was stored.
      expect(await readFile(join(dir, 'StaticRoutes.xml.bak'), 'utf8')).toMatch(/<Identity>ID1<\/Identity>(?![\s\S]*KEEP)/);
    } finally {
      await second.stop();
    }
  });

  it('refuses to start on a broken StaticRoutes.xml, names it, and leaves it untouched', async () => {
    const broken = '<TcConfig><RemoteConnections><Route><Name>X</Name></RemoteConnections>';
    await writeFile(join(dir, 'StaticRoutes.xml'), broken);
    await expect(startVirtualTarget({ address: '127.0.95.2', stateDir: dir })).rejects.toThrow(/StaticRoutes\.xml: not well-formed XML/);
    expect(await readFile(join(dir, 'StaticRoutes.xml'), 'utf8')).toBe(broken);
  });

  it('refuses a route without a valid NetId and a TcSelfSigned.xml whose key does not fit', async () => {
    await writeFile(
      join(dir, 'StaticRoutes.xml'),
      '<TcConfig><RemoteConnections><Route><Name>X</Name><Address>a</Address><NetId>1.2.3</NetId></Route></RemoteConnections></TcConfig>',
    );
    await expect(startVirtualTarget({ address: '127.0.95.3', stateDir: dir })).rejects.toThrow(/route 1 needs/);
    await rm(join(dir, 'StaticRoutes.xml'));
    await writeFile(
      join(dir, 'TcSelfSigned.xml'),
      '<TcSelfSigned><Certificate>nope</Certificate><PrivateKey>nope</PrivateKey></TcSelfSigned>',
    );
    await expect(startVirtualTarget({ address: '127.0.95.3', stateDir: dir })).rejects.toThrow(
      /TcSelfSigned\.xml: the certificate or private key/,
    );
  });

  it('rejects an unusable configuration with a message naming the field, and frees its sockets on a bind failure', async () => {
    await expect(startVirtualTarget({ address: '127.0.95.4', netId: '1.2.3' })).rejects.toThrow(SimConfigError);
    await expect(startVirtualTarget({ address: '127.0.95.4', netId: '1.2.3' })).rejects.toThrow(/netId/);
    const a = await startVirtualTarget({ address: '127.0.95.5', tls: false });
    try {
      await expect(startVirtualTarget({ address: '127.0.95.5', tls: false, discovery: false })).rejects.toThrow(
        /ADS\/TCP 127\.0\.95\.5:48898: port already in use/,
      );
    } finally {
      await a.stop();
    }
    const b = await startVirtualTarget({ address: '127.0.95.5', tls: false });
    await b.stop();
  });

  it('a restart without explicit settings keeps SecureOnly, the DisableAds* switches and the <Server> section (PSK, CA)', async () => {
    const now = Date.now();
    const root = createSelfSignedCertificate({
      commonName: 'Root95',
      isCa: true,
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + 400 * 86_400_000),
    });
    const leaf = issueCertificate(root, { commonName: 'SWITCH-PLC', days: 360 });
    const first = await startVirtualTarget({
      address: '127.0.95.6',
      name: 'SWITCH-PLC',
      stateDir: dir,
      secureOnly: true,
      tcp: false,
      discovery: false,
      psk: [{ identity: 'ID6', secret: 'psk-six' }],
      ca: { caPem: root.certPem, certPem: leaf.certPem, keyPem: leaf.keyPem, ignoreCn: true },
      ports: { tls: 0 },
    });
    await first.stop();
    const registry = await readFile(join(dir, 'TcRegistry.xml'), 'utf8');
    expect(registry).toMatch(/<DisableAdsTcpListening>1<\/DisableAdsTcpListening>/);
    expect(registry).toMatch(/<DisableAdsTlsListening>0<\/DisableAdsTlsListening>/);
    expect(registry).toMatch(/<DisableAdsDiscovery>1<\/DisableAdsDiscovery>/);

    const second = await startVirtualTarget({ address: '127.0.95.6', name: 'SWITCH-PLC', stateDir: dir, ports: { tls: 0 } });
    try {
      expect(second.ports).toMatchObject({ udp: null, ads: null });
      expect(second.ports.tls).toEqual(expect.any(Number));
      expect(second.config).toMatchObject({
        secureOnly: true,
        tcp: false,
        discovery: false,
        tls: true,
        psk: [{ identity: 'ID6', secret: 'psk-six' }],
      });
      expect(second.config.ca).toMatchObject({ ignoreCn: true });
      expect(second.config.ca!.certPem.replace(/\s/g, '')).toBe(leaf.certPem.replace(/\s/g, ''));
      // What a client sees: the TLS server presents the CA-issued certificate from the folder, not the SSC.
      const session = await secureConnect(
        { host: '127.0.95.6', port: second.ports.tls!, ca: root.certPem, cert: leaf.certPem, key: leaf.keyPem },
        { flags: 0, hostname: 'SWITCH-PLC', netId: '10.95.0.6.1.1' },
      ).catch((error: unknown) => error as Error);
      const served = session instanceof Error ? null : createHash('sha256').update(session.socket.getPeerCertificate().raw).digest('hex');
      if (!(session instanceof Error)) session.close();
      expect(served).toBe(leaf.fingerprint);
      expect(await udpExchange('127.0.95.6', 48899, encodeDiscoveryRequest({ netId: '10.95.0.1.1.1' }), 300)).toBeNull();
    } finally {
      await second.stop();
    }

    // Explicit settings win over the folder, and what they set is what the folder keeps.
    const third = await startVirtualTarget({
      address: '127.0.95.6',
      name: 'SWITCH-PLC',
      stateDir: dir,
      discovery: true,
      secureOnly: false,
      tls: false,
    });
    try {
      expect(third.ports.udp).toBe(48899);
      expect(third.config).toMatchObject({ secureOnly: false, tcp: false, tls: false, discovery: true });
    } finally {
      await third.stop();
    }
    expect(await readFile(join(dir, 'StaticRoutes.xml'), 'utf8')).not.toMatch(/SecureOnly/);
    expect(await readFile(join(dir, 'TcRegistry.xml'), 'utf8')).toMatch(/<DisableAdsTlsListening>1<\/DisableAdsTlsListening>/);
  });

  it('serves CA files a TwinCAT-style folder names, an encrypted key with <KeyPwd> included, and leaves them as they are', async () => {
    const now = Date.now();
    const root = createSelfSignedCertificate({
      commonName: 'Root95b',
      isCa: true,
      notBefore: new Date(now - 86_400_000),
      notAfter: new Date(now + 400 * 86_400_000),
    });
    const leaf = issueCertificate(root, { commonName: 'ENC-PLC', days: 360 });
    const encryptedKey = createPrivateKey(leaf.keyPem).export({
      format: 'pem',
      type: 'pkcs8',
      cipher: 'aes-256-cbc',
      passphrase: 'key-pw-95',
    }) as string;
    await mkdir(join(dir, 'certs'));
    await writeFile(join(dir, 'certs', 'root.pem'), root.certPem);
    await writeFile(join(dir, 'certs', 'plc.crt'), leaf.certPem);
    await writeFile(join(dir, 'certs', 'plc.key'), encryptedKey);
    await writeFile(
      join(dir, 'StaticRoutes.xml'),
      '<?xml version="1.0"?>\n<TcConfig><RemoteConnections><Server><Tls IgnoreCn="true"><Ca>certs/root.pem</Ca><Cert>certs/plc.crt</Cert><Key>certs/plc.key</Key><KeyPwd>key-pw-95</KeyPwd></Tls></Server></RemoteConnections></TcConfig>\n',
    );
    const target = await startVirtualTarget({ address: '127.0.95.8', name: 'ENC-PLC', stateDir: dir, ports: { udp: 0, ads: 0, tls: 0 } });
    try {
      const session = await secureConnect(
        { host: '127.0.95.8', port: target.ports.tls!, ca: root.certPem, cert: leaf.certPem, key: leaf.keyPem },
        { flags: 0, hostname: 'ENC-PLC', netId: '10.95.0.8.1.1' },
      );
      const served = createHash('sha256').update(session.socket.getPeerCertificate().raw).digest('hex');
      session.close();
      expect(served).toBe(leaf.fingerprint);
    } finally {
      await target.stop();
    }
    // Still the encrypted key the folder had, and the rewritten StaticRoutes.xml still points at it with its password.
    expect(await readFile(join(dir, 'certs', 'plc.key'), 'utf8')).toBe(encryptedKey);
    const xml = await readFile(join(dir, 'StaticRoutes.xml'), 'utf8');
    expect(xml).toContain(`<Key>${join(dir, 'certs', 'plc.key')}</Key>`);
    expect(xml).toContain('<KeyPwd>key-pw-95</KeyPwd>');
  });

  it('refuses an unusable TcRegistry.xml or a <Server> section whose CA files are gone, naming the file', async () => {
    await writeFile(join(dir, 'TcRegistry.xml'), '<System><DisableAdsDiscovery>yes</DisableAdsDiscovery></System>');
    await expect(startVirtualTarget({ address: '127.0.95.7', stateDir: dir })).rejects.toThrow(
      /TcRegistry\.xml: <DisableAdsDiscovery> must be 0 or 1/,
    );
    await rm(join(dir, 'TcRegistry.xml'));
    await writeFile(
      join(dir, 'StaticRoutes.xml'),
      '<TcConfig><RemoteConnections><Server><Tls><Ca>CACerts/none.pem</Ca><Cert>CACerts/none.crt</Cert><Key>CACerts/none.key</Key></Tls></Server></RemoteConnections></TcConfig>',
    );
    await expect(startVirtualTarget({ address: '127.0.95.7', stateDir: dir })).rejects.toThrow(
      /StaticRoutes\.xml: <Server><Tls> CA files unusable/,
    );
  });
});
