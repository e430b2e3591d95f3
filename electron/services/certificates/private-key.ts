import { createPrivateKey } from 'node:crypto';

/**
 * PKCS#8 PEM, encrypted with AES-256-CBC under `password` when one is given (what `openssl pkey -passin` opens and
 * TwinCAT's <KeyPwd> expects), else unencrypted.
 */
export function exportPrivateKey(keyPem: string, password?: string): string {
  const key = createPrivateKey(keyPem);
  const pem = password
    ? key.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: password })
    : key.export({ format: 'pem', type: 'pkcs8' });
  return pem.toString();
}
