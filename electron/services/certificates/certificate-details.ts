import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { CertificateError } from './certificate-error';
import { pemCertificates } from './der';
import { sha256Hex } from './inspect';

/** What the Inspect view and `adsroute cert inspect` show of one certificate; read with node:crypto's X509Certificate. */
export interface CertificateDetails {
  subject: string;
  issuer: string;
  commonName: string | null;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, 64 lower-case hex (the Secure ADS fingerprint). */
  fingerprint: string;
  /** 'rsa', 'ec', 'ed25519', …, as node:crypto names the public key type. */
  keyType: string;
  /** RSA modulus length or the EC curve's size; null where neither applies. */
  keyBits: number | null;
  /** e.g. "sha256WithRSAEncryption"; the OID when it has no known name. */
  signatureAlgorithm: string;
  serialNumber: string;
  selfSigned: boolean;
  isCa: boolean;
  subjectAltName: string | null;
}

const CURVE_BITS: Readonly<Record<string, number>> = { prime256v1: 256, secp256k1: 256, secp384r1: 384, secp521r1: 521 };

/** Every certificate in a file's bytes: PEM blocks (a chain) or one DER certificate. */
export function certificatesInBytes(bytes: Uint8Array, name: string): Uint8Array[] {
  const text = Buffer.from(bytes).toString('latin1');
  let ders: Uint8Array[];
  try {
    ders = text.includes('-----BEGIN') ? pemCertificates(text) : [new Uint8Array(bytes)];
  } catch {
    throw new CertificateError('certificate-malformed', `${name}: not a valid PEM certificate`);
  }
  if (ders.length === 0)
    throw new CertificateError('certificate-malformed', `${name}: holds no certificate (a PEM file needs -----BEGIN CERTIFICATE-----)`);
  return ders;
}

export function certificateDetails(der: Uint8Array, name = 'certificate'): CertificateDetails {
  let x: X509Certificate;
  try {
    x = new X509Certificate(der);
  } catch {
    throw new CertificateError('certificate-malformed', `${name}: not a valid X.509 certificate (PEM or DER)`);
  }
  const key = x.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyBits = details.modulusLength ?? (details.namedCurve ? (CURVE_BITS[details.namedCurve] ?? null) : null);
  return {
    subject: distinguishedName(x.subject),
    issuer: distinguishedName(x.issuer),
    commonName: commonName(x.subject),
    notBefore: new Date(x.validFrom).toISOString(),
    notAfter: new Date(x.validTo).toISOString(),
    fingerprint: sha256Hex(der),
    keyType: key.asymmetricKeyType ?? 'unknown',
    keyBits,
    signatureAlgorithm: signatureAlgorithm(der),
    serialNumber: x.serialNumber.toLowerCase(),
    selfSigned: isSelfSigned(x),
    isCa: x.ca,
    subjectAltName: x.subjectAltName ?? null,
  };
}

/** Issuer equals subject and the certificate's own key verifies its signature. */
function isSelfSigned(x: X509Certificate): boolean {
  try {
    return x.checkIssued(x) && x.verify(x.publicKey);
  } catch {
    return false;
  }
}

/** node:crypto gives one "KEY=value" per line; shown the way OpenSSL prints it on one line. */
function distinguishedName(lines: string): string {
  return lines.split('\n').filter(Boolean).join(', ');
}

function commonName(lines: string): string | null {
  const line = lines.split('\n').findLast((l) => l.startsWith('CN='));
  return line ? line.slice(3) : null;
}

/** The outer signatureAlgorithm of the certificate; node:crypto does not expose it in Node 20. */
function signatureAlgorithm(der: Uint8Array): string {
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), true);
    const algorithm = (asn1.value as forge.asn1.Asn1[])[1];
    const oidNode = (algorithm?.value as forge.asn1.Asn1[] | undefined)?.[0];
    const oid = forge.asn1.derToOid(oidNode?.value as string);
    const known = (forge.pki.oids as Record<string, string | undefined>)[oid];
    return known ?? oid;
  } catch {
    return 'unknown';
  }
}
