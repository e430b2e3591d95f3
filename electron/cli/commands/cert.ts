import { chmod, mkdir, open } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CA_DEFAULT_DAYS, DEVICE_DEFAULT_DAYS } from '../../../shared/ipc/channels/certificates';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { defaultDataDir } from '../../services/app/data-dir';
import { CertificatesService } from '../../services/certificates/certificates-service';
import { CertificateError } from '../../services/certificates/certificate-error';
import { certificateDetails, certificatesInBytes, type CertificateDetails } from '../../services/certificates/certificate-details';
import { CA_CERT_FILE, CA_KEY_FILE, fileNameFor } from '../../services/certificates/certificate-store';
import { issueDevice } from '../../services/certificates/device-certificates';
import { parsePrivateKey } from '../../services/certificates/load-files';
import { buildRootCa, type CaKeySize } from '../../services/certificates/plant-ca';
import { exportPrivateKey } from '../../services/certificates/private-key';
import { readUserFile } from '../../services/certificates/user-file';
import { UsageError, type CliCommand, type CliIo } from '../command';
import { parseArgs } from '../run-cli';

const USAGE = `Usage: adsroute cert <ca|issue|inspect|identity> [options]

Certificates for Secure ADS with a shared CA, made without OpenSSL (same engine as the Certificates page).

  adsroute cert ca --out DIR [--cn NAME] [--days N] [--bits N] [--key-password-stdin] [--json]
      A root CA: writes DIR/rootCA.pem and DIR/rootCA.key (mode 0600). Default CN "Plant Root CA",
      ${CA_DEFAULT_DAYS} days, 2048 bits (2048, 3072 or 4096). --key-password-stdin encrypts the key with the password
      read from standard input (recommended).
  adsroute cert issue --ca-dir DIR --cn NAME [--days N] [--out DIR] [--key-password-stdin] [--ca-password-stdin] [--json]
      A device certificate signed by DIR/rootCA.pem + rootCA.key: writes NAME.crt and NAME.key into --out (default:
      the current folder). NAME is the route name or address used to connect (TwinCAT compares it with the CN).
      Default ${DEVICE_DEFAULT_DAYS} days, SHA-256, serverAuth + clientAuth. --key-password-stdin encrypts NAME.key (TwinCAT's
      <KeyPwd>); --ca-password-stdin opens an encrypted rootCA.key. With both, standard input holds two lines: the
      CA password first, then the key password.
  adsroute cert inspect FILE [--ca FILE] [--json]
      Any PEM or DER certificate: subject, issuer, validity, key, SHA-256 fingerprint, and with --ca whether it
      chains to that CA (the check the Secure ADS client makes). --json prints {subject, issuer, notBefore,
      notAfter, fingerprint, keyType, keyBits, signatureAlgorithm, selfSigned, chainsToCa, chainProblem}.
  adsroute cert identity [--data-dir DIR] [--json]
      This PC's Secure ADS client certificate (made on first use), and this PC's own TwinCAT self-signed
      certificate when it can be read.

Existing files are never overwritten: choose another folder.
Exit status: 0 done; 1 failed (unreadable file, wrong password, file exists, or for inspect --ca: does not chain);
2 usage error.`;

const CA_KEY_BITS = [2048, 3072, 4096] as const;

/** `adsroute cert …`: the plant CA, device certificates, inspection and this PC's identity. */
export const certCommand: CliCommand = {
  name: 'cert',
  summary: "make a plant CA and device certificates, inspect certificates, show this PC's identity",
  usage: USAGE,
  async run(argv, io) {
    const [sub, ...rest] = argv;
    switch (sub) {
      case 'ca':
        return caCommand(rest, io);
      case 'issue':
        return issueCommand(rest, io);
      case 'inspect':
        return inspectCommand(rest, io);
      case 'identity':
        return identityCommand(rest, io);
      default:
        throw new UsageError(sub ? `unknown cert command '${sub}'` : 'name a cert command: ca, issue, inspect or identity');
    }
  },
};

