import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import { forgeAnchorCopy, makeCa, makeLeaf, testKey, type TestCertificate } from '../../services/certificates/testing/forged-certificates';
import { startEchoServer, startOpenSslServer } from '../../services/ads/secure/tls/testing/fixtures';
import { addRouteCommand, type AddRouteJson } from './add-route';
import { bufferIo } from '../testing/buffer-io';

// A Secure ADS port in shared-CA mode whose server certificate must not be trusted. The client has to stop at the
// certificate: no TlsConnectInfo (the first application data) may reach the server, whatever the certificate claims.

const DAY = 86_400_000;
let dir: string;
let caFile: string;
let clientFiles: { cert: string; key: string };
const cases: Array<{ name: string; code: string; chain: () => TestCertificate[] }> = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsroute-ca-trust-'));
  const caKey = testKey();
  const leafKey = testKey();
  const attackerKey = testKey();
  const ca = makeCa('Plant Root CA', caKey);
  const client = makeLeaf('ENG-PC', testKey(), ca);
  caFile = join(dir, 'ca.pem');
  clientFiles = { cert: join(dir, 'client.pem'), key: join(dir, 'client.key') };
  await Promise.all([
    writeFile(caFile, ca.certPem),
    writeFile(clientFiles.cert, client.certPem),
    writeFile(clientFiles.key, client.keyPem),
  ]);
  const notCa = makeLeaf('ordinary device', attackerKey, ca);
  cases.push(
    {
      name: 'forged anchor (CA serial, issuer and signature copied onto another key and CN)',
      code: 'cert-untrusted',
      chain: () => [forgeAnchorCopy(ca, 'CX-PLANT', attackerKey)],
    },
    {
      name: 'leaf signed by a certificate that is not a CA',
      code: 'cert-untrusted',
      chain: () => [makeLeaf('CX-PLANT', leafKey, notCa), notCa],
    },
    {
      name: 'expired leaf',
      code: 'cert-expired',
      chain: () => [
        makeLeaf('CX-PLANT', leafKey, ca, { notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - DAY) }),
      ],
    },
    { name: 'SHA-1-signed leaf', code: 'cert-untrusted', chain: () => [makeLeaf('CX-PLANT', leafKey, ca, { hash: 'sha1' })] },
    { name: 'valid leaf with another CN, no --ignore-cn', code: 'cn-mismatch', chain: () => [makeLeaf('SOMEONE-ELSE', leafKey, ca)] },
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function addRoute(port: number): Promise<{ code: number; json: AddRouteJson }> {
  const io = bufferIo();
  const args = [
    'add-route',
    '127.0.0.1',
    '--secure',
    'ca',
    '--ca',
    caFile,
    '--cert',
    clientFiles.cert,
    '--key',
    clientFiles.key,
    '--route-name',
    'CX-PLANT',
    '--netid',
    '127.0.0.1.1.1',
    '--tls-port',
    String(port),
    '--data-dir',
    dir,
    '--json',
  ];
  const code = await runCli(args, [addRouteCommand], io);
  return { code, json: JSON.parse(io.out) as AddRouteJson };
}

async function chainFiles(chain: TestCertificate[], name: string): Promise<{ cert: string; key: string; chain: string }> {
  const files = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`), chain: join(dir, `${name}-chain.crt`) };
  await Promise.all([
    writeFile(files.cert, chain[0]?.certPem ?? ''),
    writeFile(files.key, chain[0]?.keyPem ?? ''),
    writeFile(
      files.chain,
      chain
        .slice(1)
        .map((c) => c.certPem)
        .join('') ||
        (chain[0]?.certPem ?? ''),
    ),
  ]);
  return files;
}

describe('adsroute add-route --secure ca refuses an untrusted server certificate before sending anything', () => {
  it('against Node TLS: each case fails with its code at the fingerprint step, and the server receives zero bytes of application data', async () => {
    for (const c of cases) {
      const chain = c.chain();
      // SECLEVEL 0 so the server is willing to present even a SHA-1-signed certificate.
      const server = await startEchoServer({
        key: chain[0]?.keyPem,
        cert: chain.map((x) => x.certPem).join(''),
        ciphers: 'DEFAULT:@SECLEVEL=0',
      });
      try {
        const { code, json } = await addRoute(server.port);
        expect(code, c.name).toBe(1);
        expect(json.error?.code, c.name).toBe(c.code);
        expect(json.steps.find((s) => !s.ok)?.name, c.name).toBe('fingerprint');
        expect(
          json.steps.some((s) => s.name === 'credentials'),
          c.name,
        ).toBe(false);
        // The client aborted with an alert inside the handshake: no session ever opened, so no TlsConnectInfo arrived.
        expect((await server.firstClientError).message, c.name).toMatch(/alert bad certificate/i);
        expect(server.sockets, c.name).toHaveLength(0);
        expect(server.received, c.name).toEqual([]);
      } finally {
        await server.close();
      }
    }
  });

  it('against openssl s_server: the handshake never completes and the client sends a bad_certificate alert', async () => {
    for (const [index, c] of cases.entries()) {
      const files = await chainFiles(c.chain(), `case${index}`);
      const server = await startOpenSslServer([
        '-cert',
        files.cert,
        '-key',
        files.key,
        '-cert_chain',
        files.chain,
        '-cipher',
        'DEFAULT:@SECLEVEL=0',
      ]);
      try {
        const { code, json } = await addRoute(server.port);
        expect(code, c.name).toBe(1);
        expect(json.error?.code, c.name).toBe(c.code);
        await server.exited;
        // s_server prints the negotiated cipher only once a handshake has completed.
        expect(server.output(), c.name).not.toMatch(/CIPHER is/);
        expect(server.output(), c.name).toMatch(/alert bad certificate|alert number 42/i);
      } finally {
        await server.stop();
      }
    }
  });
});
