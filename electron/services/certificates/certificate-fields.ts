/**
 * The X.509 fields chain verification judges that node:crypto's X509Certificate does not expose: the signature
 * algorithm, the validity period as dates, basicConstraints with its path length, keyUsage bits and the extended key
 * usages, read straight from the DER (whatever the key type, unlike forge's RSA-only certificate parser).
 */
import forge from 'node-forge';
import { CertificateError } from './certificate-error';

export interface CertificateFields {
  /** Outer signatureAlgorithm OID (equal to the one inside tbsCertificate, or parsing fails). */
  signatureOid: string;
  notBefore: Date;
  notAfter: Date;
  /** basicConstraints; null when the extension is absent. */
  basicConstraints: { ca: boolean; pathLength: number | null } | null;
  /** keyUsage bit names that are set; null when the extension is absent. */
  keyUsage: ReadonlySet<KeyUsage> | null;
  /** extKeyUsage OIDs; null when the extension is absent. */
  extendedKeyUsage: readonly string[] | null;
  /** OIDs of critical extensions this verifier does not understand: their presence must fail the certificate. */
  unknownCritical: string[];
}

export type KeyUsage =
  | 'digitalSignature'
  | 'nonRepudiation'
  | 'keyEncipherment'
  | 'dataEncipherment'
  | 'keyAgreement'
  | 'keyCertSign'
  | 'cRLSign'
  | 'encipherOnly'
  | 'decipherOnly';

const KEY_USAGE_BITS: readonly KeyUsage[] = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

export const OID = {
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  anyExtendedKeyUsage: '2.5.29.37.0',
} as const;

/** Extensions whose meaning a TLS peer check does not depend on, so being critical does not block them. */
const UNDERSTOOD = new Set<string>([
  OID.basicConstraints,
  OID.keyUsage,
  OID.extKeyUsage,
  '2.5.29.14', // subjectKeyIdentifier
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.17', // subjectAltName
  '2.5.29.18', // issuerAltName
  '2.5.29.32', // certificatePolicies (no policy is required, so any is acceptable)
]);

const { Class, Type } = forge.asn1;
type Node = forge.asn1.Asn1;

function malformed(what: string): CertificateError {
  return new CertificateError('certificate-malformed', `certificate cannot be parsed: ${what}`);
}

function kids(node: Node | undefined, what: string): Node[] {
  if (!node || !Array.isArray(node.value)) throw malformed(what);
  return node.value;
}

function bytesOf(node: Node | undefined, what: string): string {
  if (!node || typeof node.value !== 'string') throw malformed(what);
  return node.value;
}

function oidOf(node: Node | undefined, what: string): string {
  if (!node || node.tagClass !== Class.UNIVERSAL || node.type !== Type.OID) throw malformed(what);
  return forge.asn1.derToOid(bytesOf(node, what));
}

function timeOf(node: Node | undefined, what: string): Date {
  if (node?.tagClass === Class.UNIVERSAL && node.type === Type.UTCTIME) return forge.asn1.utcTimeToDate(bytesOf(node, what));
  if (node?.tagClass === Class.UNIVERSAL && node.type === Type.GENERALIZEDTIME)
    return forge.asn1.generalizedTimeToDate(bytesOf(node, what));
  throw malformed(what);
}

