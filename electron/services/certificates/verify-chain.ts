import { X509Certificate } from 'node:crypto';
import { CertificateError } from './certificate-error';
import { OID, certificateFields, type CertificateFields } from './certificate-fields';
import { pemCertificates } from './der';

export type ChainFailure =
  'expired' | 'not-yet-valid' | 'untrusted' | 'bad-signature' | 'not-a-ca' | 'path-length' | 'weak-signature' | 'wrong-usage' | 'malformed';
export type ChainVerdict = { ok: true } | { ok: false; reason: ChainFailure; message: string };

/** What the leaf must be good for: the certificate a TLS server shows, or the one a TLS client shows. */
export type CertificatePurpose = 'tls-server' | 'tls-client';

/** Longest path we follow; real chains are 1–3 certificates, this only guards against loops. */
const MAX_DEPTH = 8;

/**
 * Signature algorithms accepted on any certificate below the trust anchor. Everything else (MD2, MD5, SHA-1 in any
 * form, RSASSA-PSS whose default hash is SHA-1, unknown ones) is refused: a collision on such a hash lets an attacker
 * turn a harmless signed certificate into a CA or an impersonating server.
 */
const ACCEPTED_SIGNATURES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.11': 'sha256WithRSAEncryption',
  '1.2.840.113549.1.1.12': 'sha384WithRSAEncryption',
  '1.2.840.113549.1.1.13': 'sha512WithRSAEncryption',
  '1.2.840.10045.4.3.2': 'ecdsa-with-SHA256',
  '1.2.840.10045.4.3.3': 'ecdsa-with-SHA384',
  '1.2.840.10045.4.3.4': 'ecdsa-with-SHA512',
  '1.3.101.112': 'Ed25519',
};
const REFUSED_SIGNATURE_NAMES: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.2': 'MD2 with RSA',
  '1.2.840.113549.1.1.4': 'MD5 with RSA',
  '1.2.840.113549.1.1.5': 'SHA-1 with RSA',
  '1.3.14.3.2.29': 'SHA-1 with RSA',
  '1.2.840.10045.4.1': 'ECDSA with SHA-1',
  '1.2.840.10040.4.3': 'DSA with SHA-1',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS',
};

interface Parsed {
  der: Uint8Array;
  x509: X509Certificate;
  fields: CertificateFields;
}

/**
 * Checks a peer's chain (leaf first, DER) against trusted CA certificates (PEM), as a TLS peer of `purpose`:
 * - a trust anchor counts only when the whole DER of a presented certificate equals it, or when it natively verifies
 *   the signature of the certificate below it (node:crypto checkIssued() and verify(), i.e. OpenSSL or BoringSSL);
 * - every signature between leaf and anchor verifies and uses neither MD5 nor SHA-1;
 * - every issuer is a CA (basicConstraints), has keyCertSign where keyUsage is present, and its pathLen holds;
 * - every certificate on the path, the anchor included, is valid at `now`;
 * - the leaf's keyUsage and extendedKeyUsage, where present, allow `purpose`.
 */
export function verifyChain(
  chainDer: Uint8Array[],
  caPem: string[],
  now: Date = new Date(),
  purpose: CertificatePurpose = 'tls-server',
): ChainVerdict {
  let chain: Parsed[];
  let anchors: Parsed[];
  try {
    if (chainDer.length === 0) return failure('malformed', 'the peer sent no certificate');
    chain = chainDer.map(parse);
    anchors = caPem.flatMap((pem) => pemCertificates(pem)).map(parse);
  } catch (error) {
    if (error instanceof CertificateError) return failure('malformed', error.message);
    throw error;
  }
  if (anchors.length === 0) return failure('untrusted', 'no CA certificate is configured');

  const leaf = chain[0] as Parsed;
  const usage = checkLeafUsage(leaf, purpose);
  if (usage) return usage;

  const used = new Set<Parsed>([leaf]);
  let current = leaf;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    // A presented copy of a trust anchor is the anchor only when every byte is the same.
    if (anchors.some((a) => sameDer(a.der, current.der))) return checkCertificate(current, now, true) ?? { ok: true };
    const problem = checkCertificate(current, now);
    if (problem) return problem;

    // Anchors first, so a copy of the CA in the chain never decides anything the configured CA would not.
    const candidates = [...anchors, ...chain.filter((c) => !used.has(c))].filter((c) => c.x509.subject === current.x509.issuer);
    if (candidates.length === 0) return failure('untrusted', `no trusted CA issued "${label(current)}"`);
    let verdict: ChainVerdict | null = null;
    let issuer: Parsed | null = null;
    for (const candidate of candidates) {
      const tried = checkIssuer(candidate, current, depth);
      if (!tried) {
        issuer = candidate;
        break;
      }
      verdict ??= tried;
    }
    if (!issuer) return verdict ?? failure('untrusted', `no trusted CA issued "${label(current)}"`);
    if (anchors.includes(issuer)) return checkCertificate(issuer, now, true) ?? { ok: true };
    used.add(issuer);
    current = issuer;
  }
  return failure('untrusted', `chain longer than ${MAX_DEPTH} certificates`);
}