async function caCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      out: { type: 'string' },
      cn: { type: 'string' },
      days: { type: 'string' },
      bits: { type: 'string' },
      'key-password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (!values.out) throw new UsageError('--out DIR is required');
  const days = daysOption(values.days, CA_DEFAULT_DAYS);
  const bits = values.bits === undefined ? 2048 : Number(values.bits);
  if (!CA_KEY_BITS.includes(bits as CaKeySize)) throw new UsageError('--bits must be 2048, 3072 or 4096');
  const cn = cnOption(values.cn ?? 'Plant Root CA', '--cn');
  const [password] = values['key-password-stdin'] ? await stdinPasswords(io, 1) : [];
  const out = resolve(values.out);
  const ca = buildRootCa({ subject: { CN: cn }, keyBits: bits as CaKeySize, days });
  await mkdir(out, { recursive: true });
  const keyPath = join(out, CA_KEY_FILE);
  const certPath = join(out, CA_CERT_FILE);
  await writeNew(keyPath, exportPrivateKey(ca.keyPem, password), 0o600);
  await writeNew(certPath, ca.certPem, 0o644);
  const details = describe(ca.certPem);
  return written(io, values.json === true, { certificate: certPath, key: keyPath, keyEncrypted: Boolean(password), ...summary(details) });
}

async function issueCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      'ca-dir': { type: 'string' },
      cn: { type: 'string' },
      days: { type: 'string' },
      out: { type: 'string' },
      'key-password-stdin': { type: 'boolean' },
      'ca-password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  if (!values['ca-dir']) throw new UsageError('--ca-dir DIR is required (the folder with rootCA.pem and rootCA.key)');
  if (values.cn === undefined) throw new UsageError('--cn NAME is required: the route name or address used to connect');
  const cn = cnOption(values.cn, '--cn');
  const fileName = fileNameFor(cn);
  const days = daysOption(values.days, DEVICE_DEFAULT_DAYS);
  const wanted = Number(Boolean(values['ca-password-stdin'])) + Number(Boolean(values['key-password-stdin']));
  const passwords = wanted ? await stdinPasswords(io, wanted) : [];
  const caPassword = values['ca-password-stdin'] ? passwords.shift() : undefined;
  const keyPassword = values['key-password-stdin'] ? passwords.shift() : undefined;

  const caDirPath = resolve(values['ca-dir']);
  const certPem = await readUserFile(join(caDirPath, CA_CERT_FILE), CA_CERT_FILE)
    .then((bytes) => bytes.toString('utf8'))
    .catch(() => {
      throw new CertificateError('ca-missing', `${join(caDirPath, CA_CERT_FILE)} cannot be read`);
    });
  const keyBytes = await readUserFile(join(caDirPath, CA_KEY_FILE), CA_KEY_FILE).catch(() => {
    throw new CertificateError('ca-missing', `${join(caDirPath, CA_KEY_FILE)} cannot be read`);
  });
  let caKey;
  try {
    caKey = parsePrivateKey(keyBytes, caPassword, CA_KEY_FILE);
  } catch (error) {
    if (error instanceof CertificateError && error.code === 'key-password-required') {
      throw new UsageError('rootCA.key is encrypted: give its password with --ca-password-stdin');
    }
    throw error;
  }
  if (!describe(certPem).isCa) throw new CertificateError('ca-invalid', `${CA_CERT_FILE} is not a CA certificate`);
  const issued = issueDevice(
    { certPem, keyPem: caKey.export({ format: 'pem', type: 'pkcs8' }).toString() },
    { commonName: cn, days, keyPassword },
  );
  const out = resolve(values.out ?? '.');
  await mkdir(out, { recursive: true });
  const keyPath = join(out, `${fileName}.key`);
  const crtPath = join(out, `${fileName}.crt`);
  await writeNew(keyPath, issued.keyPem, 0o600);
  await writeNew(crtPath, issued.certPem, 0o644);
  return written(io, values.json === true, {
    certificate: crtPath,
    key: keyPath,
    keyEncrypted: Boolean(keyPassword),
    ...summary(describe(issued.certPem)),
  });
}

async function inspectCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: { ca: { type: 'string' }, json: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('give exactly one FILE');
  const service = new CertificatesService(defaultDataDir(), { twincatFolders: [] });
  const result = await service.inspect(resolve(file), values.ca ? resolve(values.ca) : undefined);
  const leaf = result.certificates[0] as CertificateDetails;
  const verdict = result.chainsToCa;
  const report = {
    ...summary(leaf),
    keyType: leaf.keyType,
    signatureAlgorithm: leaf.signatureAlgorithm,
    chainsToCa: verdict ? verdict.ok : null,
    chainProblem: verdict && !verdict.ok ? verdict.message : null,
  };
  if (values.json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(
      [
        `Subject:      ${report.subject}`,
        `Issuer:       ${report.issuer}${report.selfSigned ? ' (self-signed)' : ''}`,
        `Valid:        ${report.notBefore} .. ${report.notAfter}`,
        `Key:          ${leaf.keyType.toUpperCase()} ${leaf.keyBits ?? '?'} bit, signed with ${leaf.signatureAlgorithm}`,
        `Fingerprint:  ${formatFingerprint(leaf.fingerprint, 'grouped')} (SHA-256)`,
        ...(result.certificates.length > 1 ? [`Chain:        ${result.certificates.length} certificates in the file`] : []),
        ...(verdict ? [`Chains to CA: ${verdict.ok ? 'yes' : `no: ${verdict.message}`}`] : []),
      ].join('\n') + '\n',
    );
  }
  return verdict && !verdict.ok ? 1 : 0;
}

