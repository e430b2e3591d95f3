import { join } from 'node:path';
import { CertificateError } from './certificate-error';

/**
 * Where the Certificates page keeps its files inside the app's data folder:
 *   certificates/ca/rootCA.pem, rootCA.key            the plant CA (key encrypted with the user's CA password)
 *   certificates/devices/<name>/…                      one folder per issued device, ready to copy to the target
 *   certificates/this-pc/…                             this PC's CA-issued client certificate for shared-CA routes
 */
export function certificatesDir(dataDir: string): string {
  return join(dataDir, 'certificates');
}

export const CA_CERT_FILE = 'rootCA.pem';
export const CA_KEY_FILE = 'rootCA.key';
/** The `<Server><Tls>` fragment that goes into the target's StaticRoutes.xml. */
export const FRAGMENT_FILE = 'StaticRoutes-Server.xml';
export const DEVICE_INFO_FILE = 'device.json';

export function caDir(dataDir: string): string {
  return join(certificatesDir(dataDir), 'ca');
}

export function devicesDir(dataDir: string): string {
  return join(certificatesDir(dataDir), 'devices');
}

export function thisPcDir(dataDir: string): string {
  return join(certificatesDir(dataDir), 'this-pc');
}

/**
 * A CN as a file name: route names and addresses ("CX-12AB34", "192.168.2.1") pass unchanged; anything a file system
 * could read as a path or refuse becomes "_".
 */
export function fileNameFor(commonName: string): string {
  const name = commonName
    .trim()
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 64);
  if (!name || /^\.+$/.test(name)) throw new CertificateError('invalid-name', `"${commonName}" cannot be used as a file name`);
  return name;
}
