import { spawn, type ChildProcess } from 'node:child_process';
import { constants, createHash, X509Certificate } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReadStateResponse, readStateRequest } from '../../../shared/protocol/ams';
import {
  decodeUdpMessage,
  encodeAddRouteRequest,
  encodeDiscoveryRequest,
  interpretAddRouteReply,
  interpretDiscoveryReply,
  type AddRouteRequest,
} from '../../../shared/protocol/udp48899';
import { createSelfSignedCertificate, issueCertificate } from '../../services/certificates/self-signed';
import { adsTcpExchange, udpExchange } from '../../sim/test-support';
import type { CliIo } from '../command';
import { runCli } from '../run-cli';
import { simCommand } from './sim';

// Addresses 127.0.97.x belong to this file. Each target uses non-default ports (UDP 29x01, ADS 29x02, TLS 29x03): below
// the ephemeral ranges of Linux (32768+) and Windows (49152+), so no socket another test binds to port 0 can hold them.

const CLIENT = '10.0.97.1.1.1';

function portsFor(n: number) {
  return { udp: 29_001 + n * 10, ads: 29_002 + n * 10, tls: 29_003 + n * 10 };
}
function portFlags(n: number): string[] {
  const p = portsFor(n);
  return ['--udp-port', String(p.udp), '--ads-port', String(p.ads), '--tls-port', String(p.tls)];
}