function parse(der: Uint8Array): Parsed {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(Buffer.from(der));
  } catch {
    throw new CertificateError('certificate-malformed', 'certificate cannot be parsed');
  }
  return { der, x509, fields: certificateFields(der) };
}

/** Validity, and (except for an anchor, which the user chose) the signature algorithm and critical extensions. */
function checkCertificate(cert: Parsed, now: Date, isAnchor = false): ChainVerdict | null {
  const { notBefore, notAfter, signatureOid, unknownCritical } = cert.fields;
  if (now < notBefore) return failure('not-yet-valid', `"${label(cert)}" is valid only from ${notBefore.toISOString()}`);
  if (now > notAfter) return failure('expired', `"${label(cert)}" expired on ${notAfter.toISOString()}`);
  if (isAnchor) return null;
  if (!ACCEPTED_SIGNATURES[signatureOid]) {
    const name = REFUSED_SIGNATURE_NAMES[signatureOid] ?? `algorithm ${signatureOid}`;
    return failure('weak-signature', `"${label(cert)}" is signed with ${name}, which is refused (only SHA-256 or stronger)`);
  }
  if (unknownCritical.length > 0) {
    return failure('untrusted', `"${label(cert)}" has a critical extension this check does not understand (${unknownCritical.join(', ')})`);
  }
  return null;
}

/** null when `issuer` may have issued `child` at `depth` (0 = the leaf) and its signature verifies natively. */
function checkIssuer(issuer: Parsed, child: Parsed, depth: number): ChainVerdict | null {
  const constraints = issuer.fields.basicConstraints;
  if (!constraints?.ca) return failure('not-a-ca', `"${label(issuer)}" is not a CA certificate but appears as issuer of "${label(child)}"`);
  const usage = issuer.fields.keyUsage;
  if (usage && !usage.has('keyCertSign'))
    return failure('not-a-ca', `"${label(issuer)}" may not sign certificates (keyUsage without keyCertSign)`);
  // pathLen counts the CA certificates below the issuer, not the leaf.
  if (constraints.pathLength !== null && depth > constraints.pathLength) {
    return failure('path-length', `"${label(issuer)}" allows ${constraints.pathLength} CA certificate(s) below it, the chain has ${depth}`);
  }
  let verifies = false;
  try {
    verifies = child.x509.checkIssued(issuer.x509) && child.x509.verify(issuer.x509.publicKey);
  } catch {
    verifies = false;
  }
  if (!verifies) return failure('bad-signature', `the signature of "${label(child)}" does not verify with "${label(issuer)}"`);
  return null;
}

function checkLeafUsage(leaf: Parsed, purpose: CertificatePurpose): ChainVerdict | null {
  const role = purpose === 'tls-server' ? 'TLS server' : 'TLS client';
  // Both roles sign with the key in the (EC)DHE and certificate-verify messages of TLS 1.2.
  const usage = leaf.fields.keyUsage;
  if (usage && !usage.has('digitalSignature'))
    return failure(
      'wrong-usage',
      `"${label(leaf)}" may not sign (keyUsage without digitalSignature), so it cannot be a ${role} certificate`,
    );
  const extended = leaf.fields.extendedKeyUsage;
  const wanted = purpose === 'tls-server' ? OID.serverAuth : OID.clientAuth;
  if (extended && !extended.includes(wanted) && !extended.includes(OID.anyExtendedKeyUsage)) {
    return failure(
      'wrong-usage',
      `"${label(leaf)}" is not meant for a ${role} (extendedKeyUsage lacks ${purpose === 'tls-server' ? 'serverAuth' : 'clientAuth'})`,
    );
  }
  return null;
}

function sameDer(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function label(cert: Parsed): string {
  const cn = /(?:^|\n)CN=([^\n]*)/.exec(cert.x509.subject)?.[1];
  return cn ?? 'certificate without CN';
}

function failure(reason: ChainFailure, message: string): ChainVerdict {
  return { ok: false, reason, message };
}
