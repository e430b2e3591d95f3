import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTls, derivePsk } from './index';
import { TestMaterial, startOpenSslServer, type TestCredentials } from './testing/fixtures';

const material = new TestMaterial();
let server: TestCredentials;
let client: TestCredentials;
let dhFile: string;

beforeAll(() => {
  server = material.rsaCertificate('s-server');
  client = material.rsaCertificate('ADS Client');
  dhFile = material.dhParams(2048).file;
});
afterAll(() => material.cleanup());

/** s_server -rev answers each line reversed: proof that both directions decrypt. */
async function reversedEcho(port: number, options: Parameters<typeof connectTls>[0]): Promise<{ answer: string; suite: string }> {
  const conn = await connectTls({ ...options, host: '127.0.0.1', port });
  await conn.write(new TextEncoder().encode('secure ads\n'));
  let answer = '';
  while (!answer.includes('sda eruces')) {
    const chunk = await conn.read();
    if (!chunk) break;
    answer += new TextDecoder().decode(chunk);
  }
  await conn.end();
  return { answer, suite: conn.cipherSuite.name };
}

describe('openssl s_server -tls1_2 (second independent implementation)', () => {
  for (const suite of [
    'ECDHE-RSA-AES128-GCM-SHA256',
    'ECDHE-RSA-AES256-GCM-SHA384',
    'DHE-RSA-AES256-SHA256',
    'DHE-RSA-AES128-SHA256',
    'DHE-RSA-AES256-SHA',
    'DHE-RSA-AES128-SHA',
  ]) {
    it(`${suite} with a required client certificate`, async () => {
      const s = await startOpenSslServer([
        '-rev',
        '-cert',
        server.certFile,
        '-key',
        server.keyFile,
        '-cipher',
        suite,
        '-dhparam',
        dhFile,
        '-Verify',
        '1',
      ]);
      try {
        const r = await reversedEcho(s.port, {
          host: '',
          port: 0,
          mode: 'certificate',
          clientCertificate: { certPem: client.certPem, keyPem: client.keyPem },
        });
        expect(r.suite).toBe(suite);
        expect(r.answer).toContain('sda eruces');
        expect(s.output()).toContain('CN = ADS Client');
      } finally {
        await s.stop();
      }
    });
  }

  for (const suite of ['PSK-AES256-CBC-SHA384', 'PSK-AES128-CBC-SHA256', 'PSK-AES256-CBC-SHA', 'PSK-AES128-CBC-SHA']) {
    it(`${suite} with -nocert`, async () => {
      const key = derivePsk('MY_IDENTITY', 'MySecret');
      const s = await startOpenSslServer([
        '-rev',
        '-nocert',
        '-psk',
        Buffer.from(key).toString('hex'),
        '-psk_identity',
        'MY_IDENTITY',
        '-cipher',
        suite,
      ]);
      try {
        const r = await reversedEcho(s.port, { host: '', port: 0, mode: 'psk', psk: { identity: 'MY_IDENTITY', key } });
        expect(r.suite).toBe(suite);
        expect(r.answer).toContain('sda eruces');
      } finally {
        await s.stop();
      }
    });
  }
});
