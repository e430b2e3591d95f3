import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { certificateDetails, type CertificateDetails } from './certificate-details';
import { pemCertificates } from './der';

export const TC_SELF_SIGNED_FILE = 'TcSelfSigned.xml';

/**
 * Folders where this PC's TwinCAT keeps its Target files, most specific first: $TWINCAT3DIR\Target (4026 and later
 * set it), the 4024 default C:\TwinCAT\3.1\Target, the 4026 default under Program Files, and TwinCAT/BSD's.
 */
export function twinCatTargetCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  const fromEnv = env.TWINCAT3DIR?.trim();
  const join3 = (base: string) => (platform === 'win32' ? `${base.replace(/[\\/]+$/, '')}\\Target` : join(base, 'Target'));
  const candidates = fromEnv ? [join3(fromEnv)] : [];
  if (platform === 'win32') {
    candidates.push('C:\\TwinCAT\\3.1\\Target', `${env['ProgramFiles(x86)'] ?? 'C:\\Program Files (x86)'}\\Beckhoff\\TwinCAT\\3.1\\Target`);
  } else {
    candidates.push('/usr/local/etc/TwinCAT/3.1/Target');
  }
  return [...new Set(candidates)];
}

/** The first candidate that exists as a folder, or null: this PC has no TwinCAT (or keeps it elsewhere). */
export async function findTwinCatTargetFolder(candidates: readonly string[]): Promise<string | null> {
  for (const folder of candidates) {
    try {
      if ((await stat(folder)).isDirectory()) return folder;
    } catch {
      // Not this one.
    }
  }
  return null;
}

export type TwinCatSelfSigned =
  | { status: 'found'; path: string; certificate: CertificateDetails }
  | { status: 'no-twincat'; searched: string[] }
  | { status: 'unreadable'; path: string; reason: string };

/**
 * This PC's own TwinCAT self-signed certificate. TcSelfSigned.xml's format is not public, so this only looks for a
 * PEM certificate anywhere inside it and says plainly when there is none.
 */
export async function readTwinCatSelfSigned(candidates: readonly string[]): Promise<TwinCatSelfSigned> {
  const folder = await findTwinCatTargetFolder(candidates);
  if (!folder) return { status: 'no-twincat', searched: [...candidates] };
  const path = join(folder, TC_SELF_SIGNED_FILE);
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > 1024 * 1024) return { status: 'unreadable', path, reason: 'not a regular file of at most 1 MiB' };
    text = await readFile(path, 'latin1');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const reason =
      code === 'ENOENT'
        ? 'the file does not exist (TwinCAT creates it at its first start)'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : 'the file cannot be read';
    return { status: 'unreadable', path, reason };
  }
  try {
    const der = pemCertificates(text)[0];
    if (!der) return { status: 'unreadable', path, reason: 'no PEM certificate found inside (the file format is not public)' };
    return { status: 'found', path, certificate: certificateDetails(der, TC_SELF_SIGNED_FILE) };
  } catch {
    return { status: 'unreadable', path, reason: 'the certificate inside is not valid' };
  }
}
