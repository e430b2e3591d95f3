import { execFileSync } from 'node:child_process';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CertificateError,
  createSelfSignedCertificate,
  describeCertificate,
  fingerprintOfCertificate,
  issueCertificate,
  loadCertificateFile,
  loadPrivateKeyFile,
  verifyChain,
  type GeneratedCertificate,
} from './index';

// RSA key generation dominates the runtime: make each certificate once and share it.
let ssc: GeneratedCertificate;
let ca: GeneratedCertificate;
let otherCa: GeneratedCertificate;
let device: GeneratedCertificate;
let dir: string;

beforeAll(async () => {
  ssc = createSelfSignedCertificate({ commonName: 'CX-1234' });
  ca = createSelfSignedCertificate({
    commonName: 'RootCA',
    isCa: true,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 3600 * 86_400_000),
    subjectFields: [
      ['C', 'DE'],
      ['ST', 'NRW'],
      ['L', 'Verl'],
      ['O', 'Bk'],
      ['OU', 'TCPM'],
    ],
  });
  otherCa = createSelfSignedCertificate({ commonName: 'OtherCA', isCa: true });
  device = issueCertificate(ca, { commonName: '192.168.2.1', days: 360, ipAddresses: ['192.168.2.1'] });
  dir = await mkdtemp(join(tmpdir(), 'certs-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createSelfSignedCertificate', () => {
  it('makes a TwinCAT-like SSC: RSA 2048, SHA-256, 2000-01-01..2061-01-01, fingerprint = SHA-256 of DER', () => {
    const x = new X509Certificate(ssc.certPem);
    expect(x.subject).toContain('CN=CX-1234');
    expect(new Date(x.validFrom).toISOString()).toBe('2000-01-01T00:00:00.000Z');
    expect(new Date(x.validTo).toISOString()).toBe('2061-01-01T00:00:00.000Z');
    expect(x.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(ssc.fingerprint);
    expect(ssc.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(x.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(x.checkPrivateKey(createPrivateKey(ssc.keyPem))).toBe(true);
    expect(x.verify(x.publicKey)).toBe(true);
    const text = execFileSync('openssl', ['x509', '-noout', '-text'], { input: ssc.certPem }).toString();
    expect(text).toContain('sha256WithRSAEncryption');
    expect(x.serialNumber).not.toMatch(/^[89A-F]/); // positive INTEGER
  });

  it('makes a CA with the sample subject and basic constraints', () => {
    const x = new X509Certificate(ca.certPem);
    expect(x.ca).toBe(true);
    expect(describeCertificate(ca.certPem).subject).toBe('C=DE, ST=NRW, L=Verl, O=Bk, OU=TCPM, CN=RootCA');
  });
});

describe('issueCertificate', () => {
  it('issues a device certificate the CA signature verifies, with CN and IP SAN, valid `days`', () => {
    const x = new X509Certificate(device.certPem);
    expect(x.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(x.verify(new X509Certificate(ca.certPem).publicKey)).toBe(true);
    expect(x.subjectAltName).toContain('IP Address:192.168.2.1');
    expect(x.ca).toBe(false);
    const days = (Date.parse(x.validTo) - Date.parse(x.validFrom)) / 86_400_000;
    expect(Math.round(days)).toBe(360);
    const info = describeCertificate(device.certDer);
    expect(info.commonName).toBe('192.168.2.1');
    expect(info.selfSigned).toBe(false);
    expect(info.issuer).toContain('CN=RootCA');
  });
});

describe('describeCertificate / fingerprintOfCertificate', () => {
  it('agree for PEM and DER input and flag self-signed certificates', () => {
    expect(fingerprintOfCertificate(ssc.certPem)).toBe(fingerprintOfCertificate(ssc.certDer));
    const d = describeCertificate(ssc.certPem);
    expect(d).toMatchObject({
      commonName: 'CX-1234',
      selfSigned: true,
      fingerprint: ssc.fingerprint,
      notBefore: '2000-01-01T00:00:00.000Z',
    });
  });

  it('reject garbage with a typed error', () => {
    expect(() => describeCertificate(new Uint8Array([0x30, 0x03, 1, 2]))).toThrow(CertificateError);
    expect(() => fingerprintOfCertificate('not a pem')).toThrow(/no PEM certificate/);
  });
});

describe('verifyChain', () => {
  it('accepts a CA-issued certificate and a chain that repeats the CA', () => {
    expect(verifyChain([device.certDer], [ca.certPem])).toEqual({ ok: true });
    expect(verifyChain([device.certDer, ca.certDer], [ca.certPem])).toEqual({ ok: true });
  });

  it('refuses an unknown CA, an SSC and a missing chain', () => {
    expect(verifyChain([device.certDer], [otherCa.certPem])).toMatchObject({ ok: false, reason: 'untrusted' });
    expect(verifyChain([ssc.certDer], [ca.certPem])).toMatchObject({ ok: false, reason: 'untrusted' });
    expect(verifyChain([], [ca.certPem])).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('reports expiry and not-yet-valid at the given time', () => {
    expect(verifyChain([device.certDer], [ca.certPem], new Date(Date.now() + 400 * 86_400_000))).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(verifyChain([device.certDer], [ca.certPem], new Date('2001-01-01T00:00:00Z'))).toMatchObject({
      ok: false,
      reason: 'not-yet-valid',
    });
  });

  it('refuses a certificate signed by a non-CA and one with a forged signature', () => {
    const fakeChild = issueCertificate({ certPem: ssc.certPem, keyPem: ssc.keyPem }, { commonName: 'child', days: 10 });
    expect(verifyChain([fakeChild.certDer, ssc.certDer], [ssc.certPem])).toMatchObject({ ok: false, reason: 'not-a-ca' });
    const tampered = new Uint8Array(device.certDer);
    tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0xff; // inside the signature
    expect(verifyChain([tampered], [ca.certPem])).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses malformed bytes', () => {
    expect(verifyChain([new Uint8Array([1, 2, 3])], [ca.certPem])).toMatchObject({ ok: false, reason: 'malformed' });
  });
});

describe('loadCertificateFile / loadPrivateKeyFile', () => {
  it('reads PEM and DER certificates', async () => {
    await writeFile(join(dir, 'c.pem'), device.certPem + ca.certPem);
    await writeFile(join(dir, 'c.der'), device.certDer);
    const pem = await loadCertificateFile(join(dir, 'c.pem'));
    const der = await loadCertificateFile(join(dir, 'c.der'));
    expect(pem.chainDer).toHaveLength(2);
    expect(Buffer.from(pem.der)).toEqual(Buffer.from(device.certDer));
    expect(fingerprintOfCertificate(der.pem)).toBe(device.fingerprint);
  });

  it('names the file for missing or broken certificates', async () => {
    await writeFile(join(dir, 'broken.der'), 'hello');
    await expect(loadCertificateFile(join(dir, 'nope.pem'))).rejects.toThrow(/nope\.pem does not exist/);
    await expect(loadCertificateFile(join(dir, 'broken.der'))).rejects.toThrow(/broken\.der: not a valid X\.509/);
  });

  it('reads only regular files up to 1 MiB: /dev/zero, a FIFO and a large file are refused unread', async () => {
    const before = process.memoryUsage().rss;
    await expect(loadCertificateFile('/dev/zero')).rejects.toMatchObject({
      code: 'file-refused',
      message: expect.stringContaining('not a regular file'),
    });
    await expect(loadPrivateKeyFile('/dev/zero')).rejects.toMatchObject({ code: 'file-refused' });
    // Reading /dev/zero would add far more than this before failing.
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
    execFileSync('mkfifo', [join(dir, 'pipe.pem')]);
    // No writer ever opens the FIFO: a read would wait forever, so refusing it is the only way this settles.
    await expect(loadCertificateFile(join(dir, 'pipe.pem'))).rejects.toMatchObject({ code: 'file-refused' });
    await writeFile(join(dir, 'huge.pem'), Buffer.alloc(1024 * 1024 + 1, 0x41));
    await expect(loadCertificateFile(join(dir, 'huge.pem'))).rejects.toMatchObject({
      code: 'file-refused',
      message: expect.stringContaining('larger than 1 MiB'),
    });
    await expect(loadCertificateFile(dir)).rejects.toMatchObject({ code: 'file-refused' });
  });

  it('reads plain and encrypted keys, and refuses a wrong or missing password without echoing it', async () => {
    const key = createPrivateKey(ssc.keyPem);
    await writeFile(join(dir, 'plain.key'), ssc.keyPem);
    await writeFile(join(dir, 'pkcs1.key'), key.export({ format: 'pem', type: 'pkcs1' }));
    await writeFile(join(dir, 'enc8.key'), key.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'S3cret-pw' }));
    await writeFile(join(dir, 'enc1.key'), key.export({ format: 'pem', type: 'pkcs1', cipher: 'aes-128-cbc', passphrase: 'S3cret-pw' }));
    await writeFile(join(dir, 'key.der'), key.export({ format: 'der', type: 'pkcs8' }));
    const expected = createPrivateKey(ssc.keyPem).export({ format: 'jwk' });
    for (const [file, pw] of [['plain.key'], ['pkcs1.key'], ['enc8.key', 'S3cret-pw'], ['enc1.key', 'S3cret-pw'], ['key.der']] as const) {
      const pem = await loadPrivateKeyFile(join(dir, file), pw);
      expect(createPrivateKey(pem).export({ format: 'jwk' })).toEqual(expected);
    }
    await expect(loadPrivateKeyFile(join(dir, 'enc8.key'))).rejects.toMatchObject({ code: 'key-password-required' });
    const wrong = await loadPrivateKeyFile(join(dir, 'enc8.key'), 'wrong-guess').catch((e: unknown) => e);
    expect(wrong).toMatchObject({ code: 'key-bad-password' });
    expect(String((wrong as Error).message)).not.toContain('wrong-guess');
    await expect(loadPrivateKeyFile(join(dir, 'enc1.key'), 'nope-nope')).rejects.toMatchObject({ code: 'key-bad-password' });
    await writeFile(join(dir, 'junk.key'), 'junk');
    await expect(loadPrivateKeyFile(join(dir, 'junk.key'))).rejects.toMatchObject({ code: 'key-malformed' });
  });
});
