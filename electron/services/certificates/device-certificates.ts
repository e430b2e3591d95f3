import { chmod, mkdir, readdir, readFile } from 'node:fs/promises';
import { isIPv4 } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { DEVICE_DEFAULT_DAYS, type DeviceFiles } from '../../../shared/ipc/channels/certificates';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-write';
import { CertificateError } from './certificate-error';
import { certificateDetails, certificatesInBytes, type CertificateDetails } from './certificate-details';
import { CA_CERT_FILE, DEVICE_INFO_FILE, devicesDir, FRAGMENT_FILE, fileNameFor, thisPcDir } from './certificate-store';
import { BACKDATE_MS, type UnlockedCa } from './plant-ca';
import { exportPrivateKey } from './private-key';
import { issueCertificate } from './self-signed';
import { DEFAULT_INSTALL_DIR, serverTlsFragment } from './server-fragment';

export interface IssueDeviceOptions {
  /** The name used to connect: the route name or the address (the target compares it unless IgnoreCn). */
  commonName: string;
  days?: number;
  /** Encrypts the device key (TwinCAT's <KeyPwd>); never stored. */
  keyPassword?: string;
  keyBits?: 2048 | 3072 | 4096;
  now?: Date;
}

export interface IssuedFiles {
  certPem: string;
  /** PKCS#8 PEM, encrypted when a key password was given. */
  keyPem: string;
  fingerprint: string;
}

/** Signs a device certificate (SHA-256, serverAuth + clientAuth) whose CN is the name used to connect. */
export function issueDevice(ca: UnlockedCa, options: IssueDeviceOptions): IssuedFiles {
  const cn = options.commonName.trim();
  if (!cn || cn.length > 64) throw new CertificateError('invalid-name', 'a certificate CN needs 1 to 64 characters');
  const now = options.now ?? new Date();
  const days = options.days ?? DEVICE_DEFAULT_DAYS;
  const made = issueCertificate(ca, {
    commonName: cn,
    days,
    keyBits: options.keyBits ?? 2048,
    // Valid `days` from now, as `openssl x509 -days N`; the backdating only covers a target clock running late.
    notBefore: new Date(now.getTime() - BACKDATE_MS),
    notAfter: new Date(now.getTime() + days * 86_400_000),
    // The CN is what TwinCAT checks; a matching SAN lets other TLS tools accept the certificate as well.
    ...(isIPv4(cn) ? { ipAddresses: [cn] } : /^[A-Za-z0-9.-]+$/.test(cn) ? { dnsNames: [cn] } : {}),
  });
  return { certPem: made.certPem, keyPem: exportPrivateKey(made.keyPem, options.keyPassword), fingerprint: made.fingerprint };
}

const deviceInfoSchema = z.object({
  commonName: z.string(),
  fileName: z.string(),
  keyEncrypted: z.boolean(),
  ignoreCn: z.boolean(),
  installDir: z.string(),
  issuedAt: z.string(),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

export interface IssuedDevice extends DeviceInfo {
  folder: string;
  files: DeviceFiles;
  certificate: CertificateDetails;
}

/** The three files of a device's folder a target's <Server><Tls> names: the shared CA, the certificate and the key. */
export function deviceFiles(folder: string, fileName: string): DeviceFiles {
  return { ca: join(folder, CA_CERT_FILE), cert: join(folder, `${fileName}.crt`), key: join(folder, `${fileName}.key`) };
}

export interface StoreDeviceOptions {
  installDir?: string;
  ignoreCn?: boolean;
  keyEncrypted: boolean;
}

/** Writes a device's folder: rootCA.pem, <name>.crt, <name>.key (0600), the <Server><Tls> fragment and device.json. */
export async function storeDevice(
  folder: string,
  ca: UnlockedCa,
  cn: string,
  files: IssuedFiles,
  options: StoreDeviceOptions,
): Promise<DeviceInfo> {
  const fileName = fileNameFor(cn);
  const info: DeviceInfo = {
    commonName: cn,
    fileName,
    keyEncrypted: options.keyEncrypted,
    ignoreCn: options.ignoreCn ?? false,
    installDir: options.installDir?.trim() || DEFAULT_INSTALL_DIR,
    issuedAt: new Date().toISOString(),
  };
  await mkdir(folder, { recursive: true });
  const paths = deviceFiles(folder, fileName);
  // A re-issue keeps the previous files as .bak: the old certificate may still be installed on the target.
  await writeFileAtomic(paths.key, files.keyPem, { mode: 0o600, backup: true });
  await chmod(paths.key, 0o600).catch(() => undefined);
  await writeFileAtomic(paths.cert, files.certPem, { backup: true });
  await writeFileAtomic(paths.ca, ca.certPem);
  await writeFileAtomic(
    join(folder, FRAGMENT_FILE),
    serverTlsFragment({
      installDir: info.installDir,
      certFile: `${fileName}.crt`,
      keyFile: `${fileName}.key`,
      keyEncrypted: info.keyEncrypted,
      ignoreCn: info.ignoreCn,
    }),
  );
  await writeFileAtomic(join(folder, DEVICE_INFO_FILE), `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

export function deviceFolder(dataDir: string, cn: string): string {
  return join(devicesDir(dataDir), fileNameFor(cn));
}

/** Every issued device with its certificate; a folder that cannot be read is skipped (it is not ours to repair). */
export async function listDevices(dataDir: string): Promise<IssuedDevice[]> {
  return listIn(devicesDir(dataDir));
}

/** This PC's CA-issued client certificate (for shared-CA routes), if one was issued. */
export async function readThisPcCertificate(dataDir: string): Promise<IssuedDevice | null> {
  return (await readDeviceFolder(thisPcDir(dataDir))) ?? null;
}

async function listIn(dir: string): Promise<IssuedDevice[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    return [];
  }
  const devices = await Promise.all(names.sort().map((name) => readDeviceFolder(join(dir, name))));
  return devices.filter((d): d is IssuedDevice => d !== undefined);
}

async function readDeviceFolder(folder: string): Promise<IssuedDevice | undefined> {
  try {
    const text = await readTextIfExists(join(folder, DEVICE_INFO_FILE));
    if (!text) return undefined;
    const info = deviceInfoSchema.parse(JSON.parse(text));
    const files = deviceFiles(folder, info.fileName);
    const der = certificatesInBytes(await readFile(files.cert), `${info.fileName}.crt`)[0] as Uint8Array;
    return { ...info, folder, files, certificate: certificateDetails(der, `${info.fileName}.crt`) };
  } catch {
    return undefined;
  }
}

/**
 * Copies a device's folder to `<destination>/<name>/` for the target: rootCA.pem, the certificate, the key and the
 * fragment. The plant CA's key is never part of it. Files already there are kept as .bak.
 */
export async function exportDevice(device: IssuedDevice, destination: string): Promise<{ folder: string; files: string[] }> {
  if (!isAbsolute(destination)) throw new CertificateError('file-refused', `export folder must be an absolute path: ${destination}`);
  const folder = join(destination, device.fileName);
  await mkdir(folder, { recursive: true });
  const files = [CA_CERT_FILE, `${device.fileName}.crt`, `${device.fileName}.key`, FRAGMENT_FILE];
  for (const file of files) {
    const data = await readFile(join(device.folder, file));
    const isKey = file.endsWith('.key');
    await writeFileAtomic(join(folder, file), data, { backup: true, ...(isKey ? { mode: 0o600 } : {}) });
    if (isKey) await chmod(join(folder, file), 0o600).catch(() => undefined);
  }
  return { folder, files: files.map((file) => join(folder, file)) };
}
