import { platform as osPlatform } from 'node:os';
import type { LocalRoute } from '../../../shared/domain/route';
import type { TwinCatRoutes } from '../../../shared/ipc/channels/twincat-routes';
import { staticRouteFor } from '../../../shared/static-routes/route-export';
import type { Logger } from '../log/logger';
import { readLocalFolderSetting } from './local-folder-setting';
import { localStaticRoutesStore } from './local-store';
import { findLocalTargetFolder, staticRoutesPath } from './local-target-folder';
import { changeStaticRoutes, readSnapshot, type StaticRoutesSnapshot } from './static-routes-change';
import { toServerError } from './server-config-service';

/** What became of a new route in this PC's StaticRoutes.xml; `detail` is one line for the route's step. */
export type TwinCatRouteWrite =
  | { outcome: 'no-twincat' | 'temporary'; path: null; backup: null; detail: string }
  | { outcome: 'written' | 'already-there' | 'name-taken' | 'refused'; path: string; backup: string | null; detail: string };

/**
 * What became of a removed route's entry in this PC's StaticRoutes.xml: only the same route (name, NetId and address)
 * is removed; `differs` is an entry of that name with other data, left as it is.
 */
export type TwinCatRouteRemoval =
  | { outcome: 'no-twincat'; path: null; backup: null; detail: string }
  | { outcome: 'removed' | 'not-there' | 'differs' | 'refused'; path: string; backup: string | null; detail: string };

type NoTwinCat = { outcome: 'no-twincat'; path: null; backup: null; detail: string };
type Refused = { outcome: 'refused'; path: string; backup: null; detail: string };
type Locate = () => ReturnType<typeof findLocalTargetFolder>;

/** This PC's StaticRoutes.xml as an add or a remove sees it: read once, then changed with `commit`. */
interface StaticRoutesFile {
  path: string;
  snapshot: StaticRoutesSnapshot;
  /** Writes the edits (atomically, after a backup), logs it and tells the listeners; returns the backup's path. */
  commit(edits: Parameters<typeof changeStaticRoutes>[1], options: Parameters<typeof changeStaticRoutes>[2]): Promise<string | null>;
}

export interface LocalTwinCatRoutesDeps {
  dataDir: string;
  logger: Logger;
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  now?: () => Date;
  /** Called after the file was written, with what it now holds. */
  onChange?: (routes: TwinCatRoutes) => void;
}

/**
 * This PC's own TwinCAT routes (StaticRoutes.xml in its target folder): listed, and a route the app creates is added
 * to it (and, when the user asks, removed from it again), atomically, with a backup and keeping every byte it does not
 * change. TwinCAT reads it when its router restarts.
 */
export class LocalTwinCatRoutes {
  /** One write at a time: a batch of routes would otherwise refuse each other as concurrent changes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: LocalTwinCatRoutesDeps) {}

  async list(): Promise<TwinCatRoutes> {
    const located = await this.locate();
    if (!located.found) {
      return { found: false, path: null, tried: located.tried.map((t) => t.folder), exists: false, routes: [], error: null };
    }
    const path = staticRoutesPath(located.folder, this.platform());
    try {
      const snapshot = await readSnapshot(localStaticRoutesStore(located.folder));
      return { found: true, path, tried: [], exists: snapshot.exists, routes: snapshot.model.routes, error: null };
    } catch (error) {
      const { code, message } = toServerError(error);
      return { found: true, path, tried: [], exists: true, routes: [], error: { code, message } };
    }
  }

  addRoute(route: LocalRoute): Promise<TwinCatRouteWrite> {
    return this.enqueue(() => this.addNow(route, () => this.locate()));
  }

  /** Removes the app's route from the file, in the same queue as the adds so neither refuses the other. */
  removeRoute(route: Pick<LocalRoute, 'name' | 'netId' | 'address'>): Promise<TwinCatRouteRemoval> {
    return this.enqueue(() => this.removeNow(route));
  }

