import { createPrivateKey, type KeyObject } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { CertificateError } from './certificate-error';
import { derToPem, parseCertificate, pemCertificates } from './der';
import { readUserFile } from './user-file';

export interface LoadedCertificate {
  /** The first certificate of the file. */
  der: Uint8Array;
  pem: string;
  /** Every certificate in the file (a PEM may hold a chain), leaf first. */
  chainDer: Uint8Array[];
}

/** Reads a .pem/.crt (one or more PEM blocks) or a .der file; the format is detected from the content. */
export async function loadCertificateFile(path: string): Promise<LoadedCertificate> {
  const bytes = await readOrThrow(path, 'certificate');
  const name = basename(path);
  const text = bytes.toString('latin1');
  let chainDer: Uint8Array[];
  try {
    chainDer = text.includes('-----BEGIN') ? pemCertificates(text) : [new Uint8Array(bytes)];
  } catch {
    throw new CertificateError('certificate-malformed', `${name}: not a valid PEM certificate`);
  }
  const first = chainDer[0];
  if (!first) throw new CertificateError('certificate-malformed', `${name}: holds no certificate`);
  for (const der of chainDer) {
    try {
      parseCertificate(der);
    } catch {
      throw new CertificateError('certificate-malformed', `${name}: not a valid X.509 certificate (PEM or DER)`);
    }
  }
  return { der: first, pem: derToPem(first), chainDer };
}

/**
 * Reads an RSA/EC private key (PEM PKCS#1/PKCS#8/SEC1, encrypted PEM or PKCS#8 with `password`, or DER)
 * and returns it as unencrypted PKCS#8 PEM. Error messages never contain the password or key bytes.
 */
export async function loadPrivateKeyFile(path: string, password?: string): Promise<string> {
  const bytes = await readOrThrow(path, 'key');
  const name = basename(path);
  const key = parsePrivateKey(bytes, password, name);
  return key.export({ format: 'pem', type: 'pkcs8' }).toString();
}

export function parsePrivateKey(bytes: Buffer, password: string | undefined, name: string): KeyObject {
  const isPem = bytes.includes('-----BEGIN');
  const attempts: Array<Parameters<typeof createPrivateKey>[0]> = isPem
    ? [{ key: bytes, format: 'pem', passphrase: password }]
    : [
        { key: bytes, format: 'der', type: 'pkcs8', passphrase: password },
        { key: bytes, format: 'der', type: 'pkcs1' },
        { key: bytes, format: 'der', type: 'sec1' },
      ];
  let lastCode = '';
  for (const attempt of attempts) {
    try {
      return createPrivateKey(attempt);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      lastCode = typeof code === 'string' ? code : '';
      if (lastCode === 'ERR_MISSING_PASSPHRASE') break;
    }
  }
  const encrypted = isPem ? /ENCRYPTED/.test(bytes.toString('latin1')) : lastCode === 'ERR_MISSING_PASSPHRASE';
  if (lastCode === 'ERR_MISSING_PASSPHRASE' || (encrypted && password === undefined)) {
    throw new CertificateError('key-password-required', `${name}: the private key is encrypted; a key password is needed`);
  }
  if (encrypted) throw new CertificateError('key-bad-password', `${name}: the key password is wrong`);
  throw new CertificateError('key-malformed', `${name}: not a readable private key (PEM or DER)`);
}

/** Only a regular file of at most 1 MiB: a device such as /dev/zero, a FIFO or a huge file is refused unread. */
function readOrThrow(path: string, what: string): Promise<Buffer> {
  // Relative paths are the CLI's (relative to where it runs); the UI always sends absolute ones.
  return readUserFile(resolve(path), what);
}
