import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { createSelfSignedCertificate, issueCertificate, type GeneratedCertificate } from '../../services/certificates/index';
import { IdentityService } from '../../services/identity/index';
import { createOwnTwinCat } from '../../services/server-config/testing/own-twincat';
import { startEchoServer, startRawServer } from '../../services/ads/secure/tls/testing/fixtures';
import { addRouteCommand, type AddRouteJson } from './add-route';
import { freeUdpPort } from '../../services/network/free-port';
import { bufferIo } from '../testing/buffer-io';

// Loopback block 127.0.43.x belongs to this file.

let dataDir: string;
const sims: VirtualTarget[] = [];
const PASSWORD = 'Cli-Secret-77';

async function sim(address: string, extra: Record<string, unknown> = {}) {
  const t = await startVirtualTarget({
    name: 'CX-CLI',
    address,
    password: PASSWORD,
    psk: [{ identity: 'LINE1', secret: 'pskpw' }],
    ...extra,
  });
  sims.push(t);
  return t;
}

function run(args: string[], stdin = '') {
  const io = bufferIo(stdin);
  return runCli(['add-route', ...args, '--data-dir', dataDir], [addRouteCommand], io).then((code) => ({ code, io }));
}

function parsed(io: { out: string }): AddRouteJson {
  return JSON.parse(io.out) as AddRouteJson;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'adsroute-cli-'));
});
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('adsroute add-route', () => {
  it('SSC with the probed fingerprint: JSON ok, NetId asked by discovery, exit 0, password never echoed', async () => {
    const t = await sim('127.0.43.1');
    const { code, io } = await run(
      [t.address, '--secure', 'ssc', '--fingerprint', t.fingerprint.toUpperCase(), '--user', 'Administrator', '--password-stdin', '--json'],
      `${PASSWORD}\n`,
    );
    const json = JSON.parse(io.out) as AddRouteJson;
    expect(code).toBe(0);
    expect(json).toMatchObject({ ok: true, target: t.address, netId: t.netId, mode: 'ssc', fingerprint: t.fingerprint });
    expect(json.steps.map((s) => s.name)).toEqual([
      'resolve',
      'connect',
      'tls',
      'fingerprint',
      'credentials',
      'remote-route',
      'local-route',
      'verify',
    ]);
    expect(json.steps.every((s) => s.ok && typeof s.ms === 'number')).toBe(true);
    expect(json.error).toBeUndefined();
    expect(io.out + io.err).not.toContain(PASSWORD);
    expect(t.routes()).toHaveLength(1);
    expect(await readFile(join(dataDir, 'routes.json'), 'utf8')).toContain('CX-CLI');
  });

  it('--known-fingerprint pins only the remembered fingerprint: works after a verified route, refuses a reinstalled target', async () => {
    const own = await mkdtemp(join(tmpdir(), 'adsroute-cli-known-'));
    const netId = '5.43.30.1.1.1';
    const runOwn = async (args: string[]) => {
      const io = bufferIo(`${PASSWORD}\n`);
      const code = await runCli(['add-route', ...args, '--data-dir', own], [addRouteCommand], io);
      return { code, io };
    };
    try {
      const first = await sim('127.0.43.30', { netId });
      const none = await runOwn([
        first.address,
        '--secure',
        'ssc',
        '--known-fingerprint',
        '--user',
        'Administrator',
        '--password-stdin',
        '--json',
      ]);
      expect(none.code).toBe(1);
      expect(JSON.parse(none.io.out)).toMatchObject({ ok: false, error: { code: 'fingerprint-unverified' } });
      expect(first.routes()).toEqual([]);
      expect(
        (
          await runOwn([
            first.address,
            '--secure',
            'ssc',
            '--fingerprint',
            first.fingerprint,
            '--user',
            'Administrator',
            '--password-stdin',
          ])
        ).code,
      ).toBe(0);
      const again = await runOwn([first.address, '--secure', 'ssc', '--known-fingerprint', '--user', 'Administrator', '--password-stdin']);
      expect(again.code).toBe(0);
      expect(again.io.out).toContain(`using the fingerprint known for ${netId}`);
      await first.stop();
      // Same NetId and address, new certificate: what a reinstall (or an impostor) looks like.
      const second = await sim('127.0.43.30', { netId });
      expect(second.fingerprint).not.toBe(first.fingerprint);
      const refused = await runOwn([
        second.address,
        '--secure',
        'ssc',
        '--known-fingerprint',
        '--user',
        'Administrator',
        '--password-stdin',
        '--json',
      ]);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.io.out)).toMatchObject({ ok: false, error: { code: 'fingerprint-mismatch' } });
      expect(second.routes()).toEqual([]);
      const pinned = await runOwn([
        second.address,
        '--secure',
        'ssc',
        '--fingerprint',
        second.fingerprint,
        '--user',
        'Administrator',
        '--password-stdin',
      ]);
      expect(pinned.io.err).toMatch(
        new RegExp(
          `WARNING: the fingerprint of ${netId.replace(/\./g, '\\.')} changed since \\d{4}-\\d{2}-\\d{2}: the target was reinstalled, or someone is in between`,
        ),
      );
      expect(pinned.code).toBe(0);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it('SSC without --fingerprint is a usage error (exit 2) pointing at adsroute probe', async () => {
    const t = await sim('127.0.43.2');
    const { code, io } = await run([t.address, '--secure', 'ssc', '--user', 'Administrator', '--password', PASSWORD]);
    expect(code).toBe(2);
    expect(io.err).toContain('adsroute probe');
    expect(io.err).not.toContain(PASSWORD);
    expect(t.routes()).toEqual([]);
  });

  it('wrong fingerprint: exit 1 with code fingerprint-mismatch', async () => {
    const t = await sim('127.0.43.3');
    const { code, io } = await run([
      t.address,
      '--secure',
      'ssc',
      '--fingerprint',
      '00'.repeat(32),
      '--user',
      'Administrator',
      '--password',
      PASSWORD,
      '--netid',
      t.netId,
      '--json',
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(io.out)).toMatchObject({ ok: false, error: { code: 'fingerprint-mismatch' } });
  });

  it('wrong password: exit 1, auth-failed, human output explains', async () => {
    const t = await sim('127.0.43.4');
    const { code, io } = await run([t.address, '--secure', 'none', '--user', 'Administrator', '--password', 'bad-one']);
    expect(code).toBe(1);
    expect(io.err).toContain('auth-failed');
    expect(io.err).toContain('wrong user name or password');
    expect(io.out + io.err).not.toContain('bad-one');
  });

  it('PSK with a key in hex: exit 0', async () => {
    const t = await sim('127.0.43.5');
    const { createHash } = await import('node:crypto');
    const key = createHash('sha256').update('LINE1pskpw').digest('hex');
    const { code, io } = await run([t.address, '--secure', 'psk', '--psk-identity', 'LINE1', '--psk-key', key, '--json']);
    expect(JSON.parse(io.out)).toMatchObject({ ok: true, mode: 'psk', fingerprint: null });
    expect(code).toBe(0);
  });

  it('a silent target without --netid: exit 1, unreachable', async () => {
    const { code, io } = await run(['127.0.43.99', '--secure', 'none', '--user', 'a', '--password', 'b', '--timeout', '400', '--json']);
    expect(code).toBe(1);
    expect(JSON.parse(io.out)).toMatchObject({ ok: false, netId: null, error: { code: 'unreachable' } });
  });

  it('usage errors exit 2: missing --secure, bad NetId, PSK without a secret', async () => {
    expect((await run(['127.0.43.1'])).code).toBe(2);
    expect((await run(['127.0.43.1'])).io.err).toMatch(/^adsroute add-route: --secure is required: one of ssc, psk, ca, none\n/);
    // Given but not one of the values: it is invalid, not missing.
    const plain = await run(['127.0.43.1', '--secure', 'plain']);
    expect(plain.code).toBe(2);
    expect(plain.io.err).toMatch(/^adsroute add-route: --secure plain is not valid: use one of ssc, psk, ca, none\n/);
    expect(plain.io.err).not.toContain('required');
    expect((await run(['127.0.43.1', '--secure', 'none', '--user', 'u', '--password', 'p', '--netid', '1.2.3'])).code).toBe(2);
    expect((await run(['127.0.43.1', '--secure', 'psk', '--psk-identity', 'X'])).code).toBe(2);
  });
});

describe('adsroute add-route: PSK', () => {
  it('--psk-password: the key is derived from identity and password, the route works, the password is never printed', async () => {
    const t = await sim('127.0.43.10');
    const { code, io } = await run([t.address, '--secure', 'psk', '--psk-identity', 'LINE1', '--psk-password', 'pskpw', '--json']);
    expect(code).toBe(0);
    const json = parsed(io);
    expect(json).toMatchObject({ ok: true, target: t.address, netId: t.netId, mode: 'psk', fingerprint: null });
    expect(json.steps.find((s) => s.name === 'verify')).toMatchObject({ ok: true });
    expect(io.out + io.err).not.toContain('pskpw');
  });

  it('unknown identity or wrong PSK password: exit 1, psk-unknown, no route on the target', async () => {
    const t = await sim('127.0.43.11');
    const unknown = await run([t.address, '--secure', 'psk', '--psk-identity', 'NOBODY', '--psk-password', 'pskpw', '--json']);
    expect(unknown.code).toBe(1);
    expect(parsed(unknown.io)).toMatchObject({
      ok: false,
      mode: 'psk',
      error: { code: 'psk-unknown', message: 'PSK identity unknown on the target or wrong key' },
    });
    expect(parsed(unknown.io).steps.find((s) => s.name === 'tls')).toMatchObject({ ok: false });
    const wrong = await run([t.address, '--secure', 'psk', '--psk-identity', 'LINE1', '--psk-password', 'not-it']);
    expect(wrong.code).toBe(1);
    expect(wrong.io.err).toContain('psk-unknown');
    expect(wrong.io.out + wrong.io.err).not.toContain('not-it');
    expect(t.routes()).toEqual([]);
  });
});

describe('adsroute add-route: shared CA', () => {
  let ca: GeneratedCertificate;
  let otherCa: GeneratedCertificate;
  let files: string[];

  beforeAll(async () => {
    const day = 86_400_000;
    ca = createSelfSignedCertificate({
      commonName: 'CLI Root CA',
      isCa: true,
      notBefore: new Date(Date.now() - day),
      notAfter: new Date(Date.now() + 3650 * day),
    });
    otherCa = createSelfSignedCertificate({
      commonName: 'Other CA',
      isCa: true,
      notBefore: new Date(Date.now() - day),
      notAfter: new Date(Date.now() + 3650 * day),
    });
    // The target checks the client certificate's CN against the host name in the TlsConnectInfo: this PC's name.
    const client = issueCertificate(ca, { commonName: await new IdentityService(dataDir).hostname(), days: 365 });
    files = [join(dataDir, 'ca.pem'), join(dataDir, 'client.pem'), join(dataDir, 'client.key')];
    await Promise.all([writeFile(files[0]!, ca.certPem), writeFile(files[1]!, client.certPem), writeFile(files[2]!, client.keyPem)]);
  });

  /** A target whose server certificate is issued by `issuer` with CN `cn` (default: its host name CX-CLI). */
  function caSim(address: string, issuer: GeneratedCertificate = ca, cn = 'CX-CLI') {
    const server = issueCertificate(issuer, {
      commonName: cn,
      days: 365,
      ipAddresses: [address],
      notBefore: new Date(Date.now() - 86_400_000),
    });
    return sim(address, { ca: { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem } });
  }
  const caArgs = () => ['--secure', 'ca', '--ca', files[0]!, '--cert', files[1]!, '--key', files[2]!, '--json'];

  it('--ca/--cert/--key: chain and CN (= the host name discovery reported) verified, route created and verified, exit 0', async () => {
    const t = await caSim('127.0.43.12');
    const { code, io } = await run([t.address, ...caArgs()]);
    const json = parsed(io);
    expect(json).toMatchObject({ ok: true, target: t.address, netId: t.netId, mode: 'ca' });
    expect(json.error).toBeUndefined();
    expect(json.steps.every((s) => s.ok)).toBe(true);
    expect(code).toBe(0);
    expect(t.routes()).toHaveLength(1);
    expect(t.routes()[0]?.tls?.mode).toBe('ca');
  });

  it('CN differing from --route-name: exit 1, cn-mismatch, nothing stored; the same with --ignore-cn: exit 0', async () => {
    const t = await caSim('127.0.43.13');
    const strict = await run([t.address, ...caArgs(), '--route-name', 'OTHER-NAME']);
    expect(strict.code).toBe(1);
    expect(parsed(strict.io)).toMatchObject({
      ok: false,
      mode: 'ca',
      error: { code: 'cn-mismatch', message: "certificate CN 'CX-CLI' differs from route name 'OTHER-NAME'" },
    });
    expect(t.routes()).toEqual([]);
    const relaxed = await run([t.address, ...caArgs(), '--route-name', 'OTHER-NAME', '--ignore-cn']);
    expect(parsed(relaxed.io)).toMatchObject({ ok: true, mode: 'ca' });
    expect(relaxed.code).toBe(0);
    expect(t.routes()).toHaveLength(1);
  });

  it('a target certificate from another CA: exit 1, cert-untrusted, the target never gets a TlsConnectInfo', async () => {
    const t = await caSim('127.0.43.14', otherCa);
    const { code, io } = await run([t.address, ...caArgs()]);
    expect(code).toBe(1);
    expect(parsed(io)).toMatchObject({ ok: false, mode: 'ca', error: { code: 'cert-untrusted' } });
    expect(t.routes()).toEqual([]);
    expect(t.log().some((e) => e.kind === 'connection-accepted' || e.kind === 'route-stored')).toBe(false);
  });
});

describe('adsroute add-route: transport failures', () => {
  const servers: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });
  const ssc = (port: number, fingerprint: string) => [
    '127.0.0.1',
    '--secure',
    'ssc',
    '--fingerprint',
    fingerprint,
    '--user',
    'Administrator',
    '--password',
    PASSWORD,
    '--netid',
    '127.0.0.1.1.1',
    '--tls-port',
    String(port),
    '--json',
  ];

  it('a Secure ADS port that speaks only TLS 1.3: exit 1, tls-failed, failed at the tls step', async () => {
    const cert = createSelfSignedCertificate({ commonName: 'TLS13-ONLY' });
    const srv = await startEchoServer({ key: cert.keyPem, cert: cert.certPem, minVersion: 'TLSv1.3' });
    servers.push(srv);
    const { code, io } = await run(ssc(srv.port, cert.fingerprint));
    expect(code).toBe(1);
    const json = parsed(io);
    expect(json).toMatchObject({
      ok: false,
      error: {
        code: 'tls-failed',
        message: expect.stringContaining('does not speak TLS 1.2'),
        fix: expect.stringContaining('another TLS version'),
      },
    });
    expect(json.steps.find((s) => !s.ok)?.name).toBe('tls');
    expect((await srv.firstClientError).message).toMatch(/unsupported protocol/);
  });

  it('a Secure ADS port that accepts TCP and never answers: exit 1, timeout, within the --timeout budget', async () => {
    const srv = await startRawServer(() => undefined);
    servers.push(srv);
    const started = Date.now();
    const { code, io } = await run([...ssc(srv.port, '11'.repeat(32)), '--timeout', '500']);
    expect(code).toBe(1);
    expect(parsed(io)).toMatchObject({ ok: false, error: { code: 'timeout', message: expect.stringContaining('timed out') } });
    expect(Date.now() - started).toBeLessThan(2500);
  });
});

