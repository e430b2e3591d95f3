import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { CertificateError } from './certificate-error';

/** Certificates and keys are a few KiB; anything larger is not what the user meant to pick. */
export const MAX_USER_FILE_BYTES = 1024 * 1024;

/**
 * Reads a file the user named (a path typed or picked in the UI). Only absolute paths to regular files up to 1 MiB:
 * a device, a FIFO or a huge file would hang or exhaust the services, and a relative path would depend on where
 * they happen to run.
 */
export async function readUserFile(path: string, what = 'file'): Promise<Buffer> {
  if (!isAbsolute(path)) throw new CertificateError('file-refused', `${what} path must be absolute: ${path}`);
  const name = basename(path);
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw notReadable(error, what, name);
  }
  refuseUnlessSmallRegular(info, what, name);
  // O_NONBLOCK: should the path have been swapped for a FIFO since stat(), open() must not wait for a writer.
  const flags = constants.O_RDONLY | (process.platform === 'win32' ? 0 : constants.O_NONBLOCK);
  let handle;
  try {
    handle = await open(path, flags);
  } catch (error) {
    throw notReadable(error, what, name);
  }
  try {
    refuseUnlessSmallRegular(await handle.stat(), what, name);
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

function refuseUnlessSmallRegular(info: { isFile(): boolean; size: number }, what: string, name: string): void {
  if (!info.isFile()) throw new CertificateError('file-refused', `${what} ${name} is not a regular file`);
  if (info.size > MAX_USER_FILE_BYTES)
    throw new CertificateError('file-refused', `${what} ${name} is larger than 1 MiB; certificates and keys are a few KiB`);
}

function notReadable(error: unknown, what: string, name: string): CertificateError {
  const code = (error as { code?: unknown }).code;
  const reason =
    code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : 'cannot be read';
  return new CertificateError('certificate-not-found', `${what} ${name} ${reason}`);
}
