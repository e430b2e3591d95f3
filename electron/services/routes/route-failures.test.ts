import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { certificateDer } from '../certificates/der';
import { createSelfSignedCertificate, fingerprintOfCertificate, issueCertificate, type GeneratedCertificate } from '../certificates/index';
import { engineConnector } from '../ads/secure/default-connector';
import type { TlsConnector } from '../ads/secure/secure-transport';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { createRoutes, type TargetResult } from './route-orchestrator';
import { addRequest, makeKit, stepStatuses, type Kit } from './route-test-kit';

// Loopback block 127.0.42.x belongs to this file.
let kit: Kit;
let ca: GeneratedCertificate;
let otherCa: GeneratedCertificate;
let clientPaths: { caPath: string; certPath: string; keyPath: string };
const sims: VirtualTarget[] = [];
const os = { kind: 'os', user: 'Administrator', password: 'S3cret-pw!' } as const;

async function sim(address: string, extra: Record<string, unknown> = {}): Promise<VirtualTarget> {
  const target = await startVirtualTarget({
    name: 'TARGET',
    address,
    password: os.password,
    psk: [{ identity: 'MY_IDENTITY', secret: 'MySecret' }],
    ...extra,
  });
  sims.push(target);
  return target;
}

async function one(
  settings: Record<string, unknown>,
  credentials: unknown,
  expectedFingerprint: string | null = null,
  extra: Record<string, unknown> = {},
): Promise<TargetResult> {
  kit.events.length = 0;
  const request = addRequest([{ settings: settings as never, expectedFingerprint }], credentials, extra);
  const [result] = await createRoutes(request, kit.deps, kit.onStep);
  return result!;
}

function tlsDecisions(target: VirtualTarget) {
  // Entries the target writes only after it has read a TlsConnectInfo.
  return target
    .log()
    .filter(
      (e) => e.kind === 'route-stored' || e.kind === 'connection-accepted' || (e.kind === 'connection-failed' && e.reason !== 'handshake'),
    );
}

beforeAll(async () => {
  kit = await makeKit();
  ca = createSelfSignedCertificate({
    commonName: 'Plant Root CA',
    isCa: true,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 3650 * 86_400_000),
  });
  otherCa = createSelfSignedCertificate({
    commonName: 'Other CA',
    isCa: true,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 3650 * 86_400_000),
  });
  const client = issueCertificate(ca, { commonName: 'ENG-PC', days: 365 });
  clientPaths = {
    caPath: join(kit.dataDir, 'ca.pem'),
    certPath: join(kit.dataDir, 'client.pem'),
    keyPath: join(kit.dataDir, 'client.key'),
  };
  await writeFile(clientPaths.caPath, ca.certPem);
  await writeFile(clientPaths.certPath, client.certPem);
  await writeFile(clientPaths.keyPath, client.keyPem);
});
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});
afterAll(async () => {
  await kit.cleanup();
});