describe('adsroute add-route: route options', () => {
  it('--local-netid: the target stores the route under that NetId and verification uses it', async () => {
    const t = await sim('127.0.43.20');
    const { code, io } = await run([
      t.address,
      '--secure',
      'none',
      '--user',
      'Administrator',
      '--password',
      PASSWORD,
      '--local-netid',
      '10.20.30.40.1.1',
      '--remote-route-name',
      'ENG-PC-NETID',
      '--json',
    ]);
    expect(parsed(io)).toMatchObject({ ok: true, mode: 'none', netId: t.netId });
    expect(code).toBe(0);
    expect(t.routes()).toMatchObject([{ name: 'ENG-PC-NETID', netId: '10.20.30.40.1.1', temporary: false }]);
    expect(await readFile(t.staticRoutesPath, 'utf8')).toContain('10.20.30.40.1.1');
  });

  it('--temporary: the target keeps the route in memory only (not in StaticRoutes.xml) and this PC does not save it', async () => {
    const t = await sim('127.0.43.21');
    const { code, io } = await run([
      t.address,
      '--secure',
      'none',
      '--user',
      'Administrator',
      '--password',
      PASSWORD,
      '--local-netid',
      '10.20.30.41.1.1',
      '--route-name',
      'TEMP-ROUTE-CLI',
      '--temporary',
      '--json',
    ]);
    expect(parsed(io)).toMatchObject({ ok: true, mode: 'none' });
    expect(code).toBe(0);
    expect(t.routes()).toMatchObject([{ netId: '10.20.30.41.1.1', temporary: true }]);
    expect(await readFile(t.staticRoutesPath, 'utf8')).not.toContain('10.20.30.41.1.1');
    const saved = await readFile(join(dataDir, 'routes.json'), 'utf8').catch(() => '');
    expect(saved).not.toContain('TEMP-ROUTE-CLI');
  });

  it("a static route also goes into this PC's own TwinCAT StaticRoutes.xml, keeping what was there, with a backup", async () => {
    const t = await sim('127.0.43.23');
    const before =
      '<?xml version="1.0" encoding="utf-8"?>\n<TcConfig xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n  <!-- kept by hand -->\n  <RemoteConnections>\n  </RemoteConnections>\n</TcConfig>\n';
    const own = await createOwnTwinCat({ prefix: 'adsroute-cli-twincat-', staticRoutes: before });
    try {
      const io = bufferIo();
      const args = ['add-route', t.address, '--secure', 'none', '--user', 'Administrator', '--password', PASSWORD];
      const code = await runCli([...args, '--local-netid', '10.20.30.43.1.1', '--data-dir', own.dataDir], [addRouteCommand], io);
      expect(code).toBe(0);
      expect(io.out).toContain('StaticRoutes.xml');
      const after = await own.readStaticRoutes();
      expect(after).toContain('<!-- kept by hand -->');
      expect(after).toContain(`<NetId>${t.netId}</NetId>`);
      expect(after).toContain(`<Address>${t.address}</Address>`);
      expect(await own.backups()).toHaveLength(1);
    } finally {
      await own.remove();
    }
  });

  it('--udp-port/--tls-port/--ads-port reach a target on other ports; without them nothing answers', async () => {
    const address = '127.0.43.22';
    const t = await sim(address, { ports: { udp: await freeUdpPort(address), ads: 0, tls: 0 } });
    const ports = ['--udp-port', String(t.ports.udp), '--tls-port', String(t.ports.tls), '--ads-port', String(t.ports.ads)];
    expect([t.ports.udp, t.ports.tls, t.ports.ads]).not.toContain(48899);
    const defaults = await run([
      address,
      '--secure',
      'none',
      '--user',
      'Administrator',
      '--password',
      PASSWORD,
      '--timeout',
      '300',
      '--json',
    ]);
    expect(defaults.code).toBe(1);
    expect(parsed(defaults.io).error?.code).toBe('unreachable');
    // SSC: NetId asked over --udp-port, route and verification over --tls-port.
    const secure = await run([
      address,
      '--secure',
      'ssc',
      '--fingerprint',
      t.fingerprint,
      '--user',
      'Administrator',
      '--password',
      PASSWORD,
      ...ports,
      '--json',
    ]);
    expect(parsed(secure.io)).toMatchObject({ ok: true, netId: t.netId, mode: 'ssc', fingerprint: t.fingerprint });
    expect(secure.code).toBe(0);
    // Plain: route over --udp-port, verification over --ads-port.
    const plain = await run([
      address,
      '--secure',
      'none',
      '--user',
      'Administrator',
      '--password',
      PASSWORD,
      '--local-netid',
      '10.20.30.42.1.1',
      ...ports,
      '--json',
    ]);
    expect(parsed(plain.io)).toMatchObject({ ok: true, netId: t.netId, mode: 'none' });
    expect(plain.code).toBe(0);
    expect(t.routes().map((r) => r.netId)).toContain('10.20.30.42.1.1');
  });
});
