/**
 * Just enough DER to find the public key in an X.509 certificate and to turn PEM into DER.
 * Full chain validation is the caller's job (verifyServer); the engine only needs the leaf key
 * to check the ServerKeyExchange signature.
 */
import { TlsFatal } from './tls-error';

interface Tlv {
  tag: number;
  /** The whole element: tag, length and contents. */
  whole: Uint8Array;
  contents: Uint8Array;
}

function badCertificate(): TlsFatal {
  return new TlsFatal('certificate-rejected', 'server certificate could not be parsed', 'bad_certificate');
}

function readTlv(bytes: Uint8Array, at: number): Tlv {
  if (at + 2 > bytes.length) throw badCertificate();
  const tag = bytes[at] as number;
  let length = bytes[at + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || at + 2 + count > bytes.length) throw badCertificate();
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[at + 2 + i] as number);
    header += count;
  }
  const end = at + header + length;
  if (end > bytes.length) throw badCertificate();
  return { tag, whole: bytes.subarray(at, end), contents: bytes.subarray(at + header, end) };
}

function children(contents: Uint8Array): Tlv[] {
  const out: Tlv[] = [];
  for (let at = 0; at < contents.length;) {
    const tlv = readTlv(contents, at);
    out.push(tlv);
    at += tlv.whole.length;
  }
  return out;
}

const SEQUENCE = 0x30;
const EXPLICIT_VERSION = 0xa0;

/** The DER SubjectPublicKeyInfo of a certificate; throws bad_certificate on anything odd. */
export function subjectPublicKeyInfo(certDer: Uint8Array): Uint8Array {
  const cert = readTlv(certDer, 0);
  if (cert.tag !== SEQUENCE || cert.whole.length !== certDer.length) throw badCertificate();
  const [tbs] = children(cert.contents);
  if (!tbs || tbs.tag !== SEQUENCE) throw badCertificate();
  const fields = children(tbs.contents);
  const start = fields[0]?.tag === EXPLICIT_VERSION ? 1 : 0;
  // serial, signature, issuer, validity, subject, then subjectPublicKeyInfo.
  const spki = fields[start + 5];
  if (!spki || spki.tag !== SEQUENCE) throw badCertificate();
  return spki.whole;
}

/** Every CERTIFICATE block of a PEM text, as DER, in order. */
export function pemCertificates(pem: string): Uint8Array[] {
  const out: Uint8Array[] = [];
  const re = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+?)-----END CERTIFICATE-----/g;
  for (let m = re.exec(pem); m; m = re.exec(pem)) {
    out.push(new Uint8Array(Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64')));
  }
  return out;
}
