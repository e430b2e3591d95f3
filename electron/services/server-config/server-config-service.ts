import { createHash, randomBytes } from 'node:crypto';
import { platform as osPlatform } from 'node:os';
import { TypedError } from '../../../shared/typed-error';
import type {
  ServerApplyResult,
  ServerChange,
  ServerPlace,
  ServerReadResult,
  TargetConnection,
} from '../../../shared/ipc/channels/server-config';
import type { StaticRoutesEdit } from '../../../shared/static-routes/static-routes';
import type { Logger } from '../log/logger';
import { findLocalTargetFolder } from './local-target-folder';
import { readLocalFolderSetting } from './local-folder-setting';
import { localStaticRoutesStore } from './local-store';
import { readListenerSwitches, type ListenerSwitchState } from './registry-switches';
import { remoteStaticRoutesStore } from './remote-store';
import { ConcurrentChangeError, changeStaticRoutes, readSnapshot, type StaticRoutesStore } from './static-routes-change';
import { formatDiff } from '../../../shared/static-routes/line-diff';
import type { SystemSession, SystemSessionConnector } from './system-session';

export interface ServerConfigDeps {
  dataDir: string;
  connect: SystemSessionConnector;
  logger: Logger;
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  readSwitches?: () => Promise<ListenerSwitchState[]>;
  now?: () => Date;
}

type ServerError = NonNullable<ServerReadResult['error']>;

/** Reads and changes StaticRoutes.xml on this PC and on targets; every failure becomes a per-place typed result. */
export class ServerConfigService {
  /** Bytes of the revisions users were shown, so a refused change can show what changed since. */
  private readonly seen = new Map<string, Uint8Array | null>();

  constructor(private readonly deps: ServerConfigDeps) {}

  placeName(place: ServerPlace): string {
    return place.kind === 'local' ? 'this PC' : `${place.target.name} (${place.target.netId})`;
  }

  async read(place: ServerPlace): Promise<ServerReadResult> {
    const base: ServerReadResult = {
      place: this.placeName(place),
      ok: false,
      folder: null,
      tried: [],
      exists: false,
      revision: null,
      model: null,
      switches: null,
      adsState: null,
      error: null,
    };
    try {
      if (place.kind === 'local') {
        const located = await this.localFolder();
        const switches = (this.deps.platform ?? osPlatform()) === 'win32' ? await (this.deps.readSwitches ?? readListenerSwitches)() : null;
        if (!located.found) {
          return {
            ...base,
            tried: located.tried.map((t) => t.folder),
            switches,
            error: {
              code: 'no-twincat',
              message: 'There is no TwinCAT on this PC (no target folder found); choose the folder in Settings if it is elsewhere.',
              diff: null,
            },
          };
        }
        const snapshot = await readSnapshot(localStaticRoutesStore(located.folder));
        this.remember(snapshot.revision, snapshot.bytes);
        return {
          ...base,
          ok: true,
          folder: located.folder,
          exists: snapshot.exists,
          revision: snapshot.revision,
          model: snapshot.model,
          switches,
        };
      }
      return await this.withSession(place.target, async (session) => {
        const snapshot = await readSnapshot(remoteStaticRoutesStore(session.files));
        this.remember(snapshot.revision, snapshot.bytes);
        const adsState = await session.readState().catch(() => null);
        return {
          ...base,
          ok: true,
          folder: 'TwinCAT target folder',
          exists: snapshot.exists,
          revision: snapshot.revision,
          model: snapshot.model,
          adsState,
        };
      });
    } catch (error) {
      return { ...base, error: toServerError(error) };
    }
  }

  async apply(place: ServerPlace, change: ServerChange, revision?: string | null): Promise<ServerApplyResult> {
    const base: ServerApplyResult = {
      place: this.placeName(place),
      ok: false,
      changed: false,
      backup: null,
      revision: null,
      model: null,
      error: null,
    };
    const edit = change as StaticRoutesEdit;
    const run = async (store: StaticRoutesStore) => {
      const options = revision ? { expectedRevision: revision, seen: this.seen.get(revision) ?? null } : {};
      const result = await changeStaticRoutes(store, [edit], options);
      this.deps.logger.info(
        `${base.place}: ${describeChange(change)} ${result.changed ? `written${result.backup ? `, backup ${result.backup}` : ''}` : 'already in place'}`,
      );
      return { ...base, ok: true, changed: result.changed, backup: result.backup, revision: result.revision, model: result.after };
    };
    try {
      if (place.kind === 'local') {
        const located = await this.localFolder();
        if (!located.found) throw new TypedError('no-twincat', 'There is no TwinCAT on this PC to change.');
        return await run(localStaticRoutesStore(located.folder, this.deps.now));
      }
      return await this.withSession(place.target, (session) => run(remoteStaticRoutesStore(session.files, this.deps.now)));
    } catch (error) {
      this.deps.logger.warn(
        `${base.place}: ${describeChange(change)} refused: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      );
      return { ...base, error: toServerError(error) };
    }
  }

  async withSession<T>(target: TargetConnection, use: (session: SystemSession) => Promise<T>): Promise<T> {
    const session = await this.deps.connect(target);
    try {
      return await use(session);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  private async localFolder() {
    return findLocalTargetFolder({
      platform: this.deps.platform ?? osPlatform(),
      env: this.deps.env ?? process.env,
      override: await readLocalFolderSetting(this.deps.dataDir),
    });
  }

  private remember(revision: string, bytes: Uint8Array | null): void {
    this.seen.delete(revision);
    this.seen.set(revision, bytes);
    if (this.seen.size > 128) this.seen.delete(this.seen.keys().next().value!);
  }
}

/** 32 random bytes as the PSK password (base64url), and the 64-hex key TwinCAT derives from identity and password. */
export function generatePskSecret(identity: string): { secret: string; keyHex: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, keyHex: pskKeyHex(identity, secret) };
}

export function pskKeyHex(identity: string, secret: string): string {
  return createHash('sha256')
    .update(identity.toUpperCase() + secret, 'utf8')
    .digest('hex');
}

export { secretStrength } from '../../../shared/static-routes/secret-strength';

export function describeChange(change: ServerChange): string {
  switch (change.kind) {
    case 'add-psk':
      return `add PSK identity "${change.identity}"`;
    case 'remove-psk':
      return `remove PSK identity "${change.identity}"`;
    case 'set-secure-only':
      return `SecureOnly ${change.on ? 'on' : 'off'}`;
    case 'set-tls':
      return `CA files ${change.ca}, ${change.cert}, ${change.key}${change.ignoreCn ? ' (IgnoreCn)' : ''}`;
    case 'clear-tls':
      return 'clear CA files';
  }
}

export function toServerError(error: unknown): ServerError {
  if (error instanceof ConcurrentChangeError) {
    return { code: error.code, message: error.message.split('\n')[0]!, diff: formatDiff(error.diff).split('\n') };
  }
  if (error instanceof TypedError) return { code: error.code, message: error.message, diff: null };
  const code = (error as { code?: unknown } | null)?.code;
  return { code: typeof code === 'string' ? code : 'failed', message: error instanceof Error ? error.message : String(error), diff: null };
}
