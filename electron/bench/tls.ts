/**
 * Secure ADS handshake benchmark (`npm run bench:tls`; `-- --json` prints the rows as one JSON object, `-- --write-docs`
 * rewrites the "Secure ADS handshake" section of docs/benchmarks.md). One iteration = TCP connect + TLS 1.2 handshake +
 * TlsConnectInfo + one ADS ReadState, then close. The virtual targets run in a child process (this script again,
 * ARS_BENCH_ROLE=tls-targets), so this process's CPU time (process.cpuUsage(), its worker threads included) is the
 * client's alone. Our engine and Node's own `tls` (OpenSSL) take turns against the same targets in the same run.
 */
import { fork } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createSelfSignedCertificate, issueCertificate } from '../services/certificates/index';
import { engineConnector } from '../services/ads/secure/default-connector';
import { connectNodeTls } from './node-tls-transport';
import { CA_FLAGS, PSK_FLAGS, sscAddRouteFlags, SSC_FOLLOW_UP_FLAGS } from '../services/ads/secure/connect-info';
import { derivePskKey } from '../services/ads/secure/psk';
import { openSecureSession, SECURE_ADS_PORT, type SecureSessionOptions } from '../services/ads/secure/secure-session';
import type { TlsConnector } from '../services/ads/secure/secure-transport';
import { startVirtualTarget, type VirtualTarget } from '../sim';
import { machineLine, median, nowMs, renderMarkdownTable, renderTextTable, type BenchRow } from './table';
import { writeDocsSection } from './docs-section';
import { printJsonIfAsked, say } from './report';

const WARMUP = 20;
/** Measured handshakes per client and mode, in BLOCKS alternating blocks (so drift hits both clients alike). */
const BLOCKS = 20;
const PER_BLOCK = 10;
const ITERATIONS = BLOCKS * PER_BLOCK;
const TIME_GOAL = 1.5;
const CPU_GOAL = 1.0;
const LOCAL_NETID = '127.0.0.1.1.1';
const HOSTNAME = 'BENCH-PC';
const PSK = { identity: 'BENCH', secret: 'bench-psk' };

interface Mode {
  name: string;
  netId: string;
  options: (connector: TlsConnector) => SecureSessionOptions;
}

/** What the target process tells the client: where the targets are and the certificates the client needs. */
interface TargetsInfo {
  ssc: { address: string; port: number; netId: string; fingerprint: string };
  ca: { address: string; port: number; netId: string; caPem: string };
  caClient: { certPem: string; keyPem: string };
}

async function once(options: SecureSessionOptions, netId: string): Promise<number> {
  const start = nowMs();
  const session = await openSecureSession(options);
  try {
    const state = await session.ams.readState(netId, options.timeoutMs);
    if (state !== 5) throw new Error(`ReadState answered ${state}, expected Run`);
  } finally {
    session.close();
  }
  return nowMs() - start;
}

interface ClientMeasure {
  times: number[];
  cpuMs: number;
}

async function block(mode: Mode, connector: TlsConnector, count: number, into: ClientMeasure): Promise<void> {
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) into.times.push(await once(mode.options(connector), mode.netId));
  const used = process.cpuUsage(cpu);
  into.cpuMs += (used.user + used.system) / 1000;
}

