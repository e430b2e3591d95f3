import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificatesService } from './certificates-service';
import type { IssuedDevice } from './device-certificates';

// Key generation dominates: one CA and one issue run, shared by the assertions below.
const CA_PASSWORD = 'plant-ca-pass';
const KEY_PWD = 'device-key-pw';
const DAY = 86_400_000;
let dir: string;
let service: CertificatesService;
let devices: IssuedDevice[];
const caFolder = () => join(dir, 'certificates', 'ca');

const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' }).toString();
const opensslStatus = (...args: string[]) => spawnSync('openssl', args, { stdio: 'pipe' }).status;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plant-ca-'));
  service = new CertificatesService(dir, { twincatFolders: [] });
  await service.createCa({
    subject: { C: 'DE', ST: 'NRW', L: 'Verl', O: 'Plant', OU: 'Automation', CN: 'Plant Root CA' },
    keyBits: 2048,
    days: 3600,
    password: CA_PASSWORD,
    replace: false,
  });
  devices = await service.issueDevices({
    caPassword: CA_PASSWORD,
    commonNames: ['CX-12AB34', '192.168.2.1'],
    days: 360,
    keyPassword: KEY_PWD,
    ignoreCn: false,
  });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('plant CA', () => {
  it('is a 2048-bit SHA-256 CA valid 3600 days with the subject asked for, as OpenSSL reads it', () => {
    const text = openssl('x509', '-in', join(caFolder(), 'rootCA.pem'), '-noout', '-text');
    expect(text).toContain('Subject: C = DE, ST = NRW, L = Verl, O = Plant, OU = Automation, CN = Plant Root CA');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Certificate Sign, CRL Sign/);
    const end = Date.parse(/Not After : (.+)/.exec(text)?.[1] ?? '');
    expect(Math.abs(end - (Date.now() + 3600 * DAY))).toBeLessThan(10 * 60_000);
  });

  it('keeps its key encrypted at rest (0600): it opens with the CA password and not without', async () => {
    const keyPath = join(caFolder(), 'rootCA.key');
    expect(await readFile(keyPath, 'utf8')).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect((await stat(keyPath)).mode & 0o777).toBe(0o600);
    expect(openssl('pkey', '-in', keyPath, '-passin', `pass:${CA_PASSWORD}`, '-noout', '-text')).toContain('2048 bit');
    expect(opensslStatus('pkey', '-in', keyPath, '-passin', 'pass:wrong-password', '-noout')).not.toBe(0);
  });

  it('refuses a wrong CA password and a second CA without confirmation; a confirmed replacement keeps the old one aside', async () => {
    await expect(service.issueDevices({ caPassword: 'not-the-password', commonNames: ['X'] })).rejects.toMatchObject({
      code: 'ca-bad-password',
      message: 'the CA password is wrong',
    });
    await expect(
      service.createCa({ subject: { CN: 'Second' }, keyBits: 2048, days: 10, password: 'another-pass', replace: false }),
    ).rejects.toMatchObject({ code: 'ca-exists' });
    const other = await mkdtemp(join(tmpdir(), 'plant-ca-replace-'));
    try {
      const fresh = new CertificatesService(other, { twincatFolders: [] });
      const first = await fresh.createCa({ subject: { CN: 'First' }, keyBits: 2048, days: 10, password: 'first-pass', replace: false });
      const second = await fresh.createCa({ subject: { CN: 'Second' }, keyBits: 2048, days: 10, password: 'second-pass', replace: true });
      expect(second.fingerprint).not.toBe(first.fingerprint);
      const kept = (await readdir(join(other, 'certificates'))).filter((name) => name.startsWith('ca-replaced-'));
      expect(kept).toHaveLength(1);
      expect(await readFile(join(other, 'certificates', kept[0]!, 'rootCA.pem'), 'utf8')).toContain('BEGIN CERTIFICATE');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

describe('device certificates', () => {
  it('pass `openssl verify` against rootCA.pem and carry CN, 360 days, SHA-256, 2048 bits and both EKUs', () => {
    for (const device of devices) {
      const crt = join(device.folder, `${device.fileName}.crt`);
      expect(openssl('verify', '-CAfile', join(device.folder, 'rootCA.pem'), crt).trim()).toBe(`${crt}: OK`);
      const text = openssl('x509', '-in', crt, '-noout', '-text');
      expect(text).toContain(`Subject: CN = ${device.commonName}`);
      expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
      expect(text).toContain('Public-Key: (2048 bit)');
      expect(text).toMatch(/Extended Key Usage:\s+TLS Web Server Authentication, TLS Web Client Authentication/);
      const end = Date.parse(/Not After : (.+)/.exec(text)?.[1] ?? '');
      expect(Math.abs(end - (Date.now() + 360 * DAY))).toBeLessThan(10 * 60_000);
    }
    expect(devices.map((d) => d.fileName)).toEqual(['CX-12AB34', '192.168.2.1']);
  });

  it('name the files Set CA files needs: the shared CA, the certificate and the key, as issued and as listed again', async () => {
    const folder = devices[0]!.folder;
    const files = { ca: join(folder, 'rootCA.pem'), cert: join(folder, 'CX-12AB34.crt'), key: join(folder, 'CX-12AB34.key') };
    expect(devices[0]!.files).toEqual(files);
    expect((await service.overview()).devices.find((d) => d.commonName === 'CX-12AB34')?.files).toEqual(files);
    expect(openssl('verify', '-CAfile', files.ca, files.cert).trim()).toBe(`${files.cert}: OK`);
  });

  it('encrypt the key with the KeyPwd: OpenSSL opens it with that password only', () => {
    const key = join(devices[0]!.folder, 'CX-12AB34.key');
    expect(openssl('pkey', '-in', key, '-passin', `pass:${KEY_PWD}`, '-noout', '-text')).toContain('Private-Key: (2048 bit');
    expect(opensslStatus('pkey', '-in', key, '-passin', 'pass:guess', '-noout')).not.toBe(0);
  });

  it('export as a folder per device with rootCA.pem, NAME.crt, NAME.key and the <Server><Tls> fragment, never the CA key', async () => {
    const out = await mkdtemp(join(tmpdir(), 'plant-export-'));
    try {
      const [exported] = await service.exportDevices(['CX-12AB34'], out);
      expect((await readdir(exported!.folder)).sort()).toEqual(['CX-12AB34.crt', 'CX-12AB34.key', 'StaticRoutes-Server.xml', 'rootCA.pem']);
      expect((await stat(join(exported!.folder, 'CX-12AB34.key'))).mode & 0o777).toBe(0o600);
      expect(await readFile(join(exported!.folder, 'StaticRoutes-Server.xml'), 'utf8')).toContain(
        [
          '<Server>',
          '  <Tls>',
          '    <Ca>C:\\TwinCAT\\3.1\\Target\\CACerts\\rootCA.pem</Ca>',
          '    <Cert>C:\\TwinCAT\\3.1\\Target\\CACerts\\CX-12AB34.crt</Cert>',
          '    <Key>C:\\TwinCAT\\3.1\\Target\\CACerts\\CX-12AB34.key</Key>',
          '    <!-- The key is encrypted: add <KeyPwd>its password</KeyPwd> here, on the target only. -->',
          '  </Tls>',
          '</Server>',
        ].join('\n'),
      );
      const everything = await Promise.all((await readdir(exported!.folder)).map((f) => readFile(join(exported!.folder, f), 'utf8')));
      expect(everything.join('')).not.toContain(KEY_PWD);
      expect(everything.join('')).not.toMatch(/rootCA\.key|BEGIN PRIVATE KEY/);
      // A second export over the first keeps what was there.
      await service.exportDevices(['CX-12AB34'], out);
      expect(await readdir(exported!.folder)).toContain('CX-12AB34.crt.bak');
      await expect(service.exportDevices(['CX-12AB34'], 'relative/folder')).rejects.toMatchObject({ code: 'file-refused' });
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});

describe('loading an existing CA', () => {
  it('takes over an OpenSSL CA (stored encrypted under the new password) and refuses a non-CA or a foreign key', async () => {
    const pki = await mkdtemp(join(tmpdir(), 'plant-load-'));
    try {
      const run = (...args: string[]) => execFileSync('openssl', args, { cwd: pki, stdio: 'pipe' });
      run(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-keyout',
        'ca.key',
        '-passout',
        'pass:old-ca-pw',
        '-out',
        'ca.pem',
        '-days',
        '30',
        '-subj',
        '/CN=Factory CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign',
      );
      run(
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'leaf.key',
        '-out',
        'leaf.pem',
        '-days',
        '30',
        '-subj',
        '/CN=leaf',
        '-addext',
        'basicConstraints=CA:FALSE',
      );
      const target = await mkdtemp(join(tmpdir(), 'plant-load-data-'));
      try {
        const fresh = new CertificatesService(target, { twincatFolders: [] });
        await expect(
          fresh.loadCa({ certPath: join(pki, 'leaf.pem'), keyPath: join(pki, 'leaf.key'), password: 'new-ca-pass', replace: false }),
        ).rejects.toMatchObject({ code: 'ca-invalid' });
        await expect(
          fresh.loadCa({ certPath: join(pki, 'ca.pem'), keyPath: join(pki, 'leaf.key'), password: 'new-ca-pass', replace: false }),
        ).rejects.toMatchObject({ code: 'ca-invalid', message: 'the key does not belong to this CA certificate' });
        await expect(
          fresh.loadCa({
            certPath: join(pki, 'ca.pem'),
            keyPath: join(pki, 'ca.key'),
            keyPassword: 'wrong',
            password: 'new-ca-pass',
            replace: false,
          }),
        ).rejects.toMatchObject({ code: 'key-bad-password' });
        const loaded = await fresh.loadCa({
          certPath: join(pki, 'ca.pem'),
          keyPath: join(pki, 'ca.key'),
          keyPassword: 'old-ca-pw',
          password: 'new-ca-pass',
          replace: false,
        });
        expect(loaded.commonName).toBe('Factory CA');
        const [device] = await fresh.issueDevices({ caPassword: 'new-ca-pass', commonNames: ['PLC-7'] });
        expect(openssl('verify', '-CAfile', join(pki, 'ca.pem'), join(device!.folder, 'PLC-7.crt')).trim()).toMatch(/: OK$/);
      } finally {
        await rm(target, { recursive: true, force: true });
      }
    } finally {
      await rm(pki, { recursive: true, force: true });
    }
  });
});

describe('inspect', () => {
  it("reads PEM and DER, shows key type and size, and checks the chain with the client's verification", async () => {
    const device = devices[0]!;
    const crt = join(device.folder, 'CX-12AB34.crt');
    const der = join(dir, 'device.der');
    await writeFile(der, execFileSync('openssl', ['x509', '-in', crt, '-outform', 'DER']));
    const fromPem = await service.inspect(crt, join(caFolder(), 'rootCA.pem'));
    const fromDer = await service.inspect(der);
    expect(fromPem.certificates[0]).toMatchObject({
      commonName: 'CX-12AB34',
      keyType: 'rsa',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      selfSigned: false,
      isCa: false,
      issuer: 'C=DE, ST=NRW, L=Verl, O=Plant, OU=Automation, CN=Plant Root CA',
    });
    expect(fromPem.certificates[0]!.fingerprint).toBe(device.certificate.fingerprint);
    expect(fromDer.certificates[0]!.fingerprint).toBe(device.certificate.fingerprint);
    expect(fromPem.chainsToCa).toEqual({ ok: true });
    expect(fromDer.chainsToCa).toBeNull();
    // The device's own certificate is no CA for another device.
    expect(await service.inspect(join(devices[1]!.folder, '192.168.2.1.crt'), crt)).toMatchObject({
      chainsToCa: { ok: false, reason: 'untrusted' },
    });
  });

  it('refuses what is not a small regular file, and names a broken one', async () => {
    await expect(service.inspect(dir)).rejects.toMatchObject({
      code: 'file-refused',
      message: expect.stringContaining('not a regular file'),
    });
    await writeFile(join(dir, 'big.pem'), Buffer.alloc(1024 * 1024 + 1, 0x41));
    await expect(service.inspect(join(dir, 'big.pem'))).rejects.toMatchObject({
      code: 'file-refused',
      message: expect.stringContaining('larger than 1 MiB'),
    });
    await expect(service.inspect('rootCA.pem')).rejects.toMatchObject({ code: 'file-refused' });
    await expect(service.inspect(join(dir, 'missing.pem'))).rejects.toMatchObject({ code: 'certificate-not-found' });
    await writeFile(join(dir, 'junk.der'), 'junk');
    await expect(service.inspect(join(dir, 'junk.der'))).rejects.toMatchObject({ code: 'certificate-malformed' });
  });
});
