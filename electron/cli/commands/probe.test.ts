import { afterEach, describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { runCli } from '../run-cli';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { probeCommand } from './probe';
import type { ProbeReport } from '../../services/ads/probe';
import { createSelfSignedCertificate, issueCertificate } from '../../services/certificates/index';
import { freeUdpPort } from '../../services/network/free-port';
import { bufferIo } from '../testing/buffer-io';

// Loopback block 127.0.44.x belongs to this file.

const sims: VirtualTarget[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function probe(args: string[]) {
  const io = bufferIo();
  const code = await runCli(['probe', ...args], [probeCommand], io);
  return { code, io };
}

describe('adsroute probe', () => {
  it('reports all three ports, the suite and the unverified certificate', async () => {
    const t = await startVirtualTarget({ name: 'CX-PROBE', address: '127.0.44.1' });
    sims.push(t);
    const { code, io } = await probe([t.address, '--json']);
    const report = JSON.parse(io.out) as ProbeReport;
    expect(code).toBe(0);
    expect(report.udp).toMatchObject({ ok: true, hostname: 'CX-PROBE', netId: t.netId, fingerprint: t.fingerprint });
    expect(report.ads.ok).toBe(true);
    expect(report.tls).toMatchObject({ ok: true, mode: 'certificate', cipherSuite: expect.stringMatching(/^DHE-RSA-/) });
    expect(report.tls.certificate).toMatchObject({ fingerprint: t.fingerprint, verified: false, selfSigned: true });
    // Looking must leave no trace on the target.
    expect(t.routes()).toEqual([]);
    expect(t.log().some((e) => e.kind === 'connection-accepted' || e.kind === 'route-stored')).toBe(false);
  });

  it('human output marks the certificate as unverified; a disabled 8016 shows the firewall hint', async () => {
    const t = await startVirtualTarget({ name: 'CX-NOTLS', address: '127.0.44.2', tls: false });
    sims.push(t);
    const { code, io } = await probe([t.address]);
    expect(code).toBe(0);
    expect(io.out).toContain('TCP 8016 refused: Secure ADS disabled or blocked by a firewall on the target');
    const t2 = await startVirtualTarget({ name: 'CX-TLS', address: '127.0.44.3' });
    sims.push(t2);
    expect((await probe([t2.address])).io.out).toContain('UNVERIFIED');
  });

  it('PSK handshake: accepted with the right key, psk-unknown with a wrong one', async () => {
    const t = await startVirtualTarget({ name: 'CX-PSK', address: '127.0.44.4', psk: [{ identity: 'LINE1', secret: 'pskpw' }] });
    sims.push(t);
    const good = JSON.parse(
      (await probe([t.address, '--psk-identity', 'LINE1', '--psk-password', 'pskpw', '--json'])).io.out,
    ) as ProbeReport;
    expect(good.tls).toMatchObject({ ok: true, mode: 'psk', cipherSuite: expect.stringMatching(/^PSK-/) });
    const bad = JSON.parse((await probe([t.address, '--psk-identity', 'LINE1', '--psk-password', 'nope', '--json'])).io.out) as ProbeReport;
    expect(bad.tls).toMatchObject({ ok: false, error: { code: 'psk-unknown' } });
  });

  it('nothing answering: exit 1', async () => {
    const { code, io } = await probe(['127.0.44.99', '--timeout', '300', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(io.out) as ProbeReport;
    expect(report.udp.error?.code).toBe('unreachable');
    expect(report.ads.error?.code).toBe('refused');
  });
});

describe('adsroute probe: the server certificate', () => {
  it('--json shows the self-signed certificate subject, issuer and the TwinCAT validity 2000-01-01 .. 2061-01-01', async () => {
    const t = await startVirtualTarget({ name: 'CX-CERT', address: '127.0.44.10' });
    sims.push(t);
    const { code, io } = await probe([t.address, '--json']);
    expect(code).toBe(0);
    const cert = (JSON.parse(io.out) as ProbeReport).tls.certificate;
    expect(cert).toMatchObject({
      subject: 'CN=CX-CERT',
      issuer: 'CN=CX-CERT',
      notBefore: '2000-01-01T00:00:00.000Z',
      notAfter: '2061-01-01T00:00:00.000Z',
      selfSigned: true,
    });
    // Cross-checked with OpenSSL's view of the same certificate.
    const x509 = new X509Certificate(t.certificatePem);
    expect(cert?.notBefore).toBe(new Date(x509.validFrom).toISOString());
    expect(cert?.notAfter).toBe(new Date(x509.validTo).toISOString());
    expect(x509.subject).toBe('CN=CX-CERT');
  });

  it('a CA-issued server certificate: its own subject, the CA as issuer, its validity, not self-signed', async () => {
    const ca = createSelfSignedCertificate({
      commonName: 'Probe Root CA',
      isCa: true,
      notBefore: new Date('2024-01-01T00:00:00Z'),
      notAfter: new Date('2044-01-01T00:00:00Z'),
    });
    const server = issueCertificate(ca, {
      commonName: 'CX-CA-PROBE',
      days: 3650,
      ipAddresses: ['127.0.44.11'],
      notBefore: new Date('2025-03-01T12:00:00Z'),
    });
    const t = await startVirtualTarget({
      name: 'CX-CA-PROBE',
      address: '127.0.44.11',
      ca: { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem },
    });
    sims.push(t);
    const { code, io } = await probe([t.address, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(io.out) as ProbeReport;
    expect(report.tls.certificate).toEqual({
      fingerprint: server.fingerprint,
      subject: 'CN=CX-CA-PROBE',
      issuer: 'CN=Probe Root CA',
      notBefore: '2025-03-01T12:00:00.000Z',
      notAfter: '2035-02-27T12:00:00.000Z',
      selfSigned: false,
      verified: false,
    });
    // Discovery still advertises the target's self-signed certificate, a different one.
    expect(report.udp.fingerprint).toBe(t.fingerprint);
    expect(report.udp.fingerprint).not.toBe(server.fingerprint);
    const human = (await probe([t.address])).io.out;
    expect(human).toMatch(/issuer\s+CN=Probe Root CA\n/);
    expect(human).toContain('valid       2025-03-01T12:00:00.000Z .. 2035-02-27T12:00:00.000Z');
  });
});

describe('adsroute probe: port overrides', () => {
  it('--udp-port/--ads-port/--tls-port check a target on other ports and report those ports; the defaults find nothing there', async () => {
    const address = '127.0.44.12';
    const t = await startVirtualTarget({ name: 'CX-PORTS', address, ports: { udp: await freeUdpPort(address), ads: 0, tls: 0 } });
    sims.push(t);
    const { udp, ads, tls } = t.ports as { udp: number; ads: number; tls: number };
    const { code, io } = await probe([address, '--udp-port', String(udp), '--ads-port', String(ads), '--tls-port', String(tls), '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(io.out) as ProbeReport;
    expect(report.udp).toMatchObject({ port: udp, ok: true, hostname: 'CX-PORTS', netId: t.netId });
    expect(report.ads).toMatchObject({ port: ads, ok: true });
    expect(report.tls).toMatchObject({ port: tls, ok: true, certificate: { fingerprint: t.fingerprint } });
    const human = (await probe([address, '--udp-port', String(udp), '--ads-port', String(ads), '--tls-port', String(tls)])).io.out;
    expect(human).toContain(`UDP ${udp}  answers`);
    expect(human).toContain(`TCP ${ads}  open`);
    expect(human).toContain(`TCP ${tls}   TLS 1.2 handshake OK`);

    const defaults = await probe([address, '--timeout', '300', '--json']);
    expect(defaults.code).toBe(1);
    expect(JSON.parse(defaults.io.out)).toMatchObject({
      udp: { port: 48899, ok: false },
      ads: { port: 48898, ok: false },
      tls: { port: 8016, ok: false },
    });
  });

  it('a port override out of range is a usage error (exit 2)', async () => {
    for (const flag of ['--udp-port', '--ads-port', '--tls-port']) {
      const { code, io } = await probe(['127.0.44.13', flag, '70000']);
      expect(code).toBe(2);
      expect(io.err).toContain(`${flag} must be a port number 1-65535`);
    }
  });
});
