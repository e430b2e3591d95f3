import { spawn } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeUdpMessage, encodeDiscoveryRequest, interpretDiscoveryReply } from '../../shared/protocol/udp48899';
import { createSelfSignedCertificate } from '../services/certificates/self-signed';
import { udpExchange } from './test-support';
import { startVirtualTarget, type VirtualTarget } from './index';

// Addresses 127.0.93.x belong to this file. Debian's nmap and openssl act as independent clients.
const ADDRESS = '127.0.93.1';
/** Accepts EMS in PSK mode (--psk-accept-ems): OpenSSL 3.0's s_client always offers it. */
const LENIENT = '127.0.93.2';
const PSK_IDENTITY = 'Tool_Id';
const PSK_SECRET = 'ToolSecret';

let target: VirtualTarget;
let lenient: VirtualTarget;
let dir: string;

beforeAll(async () => {
  target = await startVirtualTarget({
    address: ADDRESS,
    name: 'TOOLS-PLC',
    psk: [{ identity: PSK_IDENTITY, secret: PSK_SECRET }],
    quirks: { connectInfoTimeoutMs: 500 },
  });
  lenient = await startVirtualTarget({
    address: LENIENT,
    name: 'LENIENT-PLC',
    psk: [{ identity: PSK_IDENTITY, secret: PSK_SECRET }],
    pskAcceptEms: true,
    tls: true,
  });
  dir = await mkdtemp(join(tmpdir(), 'sim-tools-'));
  const client = createSelfSignedCertificate({ commonName: 'openssl-client' });
  await writeFile(join(dir, 'c.pem'), client.certPem);
  await writeFile(join(dir, 'k.pem'), client.keyPem);
});
afterAll(async () => {
  await target.stop();
  await lenient.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs a tool with a closed stdin; resolves with its output once it exits (killed after `timeoutMs`). */
function run(cmd: string, args: string[], timeoutMs = 20_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const sClient = (...args: string[]) => run('openssl', ['s_client', '-connect', `${ADDRESS}:8016`, '-tls1_2', ...args]);
const sClientLenient = (...args: string[]) => run('openssl', ['s_client', '-connect', `${LENIENT}:8016`, '-tls1_2', ...args]);

describe('independent clients', () => {
  it('nmap -sU -p48899 --reason sees the port open (its probe is the discovery request)', async () => {
    const { output } = await run('nmap', ['-n', '-sU', '-p48899', '--reason', ADDRESS], 60_000);
    expect(output).toMatch(/48899\/udp\s+open\s+\S+\s+udp-response/);
  });

  it('openssl s_client completes DHE-RSA-AES256-SHA256 with a client certificate; the server certificate hash is tag 0x12', async () => {
    const brief = await sClient('-brief', '-cipher', 'DHE-RSA-AES256-SHA256', '-cert', join(dir, 'c.pem'), '-key', join(dir, 'k.pem'));
    expect(brief.output).toContain('CONNECTION ESTABLISHED');
    expect(brief.output).toMatch(/Ciphersuite: DHE-RSA-AES256-SHA256/);
    expect(brief.output).toMatch(/Protocol version: TLSv1\.2/);

    const full = await sClient('-cipher', 'DHE-RSA-AES256-SHA256', '-cert', join(dir, 'c.pem'), '-key', join(dir, 'k.pem'));
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(full.output)?.[0];
    expect(pem).toBeDefined();
    const served = createHash('sha256').update(new X509Certificate(pem!).raw).digest('hex');
    const reply = await udpExchange(ADDRESS, 48899, encodeDiscoveryRequest({ netId: '127.0.0.1.1.1' }));
    expect(interpretDiscoveryReply(decodeUdpMessage(new Uint8Array(reply!))).fingerprint).toBe(served);
    expect(full.output).toMatch(/Server Temp Key: DH, 2048 bits/);
  });

  it('refuses ECDHE with the very CBC/SHA suites it accepts with DHE, and TLS 1.3', async () => {
    const before = target.log().filter((e) => e.reason === 'handshake').length;
    // Same AES-CBC ciphers and SHA/SHA-256 MACs the server offers with DHE: only the key exchange differs.
    for (const suite of ['ECDHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES256-SHA']) {
      const ecdhe = await sClient('-brief', '-cipher', suite);
      expect(ecdhe.output, suite).not.toContain('CONNECTION ESTABLISHED');
      expect(ecdhe.output, suite).not.toMatch(/no cipher match/i); // the client really offered the suite
      expect(ecdhe.output, suite).toMatch(/handshake failure/i); // the server answered with an alert
      expect(ecdhe.code, suite).not.toBe(0);
      // Control: the DHE twin of the suite completes against the same server.
      const dhe = await sClient('-brief', '-cipher', suite.replace(/^ECDHE-/, 'DHE-'));
      expect(dhe.output, suite).toContain('CONNECTION ESTABLISHED');
    }
    const tls13 = await run('openssl', ['s_client', '-brief', '-connect', `${ADDRESS}:8016`, '-tls1_3']);
    expect(tls13.output).not.toContain('CONNECTION ESTABLISHED');
    expect(tls13.code).not.toBe(0);
    expect(target.log().filter((e) => e.reason === 'handshake').length - before).toBeGreaterThanOrEqual(3);
  });

  it("refuses OpenSSL's PSK ClientHello by default, since it offers extended master secret (TwinCAT refuses it)", async () => {
    const key = createHash('sha256')
      .update(PSK_IDENTITY.toUpperCase() + PSK_SECRET, 'utf8')
      .digest('hex');
    const psk = await sClient('-brief', '-no_etm', '-psk', key, '-psk_identity', PSK_IDENTITY, '-cipher', 'PSK-AES256-CBC-SHA384');
    expect(psk.output).not.toContain('CONNECTION ESTABLISHED');
    expect(psk.output).toMatch(/handshake failure/i);
    expect(target.log()).toContainEqual(
      expect.objectContaining({ reason: 'psk-extensions', message: expect.stringContaining('extended_master_secret') }),
    );
  });

  it('with --psk-accept-ems, openssl s_client completes PSK-AES256-CBC-SHA384 with the derived key', async () => {
    const key = createHash('sha256')
      .update(PSK_IDENTITY.toUpperCase() + PSK_SECRET, 'utf8')
      .digest('hex');
    const psk = await sClientLenient('-brief', '-psk', key, '-psk_identity', PSK_IDENTITY, '-cipher', 'PSK-AES256-CBC-SHA384');
    expect(psk.output).toContain('CONNECTION ESTABLISHED');
    expect(psk.output).toMatch(/Ciphersuite: PSK-AES256-CBC-SHA384/);
    const wrong = await sClientLenient(
      '-brief',
      '-psk',
      '00'.repeat(32),
      '-psk_identity',
      PSK_IDENTITY,
      '-cipher',
      'PSK-AES256-CBC-SHA384',
    );
    expect(wrong.output).not.toContain('CONNECTION ESTABLISHED');
  });
});
