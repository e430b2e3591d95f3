import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../command';
import { runCli } from '../run-cli';
import { makeCertificate, testKey, type TestCertificate } from '../../services/certificates/testing/forged-certificates';
import { startEchoServer } from '../../services/ads/secure/tls/testing/fixtures';
import { addRouteCommand, type AddRouteJson } from './add-route';

// An old target whose certificate holds a 1024-bit RSA key: refused unless the user asks for legacy crypto.
let dir: string;
let oldCert: TestCertificate;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsroute-legacy-'));
  oldCert = makeCertificate({ cn: 'OLD-CX', key: testKey(1024) });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function addRoute(port: number, extra: string[]): Promise<{ code: number; json: AddRouteJson; output: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readStdin: async () => '',
    interrupted: new Promise<void>(() => {}),
  };
  const fingerprint = createHash('sha256').update(oldCert.certDer).digest('hex');
  const args = [
    'add-route',
    '127.0.0.1',
    '--secure',
    'ssc',
    '--fingerprint',
    fingerprint,
    '--user',
    'Administrator',
    '--password',
    'Legacy-pw-9',
    '--netid',
    '127.0.0.1.1.1',
    '--tls-port',
    String(port),
    '--timeout',
    '1000',
    '--data-dir',
    dir,
    '--json',
    ...extra,
  ];
  const code = await runCli(args, [addRouteCommand], io);
  return { code, json: JSON.parse(out) as AddRouteJson, output: out + err };
}

describe('adsroute add-route --legacy-crypto', () => {
  it('without it a 1024-bit server key stops the handshake with a hint; with it the handshake and the pinned fingerprint pass', async () => {
    const server = await startEchoServer({
      key: oldCert.keyPem,
      cert: oldCert.certPem,
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0',
    });
    try {
      const strict = await addRoute(server.port, []);
      expect(strict.code).toBe(1);
      expect(strict.json.error).toMatchObject({ code: 'tls-failed', message: expect.stringContaining('1024 bits') });
      expect(strict.json.steps.find((s) => !s.ok)?.name).toBe('tls');
      expect(server.sockets).toHaveLength(0);

      const legacy = await addRoute(server.port, ['--legacy-crypto']);
      const byName = Object.fromEntries(legacy.json.steps.map((s) => [s.name, s.ok]));
      expect(byName).toMatchObject({ tls: true, fingerprint: true });
      expect(legacy.output).not.toContain('Legacy-pw-9');
    } finally {
      await server.close();
    }
  });
});