describe('SSC failures', () => {
  it('wrong fingerprint: stops inside the handshake and the target never sees a TlsConnectInfo', async () => {
    const target = await sim('127.0.42.1');
    const result = await one({ address: target.address, netId: target.netId, security: 'ssc' }, os, 'ab'.repeat(32));
    expect(result.error?.code).toBe('fingerprint-mismatch');
    expect(result.error?.fix).toMatch(/stop unless you know why/);
    expect(stepStatuses(kit.events)).toMatchObject({ tls: 'ok', fingerprint: 'failed' });
    expect(stepStatuses(kit.events).credentials).toBeUndefined();
    expect(target.routes()).toEqual([]);
    expect(tlsDecisions(target)).toEqual([]);
  });

  it('wrong password: auth-failed at the credentials step, no route on the target', async () => {
    const target = await sim('127.0.42.2');
    const result = await one(
      { address: target.address, netId: target.netId, security: 'ssc' },
      { ...os, password: 'wrong-pw' },
      target.fingerprint,
    );
    expect(result.error).toMatchObject({ code: 'auth-failed', fix: expect.stringMatching(/user name or password wrong/) });
    expect(stepStatuses(kit.events).credentials).toBe('failed');
    expect(target.routes()).toEqual([]);
  });

  it('has no "accept any certificate": an SSC request without a fingerprint is refused by the contract and by the plan', async () => {
    const target = await sim('127.0.42.3');
    expect(() => addRequest([{ settings: { address: target.address, netId: target.netId, security: 'ssc' } }], os)).toThrow(
      /fingerprint it pins/,
    );
    // Even a request that skipped the contract fails before any socket is opened.
    const request = addRequest(
      [{ settings: { address: target.address, netId: target.netId, security: 'ssc' }, expectedFingerprint: target.fingerprint }],
      os,
    );
    const unpinned = { ...request, targets: [{ ...request.targets[0]!, expectedFingerprint: null }] };
    kit.events.length = 0;
    const [refused] = await createRoutes(unpinned, kit.deps, kit.onStep);
    expect(refused?.error?.code).toBe('fingerprint-unverified');
    expect(stepStatuses(kit.events)).toEqual({ resolve: 'failed' });
    expect(target.log().filter((e) => e.kind !== 'listening')).toEqual([]);
  });

  it('the out-of-band tick pins the fingerprint the user was shown: another certificate is refused before the login is sent', async () => {
    const target = await sim('127.0.42.6');
    const shownElsewhere = createSelfSignedCertificate({ commonName: 'TARGET' });
    kit.events.length = 0;
    const [refused] = await createRoutes(
      addRequest(
        [
          {
            settings: { address: target.address, netId: target.netId, security: 'ssc' },
            expectedFingerprint: fingerprintOfCertificate(certificateDer(shownElsewhere.certPem)),
            fingerprintBasis: 'out-of-band',
          },
        ],
        os,
      ),
      kit.deps,
      kit.onStep,
    );
    expect(refused?.error?.code).toBe('fingerprint-mismatch');
    expect(tlsDecisions(target)).toEqual([]);
    kit.events.length = 0;
    const [accepted] = await createRoutes(
      addRequest(
        [
          {
            settings: { address: target.address, netId: target.netId, security: 'ssc' },
            expectedFingerprint: target.fingerprint,
            fingerprintBasis: 'out-of-band',
          },
        ],
        os,
      ),
      kit.deps,
      kit.onStep,
    );
    expect(accepted?.error).toBeNull();
    expect(kit.events.find((e) => e.step === 'fingerprint' && e.status === 'ok')?.detail).toMatch(/which you verified another way/);
    expect(
      kit.logBook.recent().some((e) => e.level === 'warn' && e.message.includes('127.0.42.6') && e.message.includes('another way')),
    ).toBe(true);
  });

  it('the verify connection must present the certificate the login went to: another one is refused inside the handshake', async () => {
    const target = await sim('127.0.42.7');
    const impostor = certificateDer(createSelfSignedCertificate({ commonName: 'TARGET' }).certPem);
    let connections = 0;
    // The second connection (the verify) shows another certificate, as a machine taking over the address would.
    const swapping: TlsConnector = (options) => {
      connections++;
      if (connections === 1) return engineConnector(options);
      return engineConnector({ ...options, verifyServer: (chain) => options.verifyServer?.([impostor, ...chain.slice(1)]) });
    };
    const own = await makeKit(swapping);
    try {
      const request = addRequest(
        [{ settings: { address: target.address, netId: target.netId, security: 'ssc' }, expectedFingerprint: target.fingerprint }],
        os,
      );
      const [result] = await createRoutes(request, own.deps, own.onStep);
      expect(connections).toBe(2);
      expect(result?.error?.code).toBe('fingerprint-mismatch');
      expect(stepStatuses(own.events)).toMatchObject({ credentials: 'ok', verify: 'failed' });
      // Only the add connection's TlsConnectInfo reached the target.
      expect(target.log().filter((e) => e.kind === 'connection-accepted')).toHaveLength(1);
    } finally {
      await own.cleanup();
    }
  });

  it('TCP 8016 refused: tells that Secure ADS is disabled or firewalled', async () => {
    const target = await sim('127.0.42.4', { tls: false });
    const result = await one({ address: target.address, netId: target.netId, security: 'ssc' }, os, target.fingerprint);
    expect(result.error).toMatchObject({
      code: 'refused',
      fix: 'TCP 8016 refused: Secure ADS disabled or blocked by a firewall on the target',
    });
    expect(stepStatuses(kit.events).connect).toBe('failed');
  });

  it('never puts the password into events, results or the log', async () => {
    const target = await sim('127.0.42.5');
    const ok = await one({ address: target.address, netId: target.netId, security: 'ssc' }, os, target.fingerprint);
    const bad = await one(
      { address: target.address, netId: target.netId, security: 'ssc' },
      { ...os, password: 'Other-Secret-9' },
      target.fingerprint,
    );
    const everything = JSON.stringify([ok, bad, kit.events, kit.logBook.recent()]);
    expect(everything).not.toContain(os.password);
    expect(everything).not.toContain('Other-Secret-9');
  });
});

