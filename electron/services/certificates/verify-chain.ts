import type forge from 'node-forge';
import { CertificateError } from './certificate-error';
import { pemCertificates, parseCertificate } from './der';

export type ChainFailure = 'expired' | 'not-yet-valid' | 'untrusted' | 'bad-signature' | 'not-a-ca' | 'malformed';
export type ChainVerdict = { ok: true } | { ok: false; reason: ChainFailure; message: string };

/** Longest path we follow; real chains are 1–3 certificates, this only guards against loops. */
const MAX_DEPTH = 8;

/**
 * Checks a peer's chain (leaf first, DER) against trusted CA certificates (PEM): validity at `now`,
 * each signature, and that every issuer is a CA. A leaf that is itself one of the trusted certificates is trusted.
 */
export function verifyChain(chainDer: Uint8Array[], caPem: string[], now: Date = new Date()): ChainVerdict {
  let chain: forge.pki.Certificate[];
  let anchors: forge.pki.Certificate[];
  try {
    if (chainDer.length === 0) return failure('malformed', 'the peer sent no certificate');
    chain = chainDer.map((der) => parseCertificate(der));
    anchors = caPem.flatMap((pem) => pemCertificates(pem)).map((der) => parseCertificate(der));
  } catch (error) {
    if (error instanceof CertificateError) return failure('malformed', error.message);
    throw error;
  }

  let current = chain[0] as forge.pki.Certificate;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const timing = checkValidity(current, now);
    if (timing) return timing;
    if (anchors.some((a) => sameCertificate(a, current))) return { ok: true };

    const anchor = anchors.find((a) => a.issued(current));
    const next = anchor ?? chain.find((c) => c !== current && c.issued(current) && !sameCertificate(c, current));
    if (!next) return failure('untrusted', `no trusted CA issued "${label(current)}"`);
    if (!isCa(next)) return failure('not-a-ca', `"${label(next)}" is not a CA certificate but appears as issuer of "${label(current)}"`);
    if (!signatureVerifies(next, current)) return failure('bad-signature', `the signature of "${label(current)}" does not verify with "${label(next)}"`);
    if (anchor) {
      const anchorTiming = checkValidity(anchor, now);
      return anchorTiming ?? { ok: true };
    }
    current = next;
  }
  return failure('untrusted', `chain longer than ${MAX_DEPTH} certificates`);
}

function checkValidity(cert: forge.pki.Certificate, now: Date): ChainVerdict | null {
  if (now < cert.validity.notBefore) {
    return failure('not-yet-valid', `"${label(cert)}" is valid only from ${cert.validity.notBefore.toISOString()}`);
  }
  if (now > cert.validity.notAfter) {
    return failure('expired', `"${label(cert)}" expired on ${cert.validity.notAfter.toISOString()}`);
  }
  return null;
}

function isCa(cert: forge.pki.Certificate): boolean {
  const bc = cert.getExtension('basicConstraints') as { cA?: boolean } | null;
  return bc?.cA === true;
}

function signatureVerifies(issuer: forge.pki.Certificate, child: forge.pki.Certificate): boolean {
  try {
    return issuer.verify(child);
  } catch {
    return false;
  }
}

function sameCertificate(a: forge.pki.Certificate, b: forge.pki.Certificate): boolean {
  return a.serialNumber === b.serialNumber && a.signature === b.signature;
}

function label(cert: forge.pki.Certificate): string {
  const cn = cert.subject.getField('CN')?.value as unknown;
  return typeof cn === 'string' ? cn : 'certificate without CN';
}

function failure(reason: ChainFailure, message: string): ChainVerdict {
  return { ok: false, reason, message };
}
