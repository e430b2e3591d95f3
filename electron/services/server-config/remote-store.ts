import { sameBytes } from '../../../shared/static-routes/xml-bytes';
import {
  ConcurrentChangeError,
  SafeWriteError,
  backupName,
  checkParses,
  redactedDiff,
  type StaticRoutesStore,
} from './static-routes-change';

/** Files in a target's TwinCAT folder (folder kind 5) over the system service. */
export interface TargetFolderFiles {
  /** The file's bytes, or null when the target answers "not found". */
  read(path: string): Promise<Uint8Array | null>;
  /** Creates or truncates the file and writes all of `data`. */
  write(path: string, data: Uint8Array): Promise<void>;
}

export const STATIC_ROUTES = 'StaticRoutes.xml';
/** The staging copy: checked by reading it back before the real file is touched. */
export const STAGING = 'StaticRoutes.xml.new';

/**
 * A target's StaticRoutes.xml. The file service has no rename, so the new content is first written to a staging file
 * and read back, the current file is copied to StaticRoutes.xml.bak-<time> and read back, and only then is the real
 * file overwritten and read back; if that last step fails, the original is written back from memory.
 */
export function remoteStaticRoutesStore(files: TargetFolderFiles, now: () => Date = () => new Date()): StaticRoutesStore {
  const writeChecked = async (path: string, data: Uint8Array, what: string) => {
    await files.write(path, data);
    const back = await files.read(path);
    if (!back || !sameBytes(back, data)) throw new SafeWriteError(`${what} read back different from what was written`, true);
  };
  return {
    read: () => files.read(STATIC_ROUTES),
    async replace(original, next) {
      checkParses(next);
      try {
        await writeChecked(STAGING, next, `the staging copy ${STAGING}`);
      } catch (error) {
        throw asWriteError(error, `writing the staging copy ${STAGING} failed; StaticRoutes.xml was not touched`);
      }
      const current = await files.read(STATIC_ROUTES);
      const unchanged = current === null || original === null ? current === original : sameBytes(current, original);
      if (!unchanged) throw new ConcurrentChangeError(redactedDiff(original, current));
      let backup: string | null = null;
      if (current) {
        backup = backupName(now());
        try {
          await writeChecked(backup, current, `the backup ${backup}`);
        } catch (error) {
          throw asWriteError(error, `keeping the backup ${backup} failed; StaticRoutes.xml was not touched`);
        }
      }
      try {
        await writeChecked(STATIC_ROUTES, next, STATIC_ROUTES);
      } catch (error) {
        const cause = error instanceof Error ? error.message : String(error);
        if (!current) throw new SafeWriteError(`writing StaticRoutes.xml failed (${cause})`, false);
        try {
          await writeChecked(STATIC_ROUTES, current, 'the restored StaticRoutes.xml');
        } catch {
          throw new SafeWriteError(
            `writing StaticRoutes.xml failed (${cause}) and so did restoring it: copy ${backup} back to StaticRoutes.xml before the router restarts`,
            false,
          );
        }
        throw new SafeWriteError(`writing StaticRoutes.xml failed (${cause}); the original was written back and checked`, true);
      }
      return { backup };
    },
  };
}

function asWriteError(error: unknown, message: string): Error {
  if (error instanceof SafeWriteError || error instanceof ConcurrentChangeError) return error;
  return new SafeWriteError(`${message} (${error instanceof Error ? error.message : String(error)})`, true);
}