describe('login text', () => {
  for (const security of ['ssc', 'none'] as const) {
    it(`${security}: a password outside Windows-1252 is refused before connecting, without quoting it`, async () => {
      const target = await sim(security === 'ssc' ? '127.0.42.40' : '127.0.42.41');
      const secret = 'geheim\u{1F511}';
      const result = await one(
        { address: target.address, netId: target.netId, security },
        { ...os, password: secret },
        security === 'ssc' ? target.fingerprint : null,
      );
      expect(result.error?.code).toBe('invalid-input');
      expect(result.error?.message).toMatch(/password contains a character TwinCAT cannot receive/);
      expect(stepStatuses(kit.events)).toMatchObject({ resolve: 'failed' });
      expect(stepStatuses(kit.events).connect).toBeUndefined();
      expect(target.log().filter((e) => e.kind !== 'listening')).toEqual([]);
      const shown = JSON.stringify([result, kit.events]);
      expect(shown).not.toContain('geheim');
      expect(shown).not.toMatch(/1F511|\u{1F511}/iu);
    });
  }
});

describe('PSK failures', () => {
  it('unknown identity and wrong password both give psk-unknown with a fix', async () => {
    const target = await sim('127.0.42.10');
    const unknown = await one(
      { address: target.address, netId: target.netId, security: 'psk' },
      { kind: 'psk', identity: 'NOBODY', password: 'MySecret' },
    );
    expect(unknown.error).toMatchObject({ code: 'psk-unknown', message: 'PSK identity unknown on the target or wrong key' });
    // The fix names the target's side explicitly: "Secure ADS server" alone reads like a page of this app.
    expect(unknown.error?.fix).toMatch(
      /^on the target itself, add the identity and key to the Secure ADS server section of the target's StaticRoutes\.xml/,
    );
    const wrongKey = await one(
      { address: target.address, netId: target.netId, security: 'psk' },
      { kind: 'psk', identity: 'MY_IDENTITY', password: 'not-it' },
    );
    expect(wrongKey.error?.code).toBe('psk-unknown');
    expect(target.routes()).toEqual([]);
  });
});

