import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';
import { sameBytes } from '../../../shared/static-routes/xml-bytes';
import {
  ConcurrentChangeError,
  SafeWriteError,
  backupName,
  checkParses,
  redactedDiff,
  type StaticRoutesStore,
} from './static-routes-change';

/**
 * This PC's StaticRoutes.xml: the new file is written next to it, fsynced and renamed over it (atomic), after a
 * timestamped backup copy of the current one.
 */
export function localStaticRoutesStore(folder: string, now: () => Date = () => new Date()): StaticRoutesStore {
  const path = join(folder, 'StaticRoutes.xml');
  const read = async (): Promise<Uint8Array | null> => {
    try {
      return new Uint8Array(await readFile(path));
    } catch (error) {
      if ((error as { code?: string }).code === 'ENOENT') return null;
      throw new SafeWriteError(`cannot read ${path}: ${(error as Error).message}`, true);
    }
  };
  return {
    read,
    async replace(original, next) {
      checkParses(next);
      const current = await read();
      const unchanged = current === null || original === null ? current === original : sameBytes(current, original);
      if (!unchanged) throw new ConcurrentChangeError(redactedDiff(original, current));
      let backup: string | null = null;
      // The file holds PSK secrets: a new file gets owner-only access, an existing one keeps its mode.
      const mode = current ? (await stat(path)).mode & 0o777 : 0o600;
      try {
        if (current) {
          backup = join(folder, backupName(now()));
          await copyFile(path, backup);
        }
        await writeFileAtomic(path, next, { mode });
      } catch (error) {
        throw new SafeWriteError(`writing ${path} failed (${(error as Error).message}); the file was not changed`, true);
      }
      return { backup };
    },
  };
}
