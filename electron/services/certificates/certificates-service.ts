import { chmod, mkdir, readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { DEVICE_DEFAULT_DAYS } from '../../../shared/ipc/channels/certificates';
import { writeFileAtomic } from '../files/atomic-write';
import { CERT_FILE, IdentityService, KEY_FILE } from '../identity/index';
import { LocalRouteStore } from '../routes/local-route-store';
import { CertificateError } from './certificate-error';
import { certificateDetails, certificatesInBytes, type CertificateDetails } from './certificate-details';
import { thisPcDir } from './certificate-store';
import { derToPem } from './der';
import {
  deviceFiles,
  deviceFolder,
  exportDevice,
  issueDevice,
  listDevices,
  readThisPcCertificate,
  storeDevice,
  type IssuedDevice,
} from './device-certificates';
import { expiryOf, needsAttention, type ExpiryLevel } from './expiry';
import { buildRootCa, readCaCertificate, readExistingCa, storeCa, unlockCa, type CaKeySize, type CaSubject } from './plant-ca';
import { readTwinCatSelfSigned, twinCatTargetCandidates, type TwinCatSelfSigned } from './twincat-self-signed';
import { readUserFile } from './user-file';
import { verifyChain, type ChainVerdict } from './verify-chain';

export type CertificateRole = 'client' | 'ca' | 'device' | 'this-pc' | 'route-ca' | 'route-cert';

/** One row of the expiry overview: a certificate the tool knows, how long it lasts, and whose it is. */
export interface ExpiryEntry {
  role: CertificateRole;
  /** The device's CN, the route's name, or this PC's host name. */
  name: string;
  path: string;
  subject: string | null;
  notAfter: string | null;
  daysLeft: number | null;
  level: ExpiryLevel | 'unreadable';
  fingerprint: string | null;
  /** Why a file named by a route could not be read. */
  problem: string | null;
}

export interface IdentityDetails {
  certificate: CertificateDetails;
  certPath: string;
  hostname: string;
  twincat: TwinCatSelfSigned;
}

export interface Overview {
  ca: { certificate: CertificateDetails; path: string } | null;
  thisPc: IssuedDevice | null;
  devices: IssuedDevice[];
  expiry: ExpiryEntry[];
  /** Certificates that expire within the warning period, have expired or cannot be read. */
  attention: number;
}

export interface CertificatesServiceOptions {
  identity?: IdentityService;
  /** Folders searched for this PC's TwinCAT target files; defaults to the standard ones. */
  twincatFolders?: readonly string[];
  now?: () => Date;
}

export interface InspectResult {
  /** The file's certificates in order (a PEM may hold a chain). */
  certificates: CertificateDetails[];
  /** Null when no CA was chosen; otherwise the same chain check the Secure ADS client makes. */
  chainsToCa: ChainVerdict | null;
}

/** The Certificates page's services: plant CA, device certificates, inspection, expiry and this PC's identity. */
export class CertificatesService {
  readonly identity: IdentityService;
  private readonly twincatFolders: readonly string[];
  private readonly now: () => Date;

  constructor(
    private readonly dataDir: string,
    options: CertificatesServiceOptions = {},
  ) {
    this.identity = options.identity ?? new IdentityService(dataDir);
    this.twincatFolders = options.twincatFolders ?? twinCatTargetCandidates();
    this.now = options.now ?? (() => new Date());
  }

  async identityDetails(): Promise<IdentityDetails> {
    const cert = await this.identity.clientCertificate();
    return {
      certificate: details(cert.certPem, CERT_FILE),
      certPath: join(this.dataDir, CERT_FILE),
      hostname: await this.identity.hostname(),
      twincat: await readTwinCatSelfSigned(this.twincatFolders),
    };
  }

  async regenerateIdentity(): Promise<IdentityDetails> {
    await this.identity.regenerate();
    return this.identityDetails();
  }

  /** Writes this PC's certificate (and, only when asked, its key with mode 0600) into `destination`. */
  async exportIdentity(destination: string, includeKey: boolean): Promise<string[]> {
    if (!isAbsolute(destination)) throw new CertificateError('file-refused', `export folder must be an absolute path: ${destination}`);
    const cert = await this.identity.clientCertificate();
    await mkdir(destination, { recursive: true });
    const certOut = join(destination, CERT_FILE);
    await writeFileAtomic(certOut, cert.certPem, { backup: true });
    if (!includeKey) return [certOut];
    const keyOut = join(destination, KEY_FILE);
    await writeFileAtomic(keyOut, await readFile(join(this.dataDir, KEY_FILE)), { backup: true, mode: 0o600 });
    await chmod(keyOut, 0o600).catch(() => undefined);
    return [certOut, keyOut];
  }

  async createCa(options: {
    subject: CaSubject;
    keyBits: CaKeySize;
    days: number;
    password: string;
    replace: boolean;
  }): Promise<CertificateDetails> {
    const ca = buildRootCa({ subject: options.subject, keyBits: options.keyBits, days: options.days, now: this.now() });
    await storeCa(this.dataDir, ca, options.password, options.replace);
    return details(ca.certPem, 'rootCA.pem');
  }

  async loadCa(options: {
    certPath: string;
    keyPath: string;
    keyPassword?: string;
    password: string;
    replace: boolean;
  }): Promise<CertificateDetails> {
    const ca = await readExistingCa(options.certPath, options.keyPath, options.keyPassword);
    await storeCa(this.dataDir, ca, options.password, options.replace);
    return details(ca.certPem, 'rootCA.pem');
  }

  /** One certificate per name (CN = the name used to connect), each in its own folder ready for export. */
  async issueDevices(options: {
    caPassword: string;
    commonNames: string[];
    days?: number;
    keyPassword?: string;
    ignoreCn?: boolean;
    installDir?: string;
  }): Promise<IssuedDevice[]> {
    const ca = await unlockCa(this.dataDir, options.caPassword);
    const names = [...new Set(options.commonNames.map((n) => n.trim()).filter(Boolean))];
    if (names.length === 0) throw new CertificateError('invalid-name', 'name at least one target');
    const issued: IssuedDevice[] = [];
    for (const cn of names) {
      const files = issueDevice(ca, {
        commonName: cn,
        days: options.days ?? DEVICE_DEFAULT_DAYS,
        keyPassword: options.keyPassword,
        now: this.now(),
      });
      const folder = deviceFolder(this.dataDir, cn);
      const info = await storeDevice(folder, ca, cn, files, {
        keyEncrypted: Boolean(options.keyPassword),
        ignoreCn: options.ignoreCn ?? false,
        ...(options.installDir ? { installDir: options.installDir } : {}),
      });
      issued.push({
        ...info,
        folder,
        files: deviceFiles(folder, info.fileName),
        certificate: details(files.certPem, `${info.fileName}.crt`),
      });
    }
    return issued;
  }

  /**
   * This PC's client certificate for shared-CA routes. Its CN is this PC's host name: the name it announces to
   * targets, which they compare with the certificate unless IgnoreCn.
   */
  async issueThisPc(options: { caPassword: string; days?: number; keyPassword?: string }): Promise<IssuedDevice> {
    const ca = await unlockCa(this.dataDir, options.caPassword);
    const cn = await this.identity.hostname();
    const files = issueDevice(ca, {
      commonName: cn,
      days: options.days ?? DEVICE_DEFAULT_DAYS,
      keyPassword: options.keyPassword,
      now: this.now(),
    });
    const folder = thisPcDir(this.dataDir);
    const info = await storeDevice(folder, ca, cn, files, { keyEncrypted: Boolean(options.keyPassword), installDir: folder });
    return { ...info, folder, files: deviceFiles(folder, info.fileName), certificate: details(files.certPem, `${info.fileName}.crt`) };
  }

  async exportDevices(fileNames: string[], destination: string): Promise<Array<{ name: string; folder: string; files: string[] }>> {
    const devices = await listDevices(this.dataDir);
    const out = [];
    for (const name of fileNames) {
      const device = devices.find((d) => d.fileName === name);
      if (!device) throw new CertificateError('certificate-not-found', `no issued certificate named ${name}`);
      out.push({ name, ...(await exportDevice(device, destination)) });
    }
    return out;
  }

  async inspect(path: string, caPath?: string): Promise<InspectResult> {
    const ders = certificatesInBytes(await readUserFile(path, 'certificate'), 'certificate');
    const certificates = ders.map((der) => certificateDetails(der));
    if (!caPath) return { certificates, chainsToCa: null };
    const anchors = certificatesInBytes(await readUserFile(caPath, 'CA certificate'), 'CA certificate').map((der) => derToPem(der));
    return { certificates, chainsToCa: verifyChain(ders, anchors, this.now()) };
  }

  async overview(): Promise<Overview> {
    const now = this.now();
    const [ca, thisPc, devices, identity, routes] = await Promise.all([
      readCaCertificate(this.dataDir),
      readThisPcCertificate(this.dataDir),
      listDevices(this.dataDir),
      this.identity.clientCertificate(),
      new LocalRouteStore(this.dataDir).list().catch(() => []),
    ]);
    const entry = (role: CertificateRole, name: string, path: string, c: CertificateDetails): ExpiryEntry => ({
      role,
      name,
      path,
      subject: c.subject,
      notAfter: c.notAfter,
      fingerprint: c.fingerprint,
      problem: null,
      ...expiryOf(c.notBefore, c.notAfter, now),
    });
    const expiry: ExpiryEntry[] = [
      entry('client', await this.identity.hostname(), join(this.dataDir, CERT_FILE), details(identity.certPem, CERT_FILE)),
    ];
    if (ca) expiry.push(entry('ca', ca.details.commonName ?? ca.details.subject, ca.path, ca.details));
    if (thisPc) expiry.push(entry('this-pc', thisPc.commonName, thisPc.files.cert, thisPc.certificate));
    for (const d of devices) expiry.push(entry('device', d.commonName, d.files.cert, d.certificate));
    for (const route of routes) {
      if (route.tls?.mode !== 'ca') continue;
      for (const [role, path] of [
        ['route-ca', route.tls.caFile],
        ['route-cert', route.tls.certFile],
      ] as const) {
        if (!path) continue;
        try {
          const der = certificatesInBytes(await readUserFile(path, 'certificate'), path)[0] as Uint8Array;
          expiry.push(entry(role, route.name, path, certificateDetails(der, path)));
        } catch (error) {
          expiry.push({
            role,
            name: route.name,
            path,
            subject: null,
            notAfter: null,
            daysLeft: null,
            level: 'unreadable',
            fingerprint: null,
            problem: messageOf(error),
          });
        }
      }
    }
    expiry.sort((a, b) => (a.daysLeft ?? -Infinity) - (b.daysLeft ?? -Infinity));
    return {
      ca: ca ? { certificate: ca.details, path: ca.path } : null,
      thisPc,
      devices,
      expiry,
      attention: expiry.filter((e) => needsAttention(e.level)).length,
    };
  }
}

function details(pem: string, name: string): CertificateDetails {
  return certificateDetails(certificatesInBytes(Buffer.from(pem), name)[0] as Uint8Array, name);
}

function messageOf(error: unknown): string {
  return error instanceof CertificateError ? error.message : 'cannot be read';
}