/**
 * A full collection before a mode: the previous mode's garbage (a DHE mode leaves megabytes, mostly from Node's tls
 * client) would otherwise be collected during this mode's blocks, always in the same block of the same client (the
 * run is deterministic), and its mark-compact (~15 ms) charged to that client. Garbage made within the mode still
 * costs whoever makes it.
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function measure(mode: Mode): Promise<{ engine: ClientMeasure; node: ClientMeasure }> {
  collectGarbage();
  const warm: ClientMeasure = { times: [], cpuMs: 0 };
  for (let i = 0; i < WARMUP; i++) {
    await block(mode, engineConnector, 1, warm);
    await block(mode, connectNodeTls, 1, warm);
  }
  const engine: ClientMeasure = { times: [], cpuMs: 0 };
  const node: ClientMeasure = { times: [], cpuMs: 0 };
  for (let b = 0; b < BLOCKS; b++) {
    // Alternate which client goes first, so neither always follows the other's garbage.
    const order: Array<[TlsConnector, ClientMeasure]> = [
      [engineConnector, engine],
      [connectNodeTls, node],
    ];
    if (b % 2) order.reverse();
    for (const [connector, into] of order) await block(mode, connector, PER_BLOCK, into);
  }
  return { engine, node };
}

// ------------------------------------------------------------------ the target process

async function targetsRole(): Promise<void> {
  const ca = createSelfSignedCertificate({
    commonName: 'Bench Root CA',
    isCa: true,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 3650 * 86_400_000),
  });
  const caClient = issueCertificate(ca, { commonName: HOSTNAME, days: 30 });
  const caServer = issueCertificate(ca, { commonName: 'BENCH-CA', days: 30, ipAddresses: ['127.0.48.2'] });
  const targets: VirtualTarget[] = [];
  try {
    const ssc = await startVirtualTarget({ name: 'BENCH-SSC', address: '127.0.48.1', psk: [PSK] });
    targets.push(ssc);
    const caTarget = await startVirtualTarget({
      name: 'BENCH-CA',
      address: '127.0.48.2',
      ca: { caPem: ca.certPem, certPem: caServer.certPem, keyPem: caServer.keyPem },
    });
    targets.push(caTarget);
    const info: TargetsInfo = {
      ssc: { address: ssc.address, port: ssc.ports.tls ?? SECURE_ADS_PORT, netId: ssc.netId, fingerprint: ssc.fingerprint },
      ca: { address: caTarget.address, port: caTarget.ports.tls ?? SECURE_ADS_PORT, netId: caTarget.netId, caPem: ca.certPem },
      caClient: { certPem: caClient.certPem, keyPem: caClient.keyPem },
    };
    process.send?.(info);
    await new Promise<void>((resolve) => process.once('disconnect', () => resolve()));
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
}

async function startTargets(): Promise<{ info: TargetsInfo; stop(): void }> {
  // Its output goes to our stderr: under --json stdout carries only the JSON object.
  const child = fork(process.argv[1] ?? '', [], { env: { ...process.env, ARS_BENCH_ROLE: 'tls-targets' }, stdio: ['ignore', 2, 2, 'ipc'] });
  const info = await new Promise<TargetsInfo>((resolve, reject) => {
    child.once('message', (m) => resolve(m as TargetsInfo));
    child.once('exit', (code) => reject(new Error(`target process exited with ${code}`)));
  });
  return { info, stop: () => child.disconnect() };
}

async function main(): Promise<void> {
  if (process.env.ARS_BENCH_ROLE === 'tls-targets') return targetsRole();
  const machine = machineLine();
  const client = createSelfSignedCertificate({ commonName: `ADS Route Studio ${HOSTNAME}` });
  const remote = await startTargets();
  try {
    const { ssc, ca, caClient } = remote.info;
    const base = (target: { address: string; port: number }, connector: TlsConnector) => ({
      host: target.address,
      port: target.port,
      timeoutMs: 10_000,
      connector,
      localNetId: LOCAL_NETID,
    });
    // The SSC follow-up (flags 0x10) needs the route that an SSC add with credentials creates first.
    (
      await openSecureSession({
        ...base(ssc, engineConnector),
        mode: 'ssc',
        clientCertificate: client,
        trust: { kind: 'fingerprint', expected: ssc.fingerprint },
        connectInfo: { flags: sscAddRouteFlags(true), netId: LOCAL_NETID, hostname: HOSTNAME, user: 'Administrator', password: '1' },
      })
    ).close();

    const pskKey = derivePskKey(PSK.identity, PSK.secret);
    const modes: Mode[] = [
      {
        name: 'SSC (DHE-RSA, ffdhe2048)',
        netId: ssc.netId,
        options: (connector) => ({
          ...base(ssc, connector),
          mode: 'ssc',
          clientCertificate: client,
          trust: { kind: 'fingerprint', expected: ssc.fingerprint },
          connectInfo: { flags: SSC_FOLLOW_UP_FLAGS, netId: LOCAL_NETID, hostname: HOSTNAME },
        }),
      },
      {
        name: 'PSK',
        netId: ssc.netId,
        options: (connector) => ({
          ...base(ssc, connector),
          mode: 'psk',
          psk: { identity: PSK.identity, key: pskKey },
          trust: { kind: 'none' },
          connectInfo: { flags: PSK_FLAGS, netId: LOCAL_NETID, hostname: HOSTNAME },
        }),
      },
      {
        name: 'CA (DHE-RSA, chain + CN check)',
        netId: ca.netId,
        options: (connector) => ({
          ...base(ca, connector),
          mode: 'ca',
          clientCertificate: caClient,
          trust: { kind: 'ca', caPem: [ca.caPem], routeName: 'BENCH-CA', ignoreCn: false },
          connectInfo: { flags: CA_FLAGS, netId: LOCAL_NETID, hostname: HOSTNAME },
        }),
      },
    ];

    const rows: BenchRow[] = [];
    const suites: string[] = [];
    // `--only psk|ssc|ca` measures one mode (for profiling).
    const only = process.argv.indexOf('--only');
    const chosen = only >= 0 ? modes.filter((m) => m.name.toLowerCase().startsWith(process.argv[only + 1] ?? '')) : modes;
    for (const mode of chosen) {
      const probe = await openSecureSession(mode.options(engineConnector));
      suites.push(`${mode.name}: ${probe.transport.cipherSuite.name}`);
      probe.close();
      const { engine, node } = await measure(mode);
      const cpuEngine = engine.cpuMs / engine.times.length;
      const cpuNode = node.cpuMs / node.times.length;
      const e = median(engine.times);
      const n = median(node.times);
      rows.push(
        {
          name: `${mode.name}: client CPU per handshake (${ITERATIONS} handshakes)`,
          value: cpuEngine,
          unit: 'ms',
          baseline: cpuNode,
          baselineLabel: 'node:tls',
          goal: `≤ ${CPU_GOAL.toFixed(1)}x`,
          pass: cpuEngine <= cpuNode * CPU_GOAL,
        },
        {
          name: `${mode.name}: time, median of ${ITERATIONS}`,
          value: e,
          unit: 'ms',
          baseline: n,
          baselineLabel: 'node:tls',
          goal: `≤ ${TIME_GOAL}x`,
          pass: e <= n * TIME_GOAL,
        },
      );
    }
    const title =
      'Secure ADS: connect + TLS 1.2 handshake + TlsConnectInfo + ReadState (our engine vs Node tls/OpenSSL, same targets in a child process, same run)';
    say(renderTextTable(title, rows));
    say(`\nSuites: ${suites.join('; ')}`);
    printJsonIfAsked(rows);
    if (process.argv.includes('--write-docs')) {
      await writeDocsSection(
        'Secure ADS handshake',
        [
          '## Secure ADS handshake',
          '',
          `Measured ${machine}. \`npm run bench:tls\` (\`-- --json\` for the rows as JSON).`,
          '',
          `One iteration is TCP connect + TLS 1.2 handshake + TlsConnectInfo + one ADS ReadState to AMS port 10000, then close. The virtual targets (Node tls/OpenSSL configured like TwinCAT, ffdhe2048, RSA-2048) run in a child process, so the benchmark process holds only the client: its CPU time (\`process.cpuUsage()\`, which counts every thread of the process, the engine's crypto workers included) over a block of handshakes is the client's cost. Our engine and Node's own \`tls\` client (OpenSSL, the same suites, no EMS/ETM/tickets, a client certificate where the mode needs one) take turns in ${BLOCKS} blocks of ${PER_BLOCK} after a full garbage collection (so no mode pays for the previous one's garbage) and ${WARMUP} warm-up rounds each, against the same targets; CPU per handshake is the total over the ${ITERATIONS} handshakes divided by ${ITERATIONS}, time is the median. An SSC route is two such handshakes (add, then verify), a PSK route one. Goals: client CPU ≤ ${CPU_GOAL.toFixed(1)}x Node's, time ≤ ${TIME_GOAL}x.`,
          '',
          renderMarkdownTable(rows),
          '',
          `Negotiated: ${suites.join('; ')}.`,
        ].join('\n'),
      );
      say('\ndocs/benchmarks.md updated (Secure ADS handshake section).');
    }
  } finally {
    remote.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
