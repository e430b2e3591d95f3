/**
 * Test-only certificate workshop: CAs, intermediates and leaves with exactly the extensions, hashes and dates a test
 * needs, including the ones an attacker would make (a copy of the CA's serial, issuer and signature on another key).
 * Never used by the app.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import { forgeCertificateDer } from '../der';

export interface TestKey {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  keyPem: string;
}

export interface TestCertificate {
  cert: forge.pki.Certificate;
  certPem: string;
  certDer: Uint8Array;
  key: TestKey;
  keyPem: string;
}

/** Native key generation (fast); tests share a few keys across many certificates. */
export function testKey(bits = 2048): TestKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 });
  const keyPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem);
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), keyPem };
}

const DAY = 86_400_000;

export interface CertificateRecipe {
  cn: string;
  key: TestKey;
  /** Signed by this certificate's key; self-signed when absent. */
  issuer?: TestCertificate;
  serial?: string;
  notBefore?: Date;
  notAfter?: Date;
  /** basicConstraints; omitted when undefined. */
  ca?: boolean;
  pathLength?: number;
  /** keyUsage bits as forge names them, e.g. { digitalSignature: true }; omitted when undefined. */
  keyUsage?: Record<string, boolean>;
  /** extKeyUsage, e.g. { serverAuth: true }; omitted when undefined. */
  extKeyUsage?: Record<string, boolean>;
  hash?: 'sha256' | 'sha1' | 'md5';
}

export function makeCertificate(recipe: CertificateRecipe): TestCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = recipe.key.publicKey;
  cert.serialNumber = recipe.serial ?? `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  cert.validity.notBefore = recipe.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = recipe.notAfter ?? new Date(Date.now() + 365 * DAY);
  const subject = [{ shortName: 'CN', value: recipe.cn }];
  cert.setSubject(subject);
  cert.setIssuer(recipe.issuer ? recipe.issuer.cert.subject.attributes : subject);
  const extensions: object[] = [];
  if (recipe.ca !== undefined) {
    extensions.push({
      name: 'basicConstraints',
      cA: recipe.ca,
      critical: true,
      ...(recipe.pathLength !== undefined ? { pathLenConstraint: recipe.pathLength } : {}),
    });
  }
  if (recipe.keyUsage) extensions.push({ name: 'keyUsage', critical: true, ...recipe.keyUsage });
  if (recipe.extKeyUsage) extensions.push({ name: 'extKeyUsage', ...recipe.extKeyUsage });
  cert.setExtensions(extensions);
  const md = recipe.hash === 'sha1' ? forge.md.sha1.create() : recipe.hash === 'md5' ? forge.md.md5.create() : forge.md.sha256.create();
  cert.sign(recipe.issuer ? recipe.issuer.key.privateKey : recipe.key.privateKey, md);
  return finish(cert, recipe.key);
}

/** A CA as the TE1000 recipe makes it: basicConstraints cA, keyCertSign. */
export function makeCa(cn: string, key: TestKey, extra: Partial<CertificateRecipe> = {}): TestCertificate {
  return makeCertificate({
    cn,
    key,
    ca: true,
    keyUsage: { keyCertSign: true, cRLSign: true, digitalSignature: true },
    notAfter: new Date(Date.now() + 3650 * DAY),
    ...extra,
  });
}

/** A TLS leaf for both roles, like the ones the app and the TE1000 recipe issue. */
export function makeLeaf(cn: string, key: TestKey, issuer: TestCertificate, extra: Partial<CertificateRecipe> = {}): TestCertificate {
  return makeCertificate({
    cn,
    key,
    issuer,
    ca: false,
    keyUsage: { digitalSignature: true, keyEncipherment: true },
    extKeyUsage: { serverAuth: true, clientAuth: true },
    ...extra,
  });
}

/**
 * What the attacker of a naive "same serial and signature" anchor check builds: its own key and CN, with the public CA
 * certificate's serial number, issuer and signature bytes copied in.
 */
export function forgeAnchorCopy(ca: TestCertificate, cn: string, key: TestKey): TestCertificate {
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = ca.cert.serialNumber;
  cert.validity.notBefore = ca.cert.validity.notBefore;
  cert.validity.notAfter = ca.cert.validity.notAfter;
  cert.setSubject([{ shortName: 'CN', value: cn }]);
  cert.setIssuer(ca.cert.issuer.attributes);
  cert.setExtensions([{ name: 'basicConstraints', cA: true, critical: true }]);
  cert.sign(key.privateKey, forge.md.sha256.create());
  cert.signature = ca.cert.signature;
  return finish(cert, key);
}

function finish(cert: forge.pki.Certificate, key: TestKey): TestCertificate {
  return { cert, certPem: forge.pki.certificateToPem(cert), certDer: forgeCertificateDer(cert), key, keyPem: key.keyPem };
}
