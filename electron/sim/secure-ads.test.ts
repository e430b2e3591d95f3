import { constants, createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { ConnectionOptions } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReadStateResponse, readStateRequest } from '../../shared/protocol/ams';
import { createSelfSignedCertificate, issueCertificate, type GeneratedCertificate } from '../services/certificates/self-signed';
import { CERTIFICATE_CIPHERS, PSK_CIPHERS } from './secure-ads-server';
import { closedWithin, secureConnect } from './test-support';
import { startVirtualTargets, type VirtualTarget } from './index';

// Addresses 127.0.92.x belong to this file.
const SSC = '127.0.92.1';
const CA = '127.0.92.2';
const CA_IGNORE_CN = '127.0.92.3';
const CLIENT_NETID = '10.0.92.1.1.1';
const PASSWORD = 'Tr1cky-Pass!';
const PSK_SECRET = 'Very-Secret-PSK-9';

let targets: VirtualTarget[];
let clientSsc: GeneratedCertificate;
let otherSsc: GeneratedCertificate;
let ca: GeneratedCertificate;
let clientCa: GeneratedCertificate;
let wrongCnCa: GeneratedCertificate;
let untrusted: GeneratedCertificate;
const t = (address: string) => targets.find((x) => x.address === address)!;

beforeAll(async () => {
  clientSsc = createSelfSignedCertificate({ commonName: 'ADS Client' });
  otherSsc = createSelfSignedCertificate({ commonName: 'Stranger' });
  ca = createSelfSignedCertificate({
    commonName: 'RootCA',
    isCa: true,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 3600 * 86_400_000),
  });
  const otherCa = createSelfSignedCertificate({ commonName: 'EvilCA', isCa: true });
  clientCa = issueCertificate(ca, { commonName: 'ENG-PC', days: 360 });
  wrongCnCa = issueCertificate(ca, { commonName: 'SOMEONE-ELSE', days: 360 });
  untrusted = issueCertificate(otherCa, { commonName: 'ENG-PC', days: 360 });
  const caTargetCert = issueCertificate(ca, { commonName: 'CA-PLC', days: 360, ipAddresses: [CA] });
  const caConfig = { caPem: ca.certPem, certPem: caTargetCert.certPem, keyPem: caTargetCert.keyPem };
  targets = await startVirtualTargets([
    {
      address: SSC,
      name: 'SSC-PLC',
      password: PASSWORD,
      psk: [{ identity: 'Maint_1', secret: PSK_SECRET }],
      quirks: { connectInfoTimeoutMs: 400 },
    },
    { address: CA, name: 'CA-PLC', password: PASSWORD, ca: { ...caConfig, ignoreCn: false } },
    { address: CA_IGNORE_CN, name: 'CA-PLC2', password: PASSWORD, ca: { ...caConfig, ignoreCn: true } },
  ]);
});
afterAll(async () => {
  await Promise.all(targets.map((x) => x.stop()));
});

const certOptions = (host: string, cert: GeneratedCertificate): ConnectionOptions => ({
  host,
  port: 8016,
  ciphers: CERTIFICATE_CIPHERS,
  cert: cert.certPem,
  key: cert.keyPem,
});
const hello = { netId: CLIENT_NETID, hostname: 'ENG-PC' };

