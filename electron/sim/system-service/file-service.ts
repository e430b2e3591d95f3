import { open, realpath, type FileHandle } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { decodeFileOpenOffset, decodeNulString, FileMode, FolderKind, relativePathSegments } from '../../../shared/protocol/system-service';
import {
  ADS_ERR_INVALID_OFFSET,
  ADS_ERR_INVALID_PARAMETER,
  ADS_ERR_INVALID_SIZE,
  ADS_ERR_NO_MORE_HANDLES,
  ADS_ERR_NOT_FOUND,
  ADS_ERR_SERVICE_NOT_SUPPORTED,
  ADS_OK,
} from './ads-codes';
import type { SystemReply, SystemSession } from './types';

/** A target has few file handles; a client that never closes must not exhaust the process. */
export const MAX_OPEN_FILES = 16;
/** Largest read one request may ask for (S1 reads 100 kB at a time). */
export const MAX_FILE_READ = 1024 * 1024;

interface OpenFile {
  handle: FileHandle;
  session: number;
}

/**
 * Index groups 120–123 on the target's state folder, which stands for the TwinCAT target folder (folder kind 5).
 * Other folder kinds are not supported; a path leaving the folder is not found. Like TwinCAT, opening for write
 * truncates at once: a writer that stops half-way leaves a truncated file.
 */
export class FileService {
  private readonly files = new Map<number, OpenFile>();
  private nextHandle = 1;

  constructor(private readonly stateDir: string) {}

  get openCount(): number {
    return this.files.size;
  }

  async open(session: SystemSession, offset: number, pathData: Uint8Array): Promise<SystemReply> {
    const { mode, folderKind } = decodeFileOpenOffset(offset);
    if (folderKind !== FolderKind.Target) return { result: ADS_ERR_SERVICE_NOT_SUPPORTED };
    const flags = openFlags(mode);
    if (!flags) return { result: ADS_ERR_INVALID_PARAMETER };
    let path: string;
    try {
      path = join(this.stateDir, ...relativePathSegments(decodeNulString(pathData).text));
    } catch {
      return { result: ADS_ERR_NOT_FOUND };
    }
    if (!(await this.inside(path))) return { result: ADS_ERR_NOT_FOUND };
    if (this.files.size >= MAX_OPEN_FILES) return { result: ADS_ERR_NO_MORE_HANDLES };
    let handle: FileHandle;
    try {
      handle = await open(path, flags, 0o600);
      if (!(await handle.stat()).isFile()) {
        await handle.close();
        return { result: ADS_ERR_NOT_FOUND };
      }
    } catch {
      return { result: ADS_ERR_NOT_FOUND };
    }
    const id = this.nextHandle++;
    this.files.set(id, { handle, session: session.id });
    const data = new Uint8Array(4);
    new DataView(data.buffer).setUint32(0, id, true);
    return { result: ADS_OK, data };
  }

  async close(session: SystemSession, id: number): Promise<SystemReply> {
    const file = this.owned(session, id);
    if (!file) return { result: ADS_ERR_INVALID_OFFSET };
    this.files.delete(id);
    await file.handle.close().catch(() => undefined);
    return { result: ADS_OK };
  }

  async read(session: SystemSession, id: number, length: number): Promise<SystemReply> {
    const file = this.owned(session, id);
    if (!file) return { result: ADS_ERR_INVALID_OFFSET };
    if (length > MAX_FILE_READ) return { result: ADS_ERR_INVALID_SIZE };
    const buffer = new Uint8Array(length);
    try {
      const { bytesRead } = await file.handle.read(buffer, 0, length, null);
      return { result: ADS_OK, data: buffer.subarray(0, bytesRead) };
    } catch {
      return { result: ADS_ERR_INVALID_PARAMETER };
    }
  }

  async write(session: SystemSession, id: number, data: Uint8Array): Promise<SystemReply> {
    const file = this.owned(session, id);
    if (!file) return { result: ADS_ERR_INVALID_OFFSET };
    try {
      await file.handle.write(data, 0, data.length, null);
      return { result: ADS_OK };
    } catch {
      return { result: ADS_ERR_INVALID_PARAMETER };
    }
  }

  /** A closed connection releases its handles (the target would otherwise keep them until restart). */
  async closeSession(session: SystemSession): Promise<void> {
    for (const [id, file] of [...this.files]) {
      if (file.session !== session.id) continue;
      this.files.delete(id);
      await file.handle.close().catch(() => undefined);
    }
  }

  async closeAll(): Promise<void> {
    const all = [...this.files.values()];
    this.files.clear();
    await Promise.all(all.map((f) => f.handle.close().catch(() => undefined)));
  }

  private owned(session: SystemSession, id: number): OpenFile | undefined {
    const file = this.files.get(id);
    return file && file.session === session.id ? file : undefined;
  }

  /** Symbolic links must not lead out of the folder either. */
  private async inside(path: string): Promise<boolean> {
    try {
      const root = await realpath(this.stateDir);
      const parent = await realpath(dirname(path));
      if (parent !== root && !parent.startsWith(root + sep)) return false;
      const target = await realpath(path).catch(() => null);
      return target === null || target === root || target.startsWith(root + sep);
    } catch {
      return false;
    }
  }
}

/** Node open flags for TwinCAT's mode bits (binary/text make no difference here). */
function openFlags(mode: number): string | null {
  const plus = (mode & FileMode.Plus) !== 0;
  if (mode & FileMode.Append) return plus ? 'a+' : 'a';
  if (mode & FileMode.Write) return plus ? 'w+' : 'w';
  if (mode & FileMode.Read) return plus ? 'r+' : 'r';
  if (plus) return 'r+';
  return null;
}