/** Runs `adsroute sim` in-process; `waitFor` resolves as soon as the output satisfies a predicate (bounded). */
function startSim(args: string[]) {
  let out = '';
  let err = '';
  let stop!: () => void;
  const interrupted = new Promise<void>((resolve) => (stop = resolve));
  const waiters = new Set<() => void>();
  const io: CliIo = {
    stdout: (t) => {
      out += t;
      for (const w of [...waiters]) w();
    },
    stderr: (t) => (err += t),
    readStdin: async () => '',
    interrupted,
  };
  const done = runCli(['sim', ...args], [simCommand], io);
  const waitFor = (what: string, test: (output: string) => boolean, timeoutMs = 10_000) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!test(out)) return;
        clearTimeout(guard);
        waiters.delete(check);
        resolve();
      };
      const guard = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms; stdout: ${out} stderr: ${err}`));
      }, timeoutMs);
      waiters.add(check);
      void done.then((code) => {
        if (!test(out)) {
          clearTimeout(guard);
          waiters.delete(check);
          reject(new Error(`sim exited (${code}) before ${what}; stdout: ${out} stderr: ${err}`));
        }
      });
      check();
    });
  const jsonLines = () =>
    out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const stopped = async () => {
    stop();
    return done;
  };
  return { out: () => out, err: () => err, waitFor, jsonLines, stop: stopped };
}

const readyJson = (out: string) => out.split('\n').some((l) => l.includes('"event":"ready"'));
const readyText = (out: string) => out.includes('ready: ');

function addRoute(address: string, udpPort: number, overrides: Partial<AddRouteRequest> = {}) {
  const request = encodeAddRouteRequest({
    senderNetId: CLIENT,
    routeName: 'ENG-97',
    netId: CLIENT,
    user: 'Administrator',
    password: '1',
    address: '127.0.0.1',
    ...overrides,
  });
  return udpExchange(address, udpPort, request).then((reply) => {
    if (!reply) throw new Error(`no add-route reply from ${address}:${udpPort}`);
    return interpretAddRouteReply(decodeUdpMessage(new Uint8Array(reply))).status;
  });
}

async function discover(address: string, udpPort: number) {
  const reply = await udpExchange(address, udpPort, encodeDiscoveryRequest({ netId: CLIENT }));
  if (!reply) throw new Error(`no discovery reply from ${address}:${udpPort}`);
  return interpretDiscoveryReply(decodeUdpMessage(new Uint8Array(reply)));
}

/** One TLS 1.2 handshake; resolves with the server certificate (DER) or the error text when it fails. */
function tlsHandshake(options: ConnectionOptions): Promise<{ ok: true; certDer: Buffer } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    const socket = tlsConnect({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      rejectUnauthorized: false,
      checkServerIdentity: () => undefined,
      ...options,
    });
    const timer = setTimeout(() => finish({ ok: false, error: 'timeout' }), 5000);
    let settled = false;
    const finish = (value: { ok: true; certDer: Buffer } | { ok: false; error: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(value);
    };
    socket.once('secureConnect', () => finish({ ok: true, certDer: socket.getPeerCertificate().raw }));
    socket.once('error', (error) => finish({ ok: false, error: error.message }));
    socket.once('close', () => finish({ ok: false, error: 'closed' }));
  });
}

function pskHandshake(address: string, port: number, identity: string, secret: string) {
  const key = createHash('sha256')
    .update(identity.toUpperCase() + secret, 'utf8')
    .digest();
  // Like Beckhoff's OpenSSL sample: no extended master secret (OpenSSL option bit 0) and no encrypt-then-MAC.
  const secureOptions = 0x1 | constants.SSL_OP_NO_ENCRYPT_THEN_MAC;
  return tlsHandshake({
    host: address,
    port,
    ciphers: 'PSK-AES256-CBC-SHA384',
    secureOptions,
    pskCallback: () => ({ identity, psk: key }),
  });
}

/** True when all three ports can be bound again on the address: the simulator let go of them. */
async function portsFree(address: string, ports: { udp: number; ads: number; tls: number }): Promise<boolean> {
  const tcpFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, address, () => server.close(() => resolve(true)));
    });
  const udpFree = (port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => {
        socket.close();
        resolve(false);
      });
      socket.bind(port, address, () => socket.close(() => resolve(true)));
    });
  return (await udpFree(ports.udp)) && (await tcpFree(ports.ads)) && (await tcpFree(ports.tls));
}

describe('adsroute sim: event log', () => {
  const SECRETS = { password: 'RightPw-97', wrongPassword: 'WrongPw-97x', pskSecret: 'PskSecret-97', wrongPsk: 'WrongPsk-97' };
  const derivedKeys = [
    createHash('sha256').update(`ID97${SECRETS.pskSecret}`).digest('hex'),
    createHash('sha256').update(`ID97${SECRETS.wrongPsk}`).digest('hex'),
  ];

  async function provokeFailures(address: string, n: number) {
    const p = portsFor(n);
    expect(await addRoute(address, p.udp, { password: SECRETS.wrongPassword })).toBe(0x704);
    expect(await addRoute(address, p.udp, { password: SECRETS.password })).toBe(0);
    const wrongPsk = await pskHandshake(address, p.tls, 'Id97', SECRETS.wrongPsk);
    expect(wrongPsk.ok).toBe(false);
  }

  function expectNoSecret(output: string) {
    for (const secret of [...Object.values(SECRETS), ...derivedKeys]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/PRIVATE KEY/);
  }

  it('--json prints one {"event":"log"} line per entry after the ready line: refusal reasons, stored routes, no secrets', async () => {
    const address = '127.0.97.1';
    const sim = startSim([
      '--bind',
      address,
      '--name',
      'LOG-JSON',
      '--json',
      '--password',
      SECRETS.password,
      '--psk',
      `Id97:${SECRETS.pskSecret}`,
      ...portFlags(1),
    ]);
    await sim.waitFor('ready line', readyJson);
    await provokeFailures(address, 1);
    await sim.waitFor('handshake failure in the log', (o) => o.includes('"reason":"handshake"'));
    expect(await sim.stop()).toBe(0);

    const lines = sim.jsonLines();
    expect(lines[0]).toMatchObject({ event: 'ready', name: 'LOG-JSON' });
    const logs = lines.slice(1);
    expect(logs.every((l) => l.event === 'log' && l.name === 'LOG-JSON' && l.address === address && typeof l.time === 'string')).toBe(true);
    expect(logs).toContainEqual(
      expect.objectContaining({
        kind: 'route-refused',
        transport: 'udp',
        reason: 'wrong-credentials',
        peer: expect.stringMatching(/^127\.0\.0\.1:\d+$/),
      }),
    );
    expect(logs).toContainEqual(
      expect.objectContaining({
        kind: 'route-stored',
        transport: 'udp',
        message: expect.stringContaining(`"ENG-97" stored: ${CLIENT} at 127.0.0.1`),
      }),
    );
    expect(logs).toContainEqual(expect.objectContaining({ kind: 'connection-failed', transport: 'tls', reason: 'handshake' }));
    expect(logs.at(-1)).toMatchObject({ kind: 'stopped' });
    expectNoSecret(sim.out() + sim.err());
  });

  it('without --json prints a readable line per entry, also without secrets', async () => {
    const address = '127.0.97.2';
    const sim = startSim([
      '--bind',
      address,
      '--name',
      'LOG-TEXT',
      '--password',
      SECRETS.password,
      '--psk',
      `Id97:${SECRETS.pskSecret}`,
      ...portFlags(2),
    ]);
    await sim.waitFor('ready line', readyText);
    await provokeFailures(address, 2);
    await sim.waitFor('handshake failure in the log', (o) =>
      /tls 127\.0\.0\.1:\d+ {2}connection-failed \(handshake\): TLS handshake failed/.test(o),
    );
    expect(await sim.stop()).toBe(0);
    expect(sim.out()).toMatch(
      /LOG-TEXT {2}udp 127\.0\.0\.1:\d+ {2}route-refused \(wrong-credentials\): add route "ENG-97" \(10\.0\.97\.1\.1\.1\) refused: wrong user name or password/,
    );
    expect(sim.out()).toMatch(/LOG-TEXT {2}udp {2}route-stored: route "ENG-97" stored/);
    expect(sim.out().trimEnd().split('\n').at(-1)).toBe('virtual targets stopped');
    expectNoSecret(sim.out() + sim.err());
  });
});

describe('adsroute sim: flags', () => {
  it('--secure-only: plain ADS is refused even for a routed NetId (the same request is answered without the flag)', async () => {
    const address = '127.0.97.3';
    const p = portsFor(3);
    const request = [readStateRequest({ target: `${address}.1.1`, source: CLIENT, invokeId: 3 })];
    const plain = startSim(['--bind', address, '--no-tls', ...portFlags(3)]);
    await plain.waitFor('ready line', readyText);
    expect(await addRoute(address, p.udp)).toBe(0);
    const answered = await adsTcpExchange(address, p.ads, request);
    expect(answered).not.toBe('closed');
    expect(decodeReadStateResponse((answered as never[])[0]!)).toMatchObject({ result: 0, adsState: 5 });
    expect(await plain.stop()).toBe(0);

    const secure = startSim(['--bind', address, '--no-tls', '--secure-only', '--json', ...portFlags(3)]);
    await secure.waitFor('ready line', readyJson);
    expect(await addRoute(address, p.udp)).toBe(0);
    expect(await adsTcpExchange(address, p.ads, request)).toBe('closed');
    await secure.waitFor('secure-only refusal in the log', (o) => o.includes('"reason":"secure-only"'));
    expect(await secure.stop()).toBe(0);
  });

  it('--no-discovery: no UDP answer and the UDP port is not even bound; TCP still listens', async () => {
    const address = '127.0.97.4';
    const p = portsFor(4);
    const sim = startSim(['--bind', address, '--no-discovery', '--no-tls', ...portFlags(4)]);
    await sim.waitFor('ready line', readyText);
    expect(sim.out()).toContain(`udp off, ads ${p.ads}, tls off`);
    expect(await udpExchange(address, p.udp, encodeDiscoveryRequest({ netId: CLIENT }), 500)).toBeNull();
    const udp = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(p.udp, address, () => resolve());
    });
    udp.close();
    expect(await adsTcpExchange(address, p.ads, [readStateRequest({ target: `${address}.1.1`, source: CLIENT, invokeId: 1 })])).toBe(
      'closed',
    ); // no route
    expect(await sim.stop()).toBe(0);
  });

  it('--user/--password: a route add with them succeeds, with another user or password gets 0x704', async () => {
    const address = '127.0.97.5';
    const p = portsFor(5);
    const sim = startSim(['--bind', address, '--user', 'operator97', '--password', 'Pw-97-ok', '--no-tls', ...portFlags(5)]);
    await sim.waitFor('ready line', readyText);
    expect(await addRoute(address, p.udp, { user: 'Administrator', password: '1' })).toBe(0x704);
    expect(await addRoute(address, p.udp, { user: 'operator97', password: 'Pw-97-bad' })).toBe(0x704);
    expect(await addRoute(address, p.udp, { user: 'Administrator', password: 'Pw-97-ok' })).toBe(0x704);
    expect(await addRoute(address, p.udp, { user: 'operator97', password: 'Pw-97-ok' })).toBe(0);
    expect(await sim.stop()).toBe(0);
  });

  it('--twincat 3.1.4026 and --os win10:22621 show in discovery', async () => {
    const address = '127.0.97.6';
    const p = portsFor(6);
    const sim = startSim(['--bind', address, '--twincat', '3.1.4026', '--os', 'win10:22621', '--no-tls', ...portFlags(6)]);
    await sim.waitFor('ready line', readyText);
    const info = await discover(address, p.udp);
    expect(info.twincat).toMatchObject({ major: 3, minor: 1, build: 4026 });
    expect(info.os?.text).toBe('Windows 11 22H2 (22621)');
    expect(await sim.stop()).toBe(0);
  });

  it('rejects a build number for an OS that has none, and a malformed one', async () => {
    for (const os of ['ce:5', 'win10:abc', 'win10:1:2', 'ce8']) {
      const sim = startSim(['--bind', '127.0.97.7', '--os', os]);
      expect(await sim.stop(), os).toBe(2);
      expect(sim.err(), os).toContain('--os');
    }
    const both = startSim(['--bind', '127.0.97.7', '--tls', '--no-tls']);
    expect(await both.stop()).toBe(2);
    expect(both.err()).toContain('--tls and --no-tls contradict each other');
  });

  it('--ads-delay holds each answer back as a timer (lower bound only) and a bad delay is a usage error', async () => {
    const address = '127.0.97.11';
    const p = portsFor(11);
    const sim = startSim(['--bind', address, '--ads-delay', '250', '--handshake-delay', '0', '--no-tls', ...portFlags(11)]);
    await sim.waitFor('ready line', readyText);
    const started = performance.now();
    expect(await addRoute(address, p.udp)).toBe(0);
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(await sim.stop()).toBe(0);
    for (const bad of [['--ads-delay=-5'], ['--handshake-delay', 'soon'], ['--handshake-delay', '60001']]) {
      const refused = startSim(['--bind', address, ...bad]);
      expect(await refused.stop(), bad.join(' ')).toBe(2);
      expect(refused.err()).toContain(`${bad[0]!.split('=')[0]} must be whole milliseconds`);
    }
  });

  describe('--state DIR', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'sim-cli-state-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('writes StaticRoutes.xml and TcSelfSigned.xml there; a restart keeps the fingerprint and the route', async () => {
      const address = '127.0.97.8';
      const p = portsFor(8);
      const first = startSim(['--bind', address, '--state', dir, '--json', ...portFlags(8)]);
      await first.waitFor('ready line', readyJson);
      const fingerprint = first.jsonLines()[0]!.fingerprint as string;
      expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
      expect(await addRoute(address, p.udp, { routeName: 'KEEP-97' })).toBe(0);
      expect(await first.stop()).toBe(0);
      expect(await readFile(join(dir, 'StaticRoutes.xml'), 'utf8')).toMatch(/<Name>KEEP-97<\/Name>/);
      const ssc = await readFile(join(dir, 'TcSelfSigned.xml'), 'utf8');
      const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(ssc)?.[0];
      expect(createHash('sha256').update(new X509Certificate(pem!).raw).digest('hex')).toBe(fingerprint);

      const second = startSim(['--bind', address, '--state', dir, '--json', ...portFlags(8)]);
      await second.waitFor('ready line', readyJson);
      expect(second.jsonLines()[0]!.fingerprint).toBe(fingerprint);
      expect((await discover(address, p.udp)).fingerprint).toBe(fingerprint);
      // The stored route still lets plain ADS through.
      const answered = await adsTcpExchange(address, p.ads, [readStateRequest({ target: `${address}.1.1`, source: CLIENT, invokeId: 1 })]);
      expect(answered).not.toBe('closed');
      expect(await second.stop()).toBe(0);
    });

    it('keeps SecureOnly, the listener switches and the PSK identities for the next start without flags; flags override', async () => {
      const address = '127.0.97.9';
      const p = portsFor(9);
      const stateDir = join(dir, 'switches');
      const first = startSim([
        '--bind',
        address,
        '--state',
        stateDir,
        '--secure-only',
        '--no-discovery',
        '--psk',
        'Keep97:KeepSecret97',
        ...portFlags(9),
      ]);
      await first.waitFor('ready line', readyText);
      expect(await first.stop()).toBe(0);
      expect(await readFile(join(stateDir, 'TcRegistry.xml'), 'utf8')).toMatch(/<DisableAdsDiscovery>1<\/DisableAdsDiscovery>/);

      const second = startSim(['--bind', address, '--state', stateDir, ...portFlags(9)]);
      await second.waitFor('ready line', readyText);
      expect(second.out()).toContain(`udp off, ads ${p.ads} (secure only), tls ${p.tls}`);
      expect((await pskHandshake(address, p.tls, 'Keep97', 'KeepSecret97')).ok).toBe(true);
      expect(await second.stop()).toBe(0);

      const third = startSim(['--bind', address, '--state', stateDir, '--discovery', '--no-secure-only', '--no-tls', ...portFlags(9)]);
      await third.waitFor('ready line', readyText);
      expect(third.out()).toContain(`udp ${p.udp}, ads ${p.ads}, tls off`);
      expect((await discover(address, p.udp)).fingerprint).toBeNull();
      expect(await third.stop()).toBe(0);
      expect(await readFile(join(stateDir, 'StaticRoutes.xml'), 'utf8')).not.toMatch(/SecureOnly/);
    });
  });

  it('--ca/--cert/--key: the TLS server presents that certificate', async () => {
    const address = '127.0.97.10';
    const p = portsFor(10);
    const dir = await mkdtemp(join(tmpdir(), 'sim-cli-ca-'));
    try {
      const now = Date.now();
      const ca = createSelfSignedCertificate({
        commonName: 'Root97',
        isCa: true,
        notBefore: new Date(now - 86_400_000),
        notAfter: new Date(now + 400 * 86_400_000),
      });
      const leaf = issueCertificate(ca, { commonName: 'CA-97', days: 360, ipAddresses: [address] });
      await writeFile(join(dir, 'root.pem'), ca.certPem);
      await writeFile(join(dir, 'ipc.crt'), leaf.certPem);
      await writeFile(join(dir, 'ipc.key'), leaf.keyPem);
      const sim = startSim([
        '--bind',
        address,
        '--name',
        'CA-97',
        '--ca',
        join(dir, 'root.pem'),
        '--cert',
        join(dir, 'ipc.crt'),
        '--key',
        join(dir, 'ipc.key'),
        '--json',
        ...portFlags(10),
      ]);
      await sim.waitFor('ready line', readyJson);
      const handshake = await tlsHandshake({ host: address, port: p.tls, ca: ca.certPem, cert: leaf.certPem, key: leaf.keyPem });
      expect(handshake.ok).toBe(true);
      const served = handshake.ok ? createHash('sha256').update(handshake.certDer).digest('hex') : '';
      expect(served).toBe(leaf.fingerprint);
      expect(served).not.toBe(sim.jsonLines()[0]!.fingerprint); // not the self-signed one
      expect(await sim.stop()).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('adsroute sim as a process', () => {
  let bundleDir: string;
  let bundle: string;

  beforeAll(async () => {
    // The CLI bundled from the current sources like scripts/build.mjs does, into a folder of our own: dist/ may be
    // rebuilt (and deleted) by someone else while this runs.
    bundleDir = await mkdtemp(join(tmpdir(), 'sim-cli-bundle-'));
    bundle = join(bundleDir, 'cli.cjs');
    const pkg = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    await build({
      entryPoints: ['electron/cli/main.ts'],
      outfile: bundle,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
      external: ['electron', 'bufferutil', 'utf-8-validate'],
      define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    });
  });
  afterAll(async () => {
    await rm(bundleDir, { recursive: true, force: true });
  });

  function spawnSim(
    address: string,
    n: number,
  ): Promise<{ child: ChildProcess; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
    const child = spawn(process.execPath, [bundle, 'sim', '--bind', address, '--json', ...portFlags(n)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    return new Promise((resolve, reject) => {
      const guard = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no ready line within 15 s: ${stderr}`));
      }, 15_000);
      void exit.then(({ code }) => {
        clearTimeout(guard);
        reject(new Error(`exited (${code}) before ready: ${stderr}`));
      });
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line.includes('"event":"ready"')) {
          clearTimeout(guard);
          resolve({ child, exit });
        }
      });
    });
  }

  for (const [signal, n] of [
    ['SIGTERM', 11],
    ['SIGINT', 12],
  ] as const) {
    it(`${signal} stops it with exit code 0 and frees its ports`, async () => {
      const address = `127.0.97.${n}`;
      const { child, exit } = await spawnSim(address, n);
      try {
        expect(await portsFree(address, portsFor(n))).toBe(false); // it holds them while running
        expect((await discover(address, portsFor(n).udp)).hostname).toBe(`SIM-127-0-97-${n}`);
        child.kill(signal);
        expect(await exit).toEqual({ code: 0, signal: null });
        expect(await portsFree(address, portsFor(n))).toBe(true);
      } finally {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    });
  }
});