describe('Secure ADS, self-signed certificates', () => {
  it('adds a route with AddRemote|SelfSigned|IpAddr|IgnoreCn (0xF0) and the right credentials, then answers ReadState', async () => {
    const session = await secureConnect(certOptions(SSC, clientSsc), { ...hello, flags: 0xf0, user: 'administrator', password: PASSWORD });
    try {
      expect(session.response).toMatchObject({
        length: 64,
        flags: 0x03,
        version: 1,
        error: 0,
        netId: '127.0.92.1.1.1',
        hostname: 'SSC-PLC',
      });
      const serverDer = session.socket.getPeerCertificate().raw;
      expect(createHash('sha256').update(serverDer).digest('hex')).toBe(t(SSC).fingerprint);
      expect(session.socket.getCipher().name).toMatch(/^DHE-RSA-AES/);
      const [answer] = await session.request([readStateRequest({ target: '127.0.92.1.1.1', source: CLIENT_NETID, invokeId: 42 })]);
      expect(answer!.invokeId).toBe(42);
      expect(decodeReadStateResponse(answer!)).toEqual({ result: 0, adsState: 5, deviceState: 0 });
    } finally {
      session.close();
    }
    expect(t(SSC).routes()).toContainEqual(
      expect.objectContaining({
        name: 'ENG-PC',
        netId: CLIENT_NETID,
        address: '127.0.0.1',
        tls: { mode: 'ssc', fingerprint: clientSsc.fingerprint },
      }),
    );
    const xml = await readFile(t(SSC).staticRoutesPath, 'utf8');
    expect(xml).toContain(`<NetId>${CLIENT_NETID}</NetId>`);
    expect(xml).toContain(clientSsc.fingerprint);
  });

  it('stores the host name as address when IpAddr is not set', async () => {
    const session = await secureConnect(certOptions(SSC, otherSsc), {
      netId: '10.0.92.9.1.1',
      hostname: 'BYNAME-PC',
      flags: 0xd0,
      user: 'Administrator',
      password: PASSWORD,
    });
    session.close();
    expect(session.response.error).toBe(0);
    expect(t(SSC).routes()).toContainEqual(expect.objectContaining({ name: 'BYNAME-PC', address: 'BYNAME-PC' }));
  });

  it('refuses wrong credentials with error 4 and closes', async () => {
    const session = await secureConnect(certOptions(SSC, clientSsc), {
      ...hello,
      netId: '10.0.92.2.1.1',
      flags: 0xf0,
      user: 'Administrator',
      password: 'wrong',
    });
    expect(session.response).toMatchObject({ flags: 0x01, error: 4 });
    expect(await closedWithin(session.socket)).toBe(true);
    expect(
      t(SSC)
        .routes()
        .some((r) => r.netId === '10.0.92.2.1.1'),
    ).toBe(false);
    expect(t(SSC).log()).toContainEqual(expect.objectContaining({ kind: 'connection-failed', reason: 'wrong-credentials' }));
  });

  it('accepts a follow-up (0x10) with the registered certificate and refuses an unknown one with error 3', async () => {
    const known = await secureConnect(certOptions(SSC, clientSsc), { ...hello, flags: 0x10 });
    known.close();
    expect(known.response).toMatchObject({ flags: 0x03, error: 0 });
    const stranger = createSelfSignedCertificate({ commonName: 'Nobody' });
    const unknown = await secureConnect(certOptions(SSC, stranger), { ...hello, flags: 0x10 });
    expect(unknown.response.error).toBe(3);
    expect(await closedWithin(unknown.socket)).toBe(true);
  });

  it('answers an unknown TlsConnectInfo version with error 1', async () => {
    const session = await secureConnect(certOptions(SSC, clientSsc), { ...hello, flags: 0x10, version: 2 });
    expect(session.response.error).toBe(1);
    expect(await closedWithin(session.socket)).toBe(true);
  });

  it('closes a connection that never sends its TlsConnectInfo, and logs it', async () => {
    const { connect } = await import('node:tls');
    const socket = connect({ ...certOptions(SSC, clientSsc), rejectUnauthorized: false, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    socket.on('error', () => undefined);
    expect(await closedWithin(socket as never, 3000)).toBe(true);
    expect(t(SSC).log()).toContainEqual(expect.objectContaining({ reason: 'connect-info-timeout' }));
  });
});

describe('Secure ADS, shared CA', () => {
  it('accepts a CA-issued client whose CN equals its host name, presenting the CA-issued server certificate', async () => {
    const session = await secureConnect(certOptions(CA, clientCa), { ...hello, flags: 0x00 });
    const serverCn = session.socket.getPeerCertificate().subject?.CN;
    session.close();
    expect(session.response).toMatchObject({ flags: 0x03, error: 0, hostname: 'CA-PLC' });
    expect(serverCn).toBe('CA-PLC');
    expect(t(CA).routes()).toContainEqual(
      expect.objectContaining({ name: 'ENG-PC', netId: CLIENT_NETID, tls: { mode: 'ca', fingerprint: clientCa.fingerprint } }),
    );
  });

  it('refuses a CN mismatch with error 2, unless the target has IgnoreCn', async () => {
    const strict = await secureConnect(certOptions(CA, wrongCnCa), { ...hello, flags: 0x00 });
    expect(strict.response.error).toBe(2);
    strict.close();
    const lenient = await secureConnect(certOptions(CA_IGNORE_CN, wrongCnCa), { ...hello, flags: 0x00 });
    expect(lenient.response.error).toBe(0);
    lenient.close();
  });

  it('refuses a certificate from another CA, and CA mode on a target without a CA, with error 3', async () => {
    const other = await secureConnect(certOptions(CA, untrusted), { ...hello, flags: 0x00 });
    expect(other.response.error).toBe(3);
    other.close();
    const noCa = await secureConnect(certOptions(SSC, clientCa), { ...hello, flags: 0x00 });
    expect(noCa.response.error).toBe(3);
    noCa.close();
    expect(t(CA).log()).toContainEqual(expect.objectContaining({ reason: 'chain-untrusted' }));
  });
});

/** OpenSSL's SSL_OP_NO_EXTENDED_MASTER_SECRET; node:crypto does not name it. */
const SSL_OP_NO_EXTENDED_MASTER_SECRET = 0x1;

describe('Secure ADS, pre-shared key', () => {
  const pskOptions = (identity: string, secret: string): ConnectionOptions => ({
    host: SSC,
    port: 8016,
    ciphers: PSK_CIPHERS,
    // As Beckhoff's OpenSSL sample does: no extended master secret (OpenSSL's bit 0) and no encrypt-then-MAC.
    secureOptions: SSL_OP_NO_EXTENDED_MASTER_SECRET | constants.SSL_OP_NO_ENCRYPT_THEN_MAC,
    pskCallback: () => ({
      identity,
      psk: createHash('sha256')
        .update(identity.toUpperCase() + secret, 'utf8')
        .digest(),
    }),
  });

  it('accepts a configured identity (any case) and stores a route named after the host name', async () => {
    const session = await secureConnect(pskOptions('MAINT_1', PSK_SECRET), { netId: '10.0.92.5.1.1', hostname: 'LAPTOP-PSK', flags: 0x00 });
    try {
      expect(session.response).toMatchObject({ flags: 0x03, error: 0 });
      expect(session.socket.getCipher().name).toBe('PSK-AES256-CBC-SHA384');
      const [answer] = await session.request([readStateRequest({ target: '127.0.92.1.1.1', source: '10.0.92.5.1.1', invokeId: 1 })]);
      expect(decodeReadStateResponse(answer!).adsState).toBe(5);
    } finally {
      session.close();
    }
    expect(t(SSC).routes()).toContainEqual(expect.objectContaining({ name: 'LAPTOP-PSK', tls: { mode: 'psk', pskIdentity: 'Maint_1' } }));
  });

  it('refuses a PSK ClientHello that offers extended master secret, before any PSK lookup', async () => {
    const withEms = { ...pskOptions('Maint_1', PSK_SECRET), secureOptions: constants.SSL_OP_NO_ENCRYPT_THEN_MAC };
    await expect(secureConnect(withEms, { ...hello, flags: 0 })).rejects.toThrow(/handshake failure/);
    expect(t(SSC).log()).toContainEqual(
      expect.objectContaining({ reason: 'psk-extensions', message: expect.stringContaining('extended_master_secret') }),
    );
  });

  it('fails the handshake for a wrong secret or unknown identity', async () => {
    await expect(secureConnect(pskOptions('Maint_1', 'guess'), { ...hello, flags: 0 })).rejects.toThrow();
    await expect(secureConnect(pskOptions('intruder', PSK_SECRET), { ...hello, flags: 0 })).rejects.toThrow();
    expect(t(SSC).log()).toContainEqual(expect.objectContaining({ reason: 'unknown-psk-identity' }));
  });
});

describe('log hygiene', () => {
  it('never contains a password, PSK secret, PSK key or private key', () => {
    const text = JSON.stringify(targets.flatMap((x) => x.log()));
    expect(text.length).toBeGreaterThan(500);
    const pskHex = createHash('sha256')
      .update('MAINT_1' + PSK_SECRET, 'utf8')
      .digest('hex');
    for (const secret of [PASSWORD, PSK_SECRET, pskHex, 'PRIVATE KEY', clientSsc.keyPem.split('\n')[1]!]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/password[^s]*"wrong"/);
    expect(text).not.toContain('wrong"');
  });
});
