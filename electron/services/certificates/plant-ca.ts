import { X509Certificate } from 'node:crypto';
import { chmod, mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-write';
import { CertificateError } from './certificate-error';
import { CA_CERT_FILE, CA_KEY_FILE, caDir, certificatesDir } from './certificate-store';
import { certificateDetails, certificatesInBytes, type CertificateDetails } from './certificate-details';
import { derToPem } from './der';
import { parsePrivateKey } from './load-files';
import { exportPrivateKey } from './private-key';
import { createSelfSignedCertificate } from './self-signed';
import { readUserFile } from './user-file';

import { CA_DEFAULT_DAYS, type CA_KEY_SIZES } from '../../../shared/ipc/channels/certificates';

export type CaKeySize = (typeof CA_KEY_SIZES)[number];

/** Subject fields in the order OpenSSL's -subj writes them (/C=/ST=/L=/O=/OU=/CN=); empty ones are left out. */
export interface CaSubject {
  C?: string;
  ST?: string;
  L?: string;
  O?: string;
  OU?: string;
  CN: string;
}

export interface CreateCaOptions {
  subject: CaSubject;
  keyBits?: CaKeySize;
  days?: number;
  now?: Date;
}

export interface UnlockedCa {
  certPem: string;
  /** Unencrypted PKCS#8: lives only in memory while certificates are signed. */
  keyPem: string;
}

/** A clock a little behind on the target must not make a brand-new certificate "not yet valid". */
export const BACKDATE_MS = 60 * 60 * 1000;
const DAY_MS = 86_400_000;

/** A root CA like the CA sample's (self-signed, basicConstraints CA, keyCertSign, SHA-256), valid `days` from now. */
export function buildRootCa(options: CreateCaOptions): UnlockedCa {
  const now = options.now ?? new Date();
  const days = options.days ?? CA_DEFAULT_DAYS;
  const { CN, ...rest } = options.subject;
  const fields = (['C', 'ST', 'L', 'O', 'OU'] as const)
    .map((name) => [name, rest[name]?.trim() ?? ''] as [string, string])
    .filter(([, value]) => value.length > 0);
  const made = createSelfSignedCertificate({
    commonName: CN.trim(),
    isCa: true,
    keyBits: options.keyBits ?? 2048,
    subjectFields: fields,
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + days * DAY_MS),
  });
  return { certPem: made.certPem, keyPem: made.keyPem };
}

/** The stored plant CA's certificate, or null when none has been created or loaded. */
export async function readCaCertificate(dataDir: string): Promise<{ pem: string; details: CertificateDetails; path: string } | null> {
  const path = join(caDir(dataDir), CA_CERT_FILE);
  const pem = await readTextIfExists(path);
  if (!pem) return null;
  const der = certificatesInBytes(Buffer.from(pem), CA_CERT_FILE)[0] as Uint8Array;
  return { pem, details: certificateDetails(der, CA_CERT_FILE), path };
}

/** Stores a CA with its key encrypted by `password`; an existing CA is moved aside (never deleted), and only on request. */
export async function storeCa(dataDir: string, ca: UnlockedCa, password: string, replace: boolean): Promise<void> {
  const dir = caDir(dataDir);
  if (await readTextIfExists(join(dir, CA_CERT_FILE))) {
    if (!replace) throw new CertificateError('ca-exists', 'a plant CA exists already; replacing it needs a confirmation');
    await rename(dir, join(certificatesDir(dataDir), `ca-replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`));
  }
  await mkdir(dir, { recursive: true });
  const keyPath = join(dir, CA_KEY_FILE);
  // Key first: a certificate without its key could sign nothing and would hide that the CA is incomplete.
  await writeFileAtomic(keyPath, exportPrivateKey(ca.keyPem, password), { mode: 0o600 });
  await chmod(keyPath, 0o600).catch(() => undefined);
  await writeFileAtomic(join(dir, CA_CERT_FILE), ca.certPem);
}

/** Decrypts the stored CA key with the user's CA password. */
export async function unlockCa(dataDir: string, password: string): Promise<UnlockedCa> {
  const dir = caDir(dataDir);
  const [certPem, keyText] = await Promise.all([readTextIfExists(join(dir, CA_CERT_FILE)), readTextIfExists(join(dir, CA_KEY_FILE))]);
  if (!certPem || !keyText) throw new CertificateError('ca-missing', 'no plant CA yet: create one or load an existing one first');
  try {
    const key = parsePrivateKey(Buffer.from(keyText), password, CA_KEY_FILE);
    return { certPem, keyPem: key.export({ format: 'pem', type: 'pkcs8' }).toString() };
  } catch (error) {
    if (error instanceof CertificateError && (error.code === 'key-bad-password' || error.code === 'key-password-required')) {
      throw new CertificateError('ca-bad-password', 'the CA password is wrong');
    }
    throw error;
  }
}

/**
 * Reads an existing CA from the user's files (PEM or DER certificate, key in any format the client reads) and checks
 * that it can sign here: a CA certificate, an RSA key (node-forge signs with RSA only), and the key that belongs to it.
 */
export async function readExistingCa(certPath: string, keyPath: string, keyPassword: string | undefined): Promise<UnlockedCa> {
  const der = certificatesInBytes(await readUserFile(certPath, 'CA certificate'), 'CA certificate')[0] as Uint8Array;
  const details = certificateDetails(der, 'CA certificate');
  if (!details.isCa)
    throw new CertificateError('ca-invalid', `"${details.subject}" is not a CA certificate (basicConstraints CA:TRUE is missing)`);
  const key = parsePrivateKey(await readUserFile(keyPath, 'CA key'), keyPassword, 'CA key');
  if (key.asymmetricKeyType !== 'rsa')
    throw new CertificateError(
      'key-unsupported',
      `the CA key is ${key.asymmetricKeyType ?? 'of an unknown type'}; only RSA CA keys can sign here`,
    );
  if (!new X509Certificate(der).checkPrivateKey(key)) {
    throw new CertificateError('ca-invalid', 'the key does not belong to this CA certificate');
  }
  return { certPem: derToPem(der), keyPem: key.export({ format: 'pem', type: 'pkcs8' }).toString() };
}