/** Reads the fields; a structural problem is a typed 'certificate-malformed' error. */
export function certificateFields(der: Uint8Array): CertificateFields {
  let root: Node;
  try {
    root = parseDer(Buffer.from(der).toString('binary'));
  } catch {
    throw malformed('not DER');
  }
  const [tbs, outerAlgorithm] = kids(root, 'certificate');
  const tbsParts = kids(tbs, 'tbsCertificate');
  // An explicit [0] version comes first in v2/v3 certificates.
  const first = tbsParts[0];
  const at = first?.tagClass === Class.CONTEXT_SPECIFIC && first.type === 0 ? 1 : 0;
  const innerOid = oidOf(kids(tbsParts[at + 1], 'signature')[0], 'signature algorithm');
  const signatureOid = oidOf(kids(outerAlgorithm, 'signatureAlgorithm')[0], 'signature algorithm');
  if (innerOid !== signatureOid) throw malformed('the two signature algorithm fields differ');
  const [notBeforeNode, notAfterNode] = kids(tbsParts[at + 3], 'validity');
  const fields: CertificateFields = {
    signatureOid,
    notBefore: timeOf(notBeforeNode, 'notBefore'),
    notAfter: timeOf(notAfterNode, 'notAfter'),
    basicConstraints: null,
    keyUsage: null,
    extendedKeyUsage: null,
    unknownCritical: [],
  };
  const extensionsWrapper = tbsParts.find((n) => n.tagClass === Class.CONTEXT_SPECIFIC && n.type === 3);
  if (!extensionsWrapper) return fields;
  const seen = new Set<string>();
  for (const extension of kids(kids(extensionsWrapper, 'extensions')[0], 'extensions')) {
    const parts = kids(extension, 'extension');
    const oid = oidOf(parts[0], 'extension id');
    if (seen.has(oid)) throw malformed(`extension ${oid} appears twice`);
    seen.add(oid);
    const critical = parts.length === 3 && bytesOf(parts[1], 'critical flag') !== '\x00';
    const valueNode = parts[parts.length - 1];
    if (!valueNode || valueNode.type !== Type.OCTETSTRING) throw malformed('extension value');
    const value = parseInner(bytesOf(valueNode, 'extension value'), oid);
    if (oid === OID.basicConstraints) fields.basicConstraints = basicConstraints(value);
    else if (oid === OID.keyUsage) fields.keyUsage = keyUsage(value);
    else if (oid === OID.extKeyUsage) fields.extendedKeyUsage = kids(value, 'extKeyUsage').map((n) => oidOf(n, 'extKeyUsage'));
    else if (critical && !UNDERSTOOD.has(oid)) fields.unknownCritical.push(oid);
  }
  return fields;
}

/** Strict DER, and bit strings kept as bytes (forge would otherwise guess whether they hold nested ASN.1). */
function parseDer(binary: string): Node {
  const fromDer = forge.asn1.fromDer as unknown as (
    bytes: forge.util.ByteStringBuffer,
    options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean },
  ) => Node;
  return fromDer(forge.util.createBuffer(binary), { strict: true, parseAllBytes: true, decodeBitStrings: false });
}

function parseInner(bytes: string, oid: string): Node {
  try {
    return parseDer(bytes);
  } catch {
    throw malformed(`extension ${oid}`);
  }
}

function basicConstraints(node: Node): { ca: boolean; pathLength: number | null } {
  let ca = false;
  let pathLength: number | null = null;
  for (const part of kids(node, 'basicConstraints')) {
    if (part.type === Type.BOOLEAN) ca = bytesOf(part, 'cA') !== '\x00';
    else if (part.type === Type.INTEGER) {
      const raw = bytesOf(part, 'pathLenConstraint');
      if (raw.length === 0 || raw.length > 2 || raw.charCodeAt(0) & 0x80) throw malformed('pathLenConstraint');
      pathLength = [...raw].reduce((n, c) => n * 256 + c.charCodeAt(0), 0);
    } else throw malformed('basicConstraints');
  }
  return { ca, pathLength };
}

function keyUsage(node: Node): Set<KeyUsage> {
  if (node.type !== Type.BITSTRING) throw malformed('keyUsage');
  const raw = bytesOf(node, 'keyUsage');
  // First byte: unused bits in the last byte; then the bits, most significant first.
  const set = new Set<KeyUsage>();
  for (let bit = 0; bit < KEY_USAGE_BITS.length; bit++) {
    const byte = raw.charCodeAt(1 + (bit >> 3));
    if (!Number.isNaN(byte) && byte & (0x80 >> (bit & 7))) set.add(KEY_USAGE_BITS[bit] as KeyUsage);
  }
  return set;
}
