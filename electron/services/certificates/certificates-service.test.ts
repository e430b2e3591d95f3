import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRoute } from '../../../shared/domain/route';
import { IdentityService } from '../identity/index';
import { LocalRouteStore } from '../routes/local-route-store';
import { CertificatesService, type Overview } from './certificates-service';
import { expiryOf } from './expiry';
import { createSelfSignedCertificate } from './self-signed';
import { twinCatTargetCandidates } from './twincat-self-signed';

const DAY = 86_400_000;
const CA_PASSWORD = 'expiry-ca-pass';
let dir: string;
let service: CertificatesService;
let overview: Overview;

function caRoute(name: string, caFile: string, certFile: string): LocalRoute {
  return {
    name,
    address: '192.168.7.1',
    netId: '192.168.7.1.1.1',
    virtualNetId: null,
    type: 'TCP_IP',
    flags: null,
    temporary: false,
    unidirectional: false,
    tls: { mode: 'ca', fingerprint: null, pskIdentity: null, ignoreCn: false, caFile, certFile, keyFile: null },
    createdAt: new Date().toISOString(),
    verifiedAt: null,
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cert-expiry-'));
  service = new CertificatesService(dir, { twincatFolders: [], identity: new IdentityService(dir, () => 'ENG-PC') });
  await service.createCa({ subject: { CN: 'Expiry CA' }, keyBits: 2048, days: 3600, password: CA_PASSWORD, replace: false });
  for (const days of [5, 20, 400]) await service.issueDevices({ caPassword: CA_PASSWORD, commonNames: [`PLC-${days}D`], days });
  // Issued 10 days ago for 3 days: expired a week ago.
  const past = new CertificatesService(dir, { twincatFolders: [], now: () => new Date(Date.now() - 10 * DAY) });
  await past.issueDevices({ caPassword: CA_PASSWORD, commonNames: ['PLC-OLD'], days: 3 });
  await service.issueThisPc({ caPassword: CA_PASSWORD, days: 360 });
  await new LocalRouteStore(dir).upsert(caRoute('LINE-1', join(dir, 'certificates', 'ca', 'rootCA.pem'), join(dir, 'gone', 'client.crt')));
  overview = await service.overview();
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('expiry overview', () => {
  it('warns at 30 and 7 days: 5 days is critical, 20 days a warning, 400 days fine, an ended one expired', () => {
    const byName = (name: string) => overview.expiry.find((e) => e.role === 'device' && e.name === name);
    expect(byName('PLC-5D')).toMatchObject({ daysLeft: 5, level: 'critical' });
    expect(byName('PLC-20D')).toMatchObject({ daysLeft: 20, level: 'warning' });
    expect(byName('PLC-400D')).toMatchObject({ daysLeft: 400, level: 'ok' });
    expect(byName('PLC-OLD')).toMatchObject({ daysLeft: -7, level: 'expired' });
  });

  it("knows every certificate: this PC's, the CA, this PC's CA-issued one, devices and the files routes name, soonest first", () => {
    expect(overview.expiry.map((e) => `${e.role}:${e.name}:${e.level}`)).toEqual([
      'route-cert:LINE-1:unreadable',
      'device:PLC-OLD:expired',
      'device:PLC-5D:critical',
      'device:PLC-20D:warning',
      'this-pc:ENG-PC:ok',
      'device:PLC-400D:ok',
      'ca:Expiry CA:ok',
      'route-ca:LINE-1:ok',
      'client:ENG-PC:ok',
    ]);
    expect(overview.expiry[0]).toMatchObject({ problem: 'certificate client.crt does not exist', daysLeft: null });
    expect(overview.attention).toBe(4);
    expect(overview.thisPc).toMatchObject({ commonName: 'ENG-PC', fileName: 'ENG-PC' });
    expect(overview.devices.map((d) => d.commonName)).toEqual(['PLC-20D', 'PLC-400D', 'PLC-5D', 'PLC-OLD']);
  });

  it('rounds the days left up and tells a not-yet-valid certificate apart', () => {
    const now = new Date('2030-01-01T00:00:00Z');
    expect(expiryOf('2029-01-01T00:00:00Z', '2030-01-08T00:00:00Z', now)).toEqual({ daysLeft: 7, level: 'critical' });
    expect(expiryOf('2029-01-01T00:00:00Z', '2030-01-08T00:00:01Z', now)).toEqual({ daysLeft: 8, level: 'warning' });
    expect(expiryOf('2029-01-01T00:00:00Z', '2030-01-31T00:00:00Z', now)).toEqual({ daysLeft: 30, level: 'warning' });
    expect(expiryOf('2029-01-01T00:00:00Z', '2030-01-31T00:00:01Z', now)).toEqual({ daysLeft: 31, level: 'ok' });
    expect(expiryOf('2030-02-01T00:00:00Z', '2031-01-01T00:00:00Z', now)).toMatchObject({ level: 'not-yet-valid' });
    expect(expiryOf('2029-01-01T00:00:00Z', '2030-01-01T00:00:00Z', now)).toEqual({ daysLeft: 0, level: 'expired' });
  });
});

describe("this PC's identity", () => {
  it('exports the certificate alone, or with the key (0600) when asked', async () => {
    const out = join(dir, 'identity-out');
    expect((await service.exportIdentity(out, false)).map((p) => p.slice(out.length + 1))).toEqual(['client-certificate.pem']);
    expect(await readdir(out)).toEqual(['client-certificate.pem']);
    await service.exportIdentity(out, true);
    expect((await stat(join(out, 'client-key.pem'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(out, 'client-key.pem'), 'utf8')).toContain('PRIVATE KEY');
  });

  it('regenerates: a new fingerprint that other services pick up at once, the old files kept as .bak', async () => {
    const other = new IdentityService(dir, () => 'ENG-PC');
    const before = await other.clientCertificate();
    const after = await service.regenerateIdentity();
    expect(after.certificate.fingerprint).not.toBe(before.fingerprint);
    expect((await other.clientCertificate()).fingerprint).toBe(after.certificate.fingerprint);
    expect(await readFile(join(dir, 'client-certificate.pem.bak'), 'utf8')).toBe(before.certPem);
    expect((await stat(join(dir, 'client-key.pem.bak'))).mode & 0o777).toBe(0o600);
    expect(after.certificate).toMatchObject({
      commonName: 'ADS Route Studio ENG-PC',
      keyType: 'rsa',
      keyBits: 2048,
      notAfter: '2061-01-01T00:00:00.000Z',
    });
  });
});

describe("this PC's TwinCAT self-signed certificate", () => {
  it('is read from a PEM block inside TcSelfSigned.xml, and says when there is no TwinCAT or nothing readable', async () => {
    const target = join(dir, 'TwinCAT', '3.1', 'Target');
    await mkdir(target, { recursive: true });
    const withFolders = (folders: string[]) =>
      new CertificatesService(dir, { twincatFolders: folders, identity: new IdentityService(dir, () => 'ENG-PC') });
    expect((await withFolders([join(dir, 'nope')]).identityDetails()).twincat).toEqual({
      status: 'no-twincat',
      searched: [join(dir, 'nope')],
    });
    expect((await withFolders([join(dir, 'nope'), target]).identityDetails()).twincat).toMatchObject({
      status: 'unreadable',
      reason: expect.stringContaining('does not exist'),
    });
    await writeFile(join(target, 'TcSelfSigned.xml'), '<TcSelfSigned><Blob>AAECAw==</Blob></TcSelfSigned>');
    expect((await withFolders([target]).identityDetails()).twincat).toMatchObject({
      status: 'unreadable',
      reason: 'no PEM certificate found inside (the file format is not public)',
    });
    const ssc = createSelfSignedCertificate({ commonName: 'CX-OWN' });
    await writeFile(
      join(target, 'TcSelfSigned.xml'),
      `<?xml version="1.0"?>\n<TcSelfSigned>\n<Certificate>${ssc.certPem}</Certificate>\n<PrivateKey>…</PrivateKey>\n</TcSelfSigned>\n`,
    );
    expect((await withFolders([target]).identityDetails()).twincat).toMatchObject({
      status: 'found',
      path: join(target, 'TcSelfSigned.xml'),
      certificate: { fingerprint: ssc.fingerprint, commonName: 'CX-OWN' },
    });
  });

  it('looks in TWINCAT3DIR first, then the standard folders of the platform', () => {
    expect(twinCatTargetCandidates({ TWINCAT3DIR: 'D:\\Beckhoff\\TwinCAT\\3.1\\' }, 'win32')).toEqual([
      'D:\\Beckhoff\\TwinCAT\\3.1\\Target',
      'C:\\TwinCAT\\3.1\\Target',
      'C:\\Program Files (x86)\\Beckhoff\\TwinCAT\\3.1\\Target',
    ]);
    expect(twinCatTargetCandidates({}, 'freebsd')).toEqual(['/usr/local/etc/TwinCAT/3.1/Target']);
  });
});
