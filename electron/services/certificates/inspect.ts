import { createHash } from 'node:crypto';
import type forge from 'node-forge';
import { certificateDer, parseCertificate } from './der';

export interface CertificateDescription {
  subject: string;
  issuer: string;
  commonName: string | null;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER encoding, 64 lower-case hex digits (the Secure ADS fingerprint). */
  fingerprint: string;
  selfSigned: boolean;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The Secure ADS fingerprint: SHA-256 over the certificate's DER bytes, lower-case hex. */
export function fingerprintOfCertificate(pemOrDer: string | Uint8Array): string {
  return sha256Hex(certificateDer(pemOrDer));
}

export function describeCertificate(pemOrDer: string | Uint8Array): CertificateDescription {
  const der = certificateDer(pemOrDer);
  const cert = parseCertificate(der);
  return {
    subject: distinguishedName(cert.subject),
    issuer: distinguishedName(cert.issuer),
    commonName: commonNameOf(cert),
    notBefore: cert.validity.notBefore.toISOString(),
    notAfter: cert.validity.notAfter.toISOString(),
    fingerprint: sha256Hex(der),
    selfSigned: isSelfSigned(cert),
  };
}

export function commonNameOf(cert: forge.pki.Certificate): string | null {
  const value = cert.subject.getField('CN')?.value as unknown;
  return typeof value === 'string' ? value : null;
}

/** Issuer equals subject and the certificate's own key verifies its signature. */
export function isSelfSigned(cert: forge.pki.Certificate): boolean {
  if (!cert.isIssuer(cert)) return false;
  try {
    return cert.verify(cert);
  } catch {
    return false;
  }
}

function distinguishedName(name: forge.pki.Certificate['subject']): string {
  return name.attributes.map((a) => `${a.shortName ?? a.name ?? a.type}=${String(a.value)}`).join(', ');
}