describe('CA mode', () => {
  async function caSim(address: string, options: { issuer?: GeneratedCertificate; cn?: string; expired?: boolean } = {}) {
    const issuer = options.issuer ?? ca;
    const notBefore = options.expired ? new Date(Date.now() - 400 * 86_400_000) : new Date(Date.now() - 86_400_000);
    const server = issueCertificate(issuer, {
      commonName: options.cn ?? 'CX-TARGET',
      days: options.expired ? 30 : 365,
      ipAddresses: [address],
      notBefore,
    });
    return sim(address, { ca: { caPem: ca.certPem, certPem: server.certPem, keyPem: server.keyPem } });
  }

  it('CA mode without CA files is a typed invalid-input before any connection, never an unchecked handshake', async () => {
    const target = await caSim('127.0.42.29');
    const result = await one({ address: target.address, netId: target.netId, security: 'ca', routeName: 'CX-TARGET' }, os);
    expect(result.error).toMatchObject({ code: 'invalid-input', message: expect.stringContaining('CA, certificate and key files') });
    expect(stepStatuses(kit.events).connect).toBeUndefined();
    expect(target.log().some((e) => e.kind.startsWith('connection'))).toBe(false);
  });

  it('verifies the chain and the CN, then the route works', async () => {
    const target = await caSim('127.0.42.20');
    const result = await one(
      { address: target.address, netId: target.netId, security: 'ca', routeName: 'CX-TARGET' },
      { kind: 'ca', ...clientPaths },
    );
    expect(result.error).toBeNull();
    expect(result.verified?.adsStateName).toBe('Run');
    expect(target.routes()[0]?.tls?.mode).toBe('ca');
    // The local record names the files StaticRoutes.xml will point at, and never the key password.
    const local = (await kit.store.list()).find((r) => r.name === 'CX-TARGET');
    expect(local?.tls).toMatchObject({
      mode: 'ca',
      caFile: clientPaths.caPath,
      certFile: clientPaths.certPath,
      keyFile: clientPaths.keyPath,
      ignoreCn: false,
    });
  });

  it('CN mismatch fails unless IgnoreCn is set', async () => {
    const target = await caSim('127.0.42.21');
    const strict = await one(
      { address: target.address, netId: target.netId, security: 'ca', routeName: 'OTHER-NAME' },
      { kind: 'ca', ...clientPaths },
    );
    expect(strict.error).toMatchObject({ code: 'cn-mismatch', message: "certificate CN 'CX-TARGET' differs from route name 'OTHER-NAME'" });
    expect(strict.error?.fix).toMatch(/IgnoreCn or rename/);
    const relaxed = await one(
      { address: target.address, netId: target.netId, security: 'ca', routeName: 'OTHER-NAME' },
      { kind: 'ca', ...clientPaths, ignoreCn: true },
    );
    expect(relaxed.error).toBeNull();
  });

  it('a target certificate from another CA is untrusted; nothing is sent', async () => {
    const target = await caSim('127.0.42.22', { issuer: otherCa });
    const result = await one(
      { address: target.address, netId: target.netId, security: 'ca', routeName: 'CX-TARGET' },
      { kind: 'ca', ...clientPaths },
    );
    expect(result.error?.code).toBe('cert-untrusted');
    expect(tlsDecisions(target)).toEqual([]);
  });

  it('an expired target certificate is reported as expired', async () => {
    const target = await caSim('127.0.42.23', { expired: true });
    const result = await one(
      { address: target.address, netId: target.netId, security: 'ca', routeName: 'CX-TARGET' },
      { kind: 'ca', ...clientPaths },
    );
    expect(result.error?.code).toBe('cert-expired');
    expect(result.error?.message).toMatch(/expired/);
  });
});

describe('plain ADS failures', () => {
  it('wrong password over UDP: auth-failed', async () => {
    const target = await sim('127.0.42.30');
    const result = await one({ address: target.address, netId: target.netId, security: 'none' }, { ...os, password: 'nope' });
    expect(result.error).toMatchObject({ code: 'auth-failed', message: expect.stringMatching(/wrong user name or password/) });
    expect(target.routes()).toEqual([]);
  });

  // getaddrinfo reads these as octal or hex notations of another address: 010.77.1.10 is 8.77.1.10, 0x7f.1 is 127.0.0.1.
  it.each(['010.77.1.10', '0x7f.1'])(
    '%s is refused as an address before anything is sent, not read as another notation',
    async (address) => {
      const sent: string[] = [];
      const deps = {
        ...kit.deps,
        identity: { ...kit.deps.identity, localAddressFor: async (target: string) => (sent.push(target), '127.0.0.1') },
      };
      kit.events.length = 0;
      const request = addRequest([{ settings: { address, netId: '10.77.1.10.1.1', security: 'none' } }], {
        kind: 'os',
        user: 'Administrator',
        password: '1',
      });
      const [result] = await createRoutes(request, deps, kit.onStep);
      expect(result?.error).toMatchObject({ code: 'resolve-failed', message: `'${address}' is not an IPv4 address` });
      expect(stepStatuses(kit.events)).toMatchObject({ resolve: 'failed' });
      expect(sent).toEqual([]);
    },
  );

  it('a silent host: unreachable with the firewall hint', async () => {
    const result = await one({ address: '127.0.42.99', netId: '127.0.42.99.1.1', security: 'none', connectionTimeoutMs: 600 }, os);
    expect(result.error).toMatchObject({
      code: 'unreachable',
      fix: 'no answer on UDP 48899: target offline, wrong address, or UDP 48899 blocked by a firewall',
    });
  });
});

describe('cancel', () => {
  it('a cancelled batch ends every target with code cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const request = addRequest([{ settings: { address: '127.0.42.98', netId: '127.0.42.98.1.1', security: 'none' } }], os);
    const [result] = await createRoutes(request, kit.deps, kit.onStep, controller.signal);
    expect(result?.error?.code).toBe('cancelled');
  });
});
