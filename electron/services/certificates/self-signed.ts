import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import forge from 'node-forge';
import { forgeCertificateDer } from './der';
import { sha256Hex } from './inspect';

export interface GeneratedCertificate {
  certPem: string;
  /** PKCS#8 PEM, unencrypted: callers decide where it may be stored. */
  keyPem: string;
  certDer: Uint8Array;
  /** SHA-256 of certDer, 64 lower-case hex digits. */
  fingerprint: string;
}

export interface SelfSignedOptions {
  commonName: string;
  /** TwinCAT's own self-signed certificates are valid 2000-01-01 .. 2061-01-01 (TE1000 manual), so clock errors never matter. */
  notBefore?: Date;
  notAfter?: Date;
  keyBits?: 2048 | 3072 | 4096;
  /** Makes a CA certificate (basicConstraints cA, keyCertSign) as in the CA sample. */
  isCa?: boolean;
  organization?: string;
  /** Extra subject fields in order, e.g. [['C','DE'],['ST','NRW'],['L','Verl'],['OU','TCPM']] for the CA sample. */
  subjectFields?: Array<[shortName: string, value: string]>;
}

export interface IssueOptions {
  commonName: string;
  days: number;
  ipAddresses?: string[];
  dnsNames?: string[];
  keyBits?: 2048 | 3072 | 4096;
  /** Defaults to now; tests use it to build expired or not-yet-valid certificates. */
  notBefore?: Date;
  /** Defaults to notBefore + days. */
  notAfter?: Date;
}

export const SSC_NOT_BEFORE = new Date('2000-01-01T00:00:00Z');
export const SSC_NOT_AFTER = new Date('2061-01-01T00:00:00Z');

export function createSelfSignedCertificate(options: SelfSignedOptions): GeneratedCertificate {
  const keys = generateRsaKeys(options.keyBits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerial();
  cert.validity.notBefore = options.notBefore ?? SSC_NOT_BEFORE;
  cert.validity.notAfter = options.notAfter ?? SSC_NOT_AFTER;
  const subject = subjectAttributes(options.commonName, options.organization, options.subjectFields);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions(options.isCa ? caExtensions() : leafExtensions([], []));
  signSha256(cert, keys.keyPem);
  return finish(cert, keys.keyPem);
}

/** Signs a new device certificate with the CA, like the OpenSSL recipe of the TE1000 CA sample (RSA 2048, SHA-256). */
export function issueCertificate(ca: { certPem: string; keyPem: string }, options: IssueOptions): GeneratedCertificate {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const keys = generateRsaKeys(options.keyBits ?? 2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = randomSerial();
  const notBefore = options.notBefore ?? new Date();
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = options.notAfter ?? new Date(notBefore.getTime() + options.days * 86_400_000);
  cert.setSubject(subjectAttributes(options.commonName));
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    ...leafExtensions(options.ipAddresses ?? [], options.dnsNames ?? []),
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signSha256(cert, ca.keyPem);
  return finish(cert, keys.keyPem);
}

/**
 * What forge's cert.sign(key, sha256) does, with the RSA signature made by node:crypto: forge's JavaScript RSA takes
 * seconds with a 4096-bit CA key, the native one milliseconds.
 */
function signSha256(cert: forge.pki.Certificate, keyPem: string): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption as string;
  const mutable = cert as forge.pki.Certificate & { signatureOid: string; tbsCertificate: forge.asn1.Asn1; signature: string };
  mutable.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  // Exported by forge at runtime, missing from its type definitions.
  const pki = forge.pki as typeof forge.pki & { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 };
  mutable.tbsCertificate = pki.getTBSCertificate(cert);
  const tbs = Buffer.from(forge.asn1.toDer(mutable.tbsCertificate).getBytes(), 'binary');
  mutable.signature = sign('sha256', tbs, createPrivateKey(keyPem)).toString('binary');
}

/** node:crypto makes the key (native, fast); forge only builds and signs the certificate. */
function generateRsaKeys(bits: number): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem);
  const publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  return { publicKey, privateKey: forgeKey, keyPem };
}

/** 16 random bytes with the top bit cleared: DER INTEGERs are signed and serials must be positive. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return bytes.toString('hex');
}

function subjectAttributes(commonName: string, organization?: string, fields: Array<[string, string]> = []): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = fields.map(([shortName, value]) => ({ shortName, value }));
  if (organization && !fields.some(([name]) => name === 'O')) attrs.push({ shortName: 'O', value: organization });
  attrs.push({ shortName: 'CN', value: commonName });
  return attrs;
}

function caExtensions(): object[] {
  return [
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ];
}

function leafExtensions(ipAddresses: string[], dnsNames: string[]): object[] {
  const altNames = [...ipAddresses.map((ip) => ({ type: 7, ip })), ...dnsNames.map((value) => ({ type: 2, value }))];
  return [
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
    { name: 'subjectKeyIdentifier' },
    ...(altNames.length ? [{ name: 'subjectAltName', altNames }] : []),
  ];
}

function finish(cert: forge.pki.Certificate, keyPem: string): GeneratedCertificate {
  const certDer = forgeCertificateDer(cert);
  return { certPem: forge.pki.certificateToPem(cert), keyPem, certDer, fingerprint: sha256Hex(certDer) };
}

// The rest of the certificate API lives in its own modules; re-exported so callers can import it from here too.
export { describeCertificate, fingerprintOfCertificate } from './inspect';
export { verifyChain } from './verify-chain';
export { loadCertificateFile, loadPrivateKeyFile } from './load-files';