  /**
   * The adds of one batch of routes: the target folder is looked up once for the whole batch (settings.json read and
   * the candidate folders probed), not once per route. A batch is one user action, so it writes to one folder.
   */
  forOneBatch(): Pick<LocalTwinCatRoutes, 'addRoute'> {
    let located: ReturnType<Locate> | null = null;
    return { addRoute: (route) => this.enqueue(() => this.addNow(route, () => (located ??= this.locate()))) };
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async addNow(route: LocalRoute, locate: Locate): Promise<TwinCatRouteWrite> {
    if (route.temporary) return { outcome: 'temporary', path: null, backup: null, detail: 'temporary: not in StaticRoutes.xml' };
    return this.inStaticRoutes(locate, route.name, 'added to', async ({ path, snapshot, commit }) => {
      const existing = snapshot.model.routes.find((r) => r.name === route.name);
      if (existing) {
        // An entry TwinCAT or a person wrote is never replaced: its <Tls> and Flags may hold what we cannot know.
        const same = existing.netId === route.netId && existing.address === route.address;
        return {
          outcome: same ? 'already-there' : 'name-taken',
          path,
          backup: null,
          detail: same
            ? `already in ${path}`
            : `${path} has another route named '${route.name}' (${existing.netId} at ${existing.address}); left as it is`,
        };
      }
      const backup = await commit([{ kind: 'add-route', route: staticRouteFor(route) }], {});
      return { outcome: 'written', path, backup, detail: `added to ${path}; TwinCAT uses it after its router restarts` };
    });
  }

  private async removeNow(route: Pick<LocalRoute, 'name' | 'netId' | 'address'>): Promise<TwinCatRouteRemoval> {
    return this.inStaticRoutes(
      () => this.locate(),
      route.name,
      'removed from',
      async ({ path, snapshot, commit }) => {
        const named = snapshot.model.routes.filter((r) => r.name === route.name);
        if (!named.length) return { outcome: 'not-there', path, backup: null, detail: `not in ${path}` };
        // The edit removes every entry of the name: one that points elsewhere was written by TwinCAT or a person.
        const other = named.find((r) => r.netId !== route.netId || r.address !== route.address);
        if (other) {
          return {
            outcome: 'differs',
            path,
            backup: null,
            detail: `${path} has another route named '${route.name}' (${other.netId} at ${other.address}); left as it is`,
          };
        }
        // Against the version just read: an entry someone changed in between is not removed unseen.
        const backup = await commit([{ kind: 'remove-route', name: route.name }], {
          expectedRevision: snapshot.revision,
          seen: snapshot.bytes,
        });
        return { outcome: 'removed', path, backup, detail: `removed from ${path}; TwinCAT drops it after its router restarts` };
      },
    );
  }

  /**
   * What an add and a remove both start with: find this PC's StaticRoutes.xml and read it. No TwinCAT folder, or a file
   * that cannot be read or written, ends the change here with the outcome both report alike.
   */
  private async inStaticRoutes<T>(
    locate: Locate,
    name: string,
    verb: 'added to' | 'removed from',
    change: (file: StaticRoutesFile) => Promise<T>,
  ): Promise<T | NoTwinCat | Refused> {
    const located = await locate();
    if (!located.found) return { outcome: 'no-twincat', path: null, backup: null, detail: 'no TwinCAT on this PC' };
    const path = staticRoutesPath(located.folder, this.platform());
    const store = localStaticRoutesStore(located.folder, this.deps.now);
    try {
      const snapshot = await readSnapshot(store);
      const commit: StaticRoutesFile['commit'] = async (edits, options) => {
        const { backup, after } = await changeStaticRoutes(store, edits, options);
        this.deps.logger.info(`route '${name}' ${verb} ${path}${backup ? ` (backup ${backup})` : ''}`);
        // What was just written, not a new lookup and read: a batch looks its folder up once.
        this.deps.onChange?.({ found: true, path, tried: [], exists: true, routes: after.routes, error: null });
        return backup;
      };
      return await change({ path, snapshot, commit });
    } catch (error) {
      return { outcome: 'refused', path, backup: null, detail: this.refused(error, name, `not ${verb} ${path}`) };
    }
  }

  /** A file that could not be read or written: logged, and one line for the route's step ("not added to <path>: …"). */
  private refused(error: unknown, name: string, what: string): string {
    const message = toServerError(error).message.split('\n')[0]!;
    this.deps.logger.warn(`route '${name}' ${what}: ${message}`);
    return `${what}: ${message}`;
  }

  private platform(): NodeJS.Platform {
    return this.deps.platform ?? osPlatform();
  }

  private async locate() {
    return findLocalTargetFolder({
      platform: this.platform(),
      env: this.deps.env ?? process.env,
      override: await readLocalFolderSetting(this.deps.dataDir),
    });
  }
}
