import forge from 'node-forge';
import { CertificateError } from './certificate-error';

/** Accepts one PEM certificate (the first if several) or DER bytes and returns the DER bytes. */
export function certificateDer(pemOrDer: string | Uint8Array): Uint8Array {
  if (typeof pemOrDer !== 'string') return pemOrDer;
  const blocks = pemCertificates(pemOrDer);
  const first = blocks[0];
  if (!first) throw new CertificateError('certificate-malformed', 'no PEM certificate (-----BEGIN CERTIFICATE-----) found');
  return first;
}

/** Every CERTIFICATE block of a PEM text, in order, as DER. */
export function pemCertificates(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/g;
  for (const match of pem.matchAll(re)) {
    const body = (match[1] ?? '').replace(/[\s]/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length === 0) {
      throw new CertificateError('certificate-malformed', 'a PEM certificate block is not valid base64');
    }
    out.push(new Uint8Array(Buffer.from(body, 'base64')));
  }
  return out;
}

export function derToPem(der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/** Parses with node-forge; any parse failure becomes a typed 'certificate-malformed' error. */
export function parseCertificate(der: Uint8Array): forge.pki.Certificate {
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(der).toString('binary')), true);
    return forge.pki.certificateFromAsn1(asn1);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new CertificateError('certificate-malformed', `certificate cannot be parsed: ${why}`);
  }
}

export function forgeCertificateDer(cert: forge.pki.Certificate): Uint8Array {
  return new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary'));
}
