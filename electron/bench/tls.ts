/**
 * Secure ADS handshake benchmark (`npm run bench:tls`; `-- --write-docs` also rewrites the "Secure ADS handshake"
 * section of docs/benchmarks.md). One iteration = TCP connect + TLS 1.2 handshake + TlsConnectInfo + one ADS
 * ReadState, then close, against a virtual target in this process. Our engine and Node's own `tls` (OpenSSL) take
 * turns against the same target in the same run, so the ratio is fair to both.
 */
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

const WARMUP = 5;
const ITERATIONS = 30;
const RATIO_GOAL = 1.5;
const LOCAL_NETID = '127.0.0.1.1.1';
const HOSTNAME = 'BENCH-PC';

interface Mode {
  name: string;
  options: (connector: TlsConnector) => SecureSessionOptions;
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

async function measure(mode: Mode, netId: string): Promise<{ engine: number[]; node: number[] }> {
  const engine: number[] = [];
  const node: number[] = [];
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    // Alternate so that drift (GC, CPU frequency) hits both clients alike.
    const e = await once(mode.options(engineConnector), netId);
    const n = await once(mode.options(connectNodeTls), netId);
    if (i >= WARMUP) {
      engine.push(e);
      node.push(n);
    }
  }
  return { engine, node };
}

async function main(): Promise<void> {
  const client = createSelfSignedCertificate({ commonName: `ADS Route Studio ${HOSTNAME}` });
  const ca = createSelfSignedCertificate({
    commonName: 'Bench Root CA',
    isCa: true,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + 3650 * 86_400_000),
  });
  const caClient = issueCertificate(ca, { commonName: HOSTNAME, days: 30 });
  const targets: VirtualTarget[] = [];
  try {
    const ssc = await startVirtualTarget({ name: 'BENCH-SSC', address: '127.0.48.1', psk: [{ identity: 'BENCH', secret: 'bench-psk' }] });
    targets.push(ssc);
    const caServer = issueCertificate(ca, { commonName: 'BENCH-CA', days: 30, ipAddresses: ['127.0.48.2'] });
    const caTarget = await startVirtualTarget({
      name: 'BENCH-CA',
      address: '127.0.48.2',
      ca: { caPem: ca.certPem, certPem: caServer.certPem, keyPem: caServer.keyPem },
    });
    targets.push(caTarget);

    const base = (target: VirtualTarget, connector: TlsConnector) => ({
      host: target.address,
      port: target.ports.tls ?? SECURE_ADS_PORT,
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

    const modes: Mode[] = [
      {
        name: 'SSC (DHE-RSA, ffdhe2048)',
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
        options: (connector) => ({
          ...base(ssc, connector),
          mode: 'psk',
          psk: { identity: 'BENCH', key: derivePskKey('BENCH', 'bench-psk') },
          trust: { kind: 'none' },
          connectInfo: { flags: PSK_FLAGS, netId: LOCAL_NETID, hostname: HOSTNAME },
        }),
      },
      {
        name: 'CA (DHE-RSA, chain + CN check)',
        options: (connector) => ({
          ...base(caTarget, connector),
          mode: 'ca',
          clientCertificate: caClient,
          trust: { kind: 'ca', caPem: [ca.certPem], routeName: 'BENCH-CA', ignoreCn: false },
          connectInfo: { flags: CA_FLAGS, netId: LOCAL_NETID, hostname: HOSTNAME },
        }),
      },
    ];

    const rows: BenchRow[] = [];
    const suites: string[] = [];
    for (const mode of modes) {
      const probe = await openSecureSession(mode.options(engineConnector));
      suites.push(`${mode.name}: ${probe.transport.cipherSuite.name}`);
      probe.close();
      const { engine, node } = await measure(mode, mode.name.startsWith('CA') ? caTarget.netId : ssc.netId);
      const e = median(engine);
      const n = median(node);
      rows.push({
        name: `${mode.name}: median of ${ITERATIONS}`,
        value: e,
        unit: 'ms',
        baseline: n,
        baselineLabel: 'node:tls',
        goal: `≤ ${RATIO_GOAL}x`,
        pass: e <= n * RATIO_GOAL,
      });
    }
    const title =
      'Secure ADS: connect + TLS 1.2 handshake + TlsConnectInfo + ReadState (our engine vs Node tls/OpenSSL, same target, same run)';
    say(renderTextTable(title, rows));
    say(`\nSuites: ${suites.join('; ')}`);
    printJsonIfAsked(rows);
    if (process.argv.includes('--write-docs')) {
      await writeDocsSection(
        'Secure ADS handshake',
        [
          '## Secure ADS handshake',
          '',
          `Measured ${machineLine()}. \`npm run bench:tls\`.`,
          '',
          `One iteration is TCP connect + TLS 1.2 handshake + TlsConnectInfo + one ADS ReadState to AMS port 10000, then close, against a virtual target in the same process (server: Node tls/OpenSSL configured like TwinCAT, ffdhe2048). Our engine and Node's own \`tls\` client (OpenSSL, the same suites, no EMS/ETM/tickets) alternate, ${WARMUP} warm-up rounds then ${ITERATIONS} measured each; the value is our engine's median, the baseline Node's. Goal: ratio ≤ ${RATIO_GOAL}.`,
          '',
          renderMarkdownTable(rows),
          '',
          `Negotiated: ${suites.join('; ')}.`,
        ].join('\n'),
      );
      say('\ndocs/benchmarks.md updated (Secure ADS handshake section).');
    }
  } finally {
    await Promise.all(targets.map((t) => t.stop()));
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