async function identityCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } },
  });
  const service = new CertificatesService(values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir());
  const identity = await service.identityDetails();
  const c = identity.certificate;
  if (values.json) {
    io.stdout(
      `${JSON.stringify({ ...summary(c), keyType: c.keyType, path: identity.certPath, hostname: identity.hostname, twincat: twincatJson(identity.twincat) }, null, 2)}\n`,
    );
    return 0;
  }
  const tc = identity.twincat;
  io.stdout(
    [
      `This PC's client certificate (${identity.certPath})`,
      `  Fingerprint: ${formatFingerprint(c.fingerprint, 'grouped')}`,
      `  Subject:     ${c.subject}`,
      `  Valid:       ${c.notBefore} .. ${c.notAfter}`,
      `  Key:         ${c.keyType.toUpperCase()} ${c.keyBits ?? '?'} bit`,
      tc.status === 'found'
        ? `This PC's TwinCAT certificate (${tc.path})\n  Fingerprint: ${formatFingerprint(tc.certificate.fingerprint, 'grouped')}`
        : tc.status === 'unreadable'
          ? `This PC's TwinCAT certificate could not be read: ${tc.path}: ${tc.reason}`
          : 'No TwinCAT found on this PC',
    ].join('\n') + '\n',
  );
  return 0;
}

function twincatJson(tc: Awaited<ReturnType<CertificatesService['identityDetails']>>['twincat']) {
  if (tc.status === 'found')
    return { status: tc.status, path: tc.path, fingerprint: tc.certificate.fingerprint, subject: tc.certificate.subject };
  return tc;
}

function describe(pem: string): CertificateDetails {
  return certificateDetails(certificatesInBytes(Buffer.from(pem), 'certificate')[0] as Uint8Array);
}

function summary(c: CertificateDetails) {
  return {
    subject: c.subject,
    issuer: c.issuer,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    fingerprint: c.fingerprint,
    keyBits: c.keyBits,
    selfSigned: c.selfSigned,
  };
}

function written(
  io: CliIo,
  json: boolean,
  report: { certificate: string; key: string; keyEncrypted: boolean } & ReturnType<typeof summary>,
): number {
  if (json) {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    io.stdout(
      [
        `wrote ${report.certificate}`,
        `wrote ${report.key} (mode 0600${report.keyEncrypted ? ', encrypted' : ', NOT encrypted'})`,
        `  Subject:     ${report.subject}`,
        `  Valid until: ${report.notAfter}`,
        `  Fingerprint: ${formatFingerprint(report.fingerprint, 'grouped')}`,
      ].join('\n') + '\n',
    );
  }
  return 0;
}

/** Creates `path` only if it does not exist yet: a CLI run must never replace someone's certificate or key. */
async function writeNew(path: string, data: string, mode: number): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'wx', mode);
  } catch (error) {
    if ((error as { code?: unknown }).code === 'EEXIST')
      throw new CertificateError('file-refused', `${path} exists already; choose another folder`);
    throw error;
  }
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(path, mode).catch(() => undefined);
}

async function stdinPasswords(io: CliIo, count: number): Promise<string[]> {
  const lines = (await io.readStdin()).split(/\r?\n/);
  const passwords = lines.slice(0, count);
  if (passwords.length < count || passwords.some((p) => p.length === 0)) {
    throw new UsageError(count === 1 ? 'standard input holds no password' : `standard input must hold ${count} passwords, one per line`);
  }
  return passwords;
}

function daysOption(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 36_500) throw new UsageError('--days must be a whole number of days, 1 to 36500');
  return n;
}

function cnOption(value: string, flag: string): string {
  const cn = value.trim();
  if (!cn || cn.length > 64) throw new UsageError(`${flag} needs 1 to 64 characters`);
  return cn;
}
