import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import { certCommand } from './cert';
import { bufferIo } from '../testing/buffer-io';

async function cert(args: string[], stdin = '') {
  const io = bufferIo(stdin);
  const code = await runCli(['cert', ...args], [certCommand], io);
  return { code, io, json: () => JSON.parse(io.out) as Record<string, unknown> };
}

const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' }).toString();
const DAY = 86_400_000;
let dir: string;
let caDir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'adsroute-cert-'));
  caDir = join(dir, 'ca');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('adsroute cert', () => {
  it('ca: a 4096-bit root CA with the CN and days asked for, key 0600 and encrypted with the password from stdin', async () => {
    const { code, io, json } = await cert(
      ['ca', '--out', caDir, '--cn', 'Cell 4 CA', '--days', '1000', '--bits', '4096', '--key-password-stdin', '--json'],
      'ca-secret-1\n',
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(json()).toMatchObject({
      subject: 'CN=Cell 4 CA',
      selfSigned: true,
      keyBits: 4096,
      keyEncrypted: true,
      key: join(caDir, 'rootCA.key'),
    });
    const text = openssl('x509', '-in', join(caDir, 'rootCA.pem'), '-noout', '-text');
    expect(text).toContain('Public-Key: (4096 bit)');
    expect(text).toContain('sha256WithRSAEncryption');
    expect(text).toMatch(/CA:TRUE/);
    expect(Math.abs(Date.parse(/Not After : (.+)/.exec(text)?.[1] ?? '') - (Date.now() + 1000 * DAY))).toBeLessThan(10 * 60_000);
    expect((await stat(join(caDir, 'rootCA.key'))).mode & 0o777).toBe(0o600);
    expect(openssl('pkey', '-in', join(caDir, 'rootCA.key'), '-passin', 'pass:ca-secret-1', '-noout', '-text')).toContain('4096 bit');
    expect(io.out).not.toContain('ca-secret-1');
  });

  it('issue: NAME.crt that `openssl verify` accepts and NAME.key encrypted with the second stdin line', async () => {
    const out = join(dir, 'devices');
    const { code, io } = await cert(
      ['issue', '--ca-dir', caDir, '--cn', '192.168.2.1', '--days', '360', '--out', out, '--ca-password-stdin', '--key-password-stdin'],
      'ca-secret-1\nkey-pw-2\n',
    );
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toContain(`wrote ${join(out, '192.168.2.1.crt')}`);
    expect(io.out).toContain('(mode 0600, encrypted)');
    expect(openssl('verify', '-CAfile', join(caDir, 'rootCA.pem'), join(out, '192.168.2.1.crt')).trim()).toBe(
      `${join(out, '192.168.2.1.crt')}: OK`,
    );
    const text = openssl('x509', '-in', join(out, '192.168.2.1.crt'), '-noout', '-text');
    expect(text).toContain('Subject: CN = 192.168.2.1');
    expect(text).toContain('Public-Key: (2048 bit)');
    expect(text).toContain('IP Address:192.168.2.1');
    expect(openssl('pkey', '-in', join(out, '192.168.2.1.key'), '-passin', 'pass:key-pw-2', '-noout', '-text')).toContain('2048 bit');
    expect(spawnSync('openssl', ['pkey', '-in', join(out, '192.168.2.1.key'), '-passin', 'pass:wrong', '-noout']).status).not.toBe(0);

    // The same again: the files exist, nothing is replaced.
    const before = await readFile(join(out, '192.168.2.1.crt'), 'utf8');
    const again = await cert(['issue', '--ca-dir', caDir, '--cn', '192.168.2.1', '--out', out, '--ca-password-stdin'], 'ca-secret-1\n');
    expect(again.code).toBe(1);
    expect(again.io.err).toContain('exists already; choose another folder');
    expect(await readFile(join(out, '192.168.2.1.crt'), 'utf8')).toBe(before);
  });

  it('issue: an encrypted CA key without --ca-password-stdin, or the wrong password, fails without echoing it', async () => {
    const missing = await cert(['issue', '--ca-dir', caDir, '--cn', 'PLC-1', '--out', join(dir, 'x')]);
    expect(missing.code).toBe(2);
    expect(missing.io.err).toContain('rootCA.key is encrypted: give its password with --ca-password-stdin');
    const wrong = await cert(['issue', '--ca-dir', caDir, '--cn', 'PLC-1', '--out', join(dir, 'x'), '--ca-password-stdin'], 'not-it\n');
    expect(wrong.code).toBe(1);
    expect(wrong.io.err).toContain('the key password is wrong');
    expect(wrong.io.err).not.toContain('not-it');
  });

  it('inspect --json: the fields asked for, chainsToCa true for its CA (exit 0) and false for another (exit 1)', async () => {
    const crt = join(dir, 'devices', '192.168.2.1.crt');
    const good = await cert(['inspect', crt, '--ca', join(caDir, 'rootCA.pem'), '--json']);
    expect(good.code).toBe(0);
    const report = good.json();
    expect(Object.keys(report)).toEqual([
      'subject',
      'issuer',
      'notBefore',
      'notAfter',
      'fingerprint',
      'keyBits',
      'selfSigned',
      'keyType',
      'signatureAlgorithm',
      'chainsToCa',
      'chainProblem',
    ]);
    expect(report).toMatchObject({
      subject: 'CN=192.168.2.1',
      issuer: 'CN=Cell 4 CA',
      keyBits: 2048,
      selfSigned: false,
      chainsToCa: true,
      chainProblem: null,
    });
    const fingerprint = openssl('x509', '-in', crt, '-noout', '-fingerprint', '-sha256')
      .split('=')[1]!
      .trim()
      .replace(/:/g, '')
      .toLowerCase();
    expect(report.fingerprint).toBe(fingerprint);

    const other = join(dir, 'other');
    expect((await cert(['ca', '--out', other, '--cn', 'Other CA'])).code).toBe(0);
    const bad = await cert(['inspect', crt, '--ca', join(other, 'rootCA.pem'), '--json']);
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({ chainsToCa: false, chainProblem: 'no trusted CA issued "192.168.2.1"' });
    const plain = await cert(['inspect', join(caDir, 'rootCA.pem')]);
    expect(plain.code).toBe(0);
    expect(plain.io.out).toContain('Issuer:       CN=Cell 4 CA (self-signed)');
    expect(plain.io.out).toContain('Key:          RSA 4096 bit, signed with sha256WithRSAEncryption');
  });

  it("identity: this PC's client certificate, the same fingerprint as the file", async () => {
    const data = join(dir, 'data');
    const { code, json } = await cert(['identity', '--data-dir', data, '--json']);
    expect(code).toBe(0);
    const pem = await readFile(join(data, 'client-certificate.pem'), 'utf8');
    expect(json()).toMatchObject({ path: join(data, 'client-certificate.pem'), keyBits: 2048, notAfter: '2061-01-01T00:00:00.000Z' });
    expect(json().fingerprint).toBe(
      execFileSync('openssl', ['x509', '-noout', '-fingerprint', '-sha256'], { input: pem })
        .toString()
        .split('=')[1]!
        .trim()
        .replace(/:/g, '')
        .toLowerCase(),
    );
  });

  it('usage errors exit 2 with the usage text', async () => {
    for (const args of [
      ['ca'],
      ['ca', '--out', join(dir, 'u'), '--bits', '1024'],
      ['issue', '--ca-dir', caDir],
      ['inspect'],
      ['frobnicate'],
      [],
      ['ca', '--out', join(dir, 'u'), '--days', '0'],
    ]) {
      const { code, io } = await cert(args);
      expect(code, args.join(' ')).toBe(2);
      expect(io.err).toContain('Usage: adsroute cert');
    }
    await writeFile(join(dir, 'junk.pem'), 'junk');
    expect((await cert(['inspect', join(dir, 'junk.pem')])).code).toBe(1);
  });
});
