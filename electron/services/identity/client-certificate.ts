import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createSelfSignedCertificate, describeCertificate } from '../certificates/index';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-write';

export interface ClientCertificate {
  certPem: string;
  keyPem: string;
  /** SHA-256 of the DER, 64 lower-case hex: what the target stores for an SSC route. */
  fingerprint: string;
  subject: string;
  notAfter: string;
}

export const CERT_FILE = 'client-certificate.pem';
export const KEY_FILE = 'client-key.pem';

/**
 * This PC's Secure ADS client certificate: made once, then reused, because an SSC route on the target is bound to its
 * fingerprint. Same validity as TwinCAT's own (2000-01-01 .. 2061-01-01) so a wrong clock never breaks it.
 */
export async function loadOrCreateClientCertificate(dataDir: string, hostname: string): Promise<ClientCertificate> {
  const certPath = join(dataDir, CERT_FILE);
  const keyPath = join(dataDir, KEY_FILE);
  const [certPem, keyPem] = await Promise.all([readTextIfExists(certPath), readTextIfExists(keyPath)]);
  if (certPem && keyPem) return describe(certPem, keyPem);
  return createClientCertificate(dataDir, hostname, false);
}

/**
 * A new client certificate in place of the current one, which is kept as .bak: targets holding a self-signed route
 * to this PC pinned the old fingerprint, and someone may need it back.
 */
export function regenerateClientCertificate(dataDir: string, hostname: string): Promise<ClientCertificate> {
  return createClientCertificate(dataDir, hostname, true);
}

/** Changes whenever the certificate file is replaced, also by another process (the CLI, another window). */
export async function clientCertificateStamp(dataDir: string): Promise<string | null> {
  try {
    const info = await stat(join(dataDir, CERT_FILE));
    return `${info.mtimeMs}:${info.size}:${info.ino}`;
  } catch {
    return null;
  }
}

async function createClientCertificate(dataDir: string, hostname: string, backup: boolean): Promise<ClientCertificate> {
  const certPath = join(dataDir, CERT_FILE);
  const keyPath = join(dataDir, KEY_FILE);
  await mkdir(dataDir, { recursive: true });
  const made = createSelfSignedCertificate({ commonName: `ADS Route Studio ${hostname}`.slice(0, 64) });
  // Key first: a certificate without its key would be useless and would block regeneration.
  await writeFileAtomic(keyPath, made.keyPem, { mode: 0o600, backup });
  await chmod(keyPath, 0o600).catch(() => undefined);
  if (backup) await chmod(`${keyPath}.bak`, 0o600).catch(() => undefined);
  await writeFileAtomic(certPath, made.certPem, { backup });
  return describe(made.certPem, made.keyPem);
}

function describe(certPem: string, keyPem: string): ClientCertificate {
  const d = describeCertificate(certPem);
  return { certPem, keyPem, fingerprint: d.fingerprint, subject: d.subject, notAfter: d.notAfter };
}
