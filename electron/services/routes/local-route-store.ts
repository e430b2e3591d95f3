import { createHash } from 'node:crypto';
import { mkdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { localRouteSchema, type LocalRoute } from '../../../shared/domain/route';
import { TypedError } from '../../../shared/typed-error';
import { writeFileAtomic } from '../files/atomic-write';
import { silentLogger, type Logger } from '../log/logger';

export const ROUTES_FILE = 'routes.json';

const fileSchema = z.object({ version: z.literal(1), routes: z.array(localRouteSchema) });

/** Thrown when routes.json changed on disk since we read it: writing would silently drop someone else's edit. */
export class RouteStoreConflict extends TypedError {
  constructor() {
    super('conflict', `${ROUTES_FILE} was changed by another program since it was read; reload the route list and try again`);
    this.name = 'RouteStoreConflict';
  }
}

/**
 * This PC's route list: static routes in routes.json (atomic write, previous version kept as .bak), temporary ones
 * only in memory. A corrupt file is moved aside, never overwritten.
 */
export class LocalRouteStore {
  private readonly path: string;
  private loaded: { routes: LocalRoute[]; hash: string | null } | null = null;
  private readonly temporary = new Map<string, LocalRoute>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger = silentLogger,
  ) {
    this.path = join(dataDir, ROUTES_FILE);
  }

  /** Static routes from disk, then temporary ones; a temporary route shadows nothing on disk. */
  list(): Promise<LocalRoute[]> {
    return this.serial(async () => {
      const disk = await this.load();
      return [...disk.routes, ...this.temporary.values()];
    });
  }

  /** Adds or replaces the route with the same name. */
  async upsert(route: LocalRoute): Promise<void> {
    const parsed = localRouteSchema.parse(route);
    await this.mutate((routes) => {
      if (parsed.temporary) {
        this.temporary.set(parsed.name, parsed);
        const next = routes.filter((r) => r.name !== parsed.name);
        return next.length === routes.length ? null : next;
      }
      this.temporary.delete(parsed.name);
      return [...routes.filter((r) => r.name !== parsed.name), parsed];
    });
  }

  /** The route that was removed (what it was, so callers can undo its traces elsewhere), or null if there was none. */
  async remove(name: string): Promise<LocalRoute | null> {
    let removed: LocalRoute | null = null;
    // In the queue, like upsert: a temporary route added just before is there to be removed.
    await this.mutate((routes) => {
      const temporary = this.temporary.get(name) ?? null;
      this.temporary.delete(name);
      // Every entry of that name goes (a hand-edited file may hold two); the first is the one reported.
      const next = routes.filter((r) => r.name !== name);
      removed = routes.find((r) => r.name === name) ?? temporary;
      return next.length === routes.length ? null : next;
    });
    return removed;
  }

  /** Forgets the cached copy so the next call reads the file again (after a conflict). */
  reload(): Promise<void> {
    return this.serial(async () => {
      this.loaded = null;
    });
  }

  /**
   * Applies a change in memory (in call order), then makes sure a write covering it reaches the disk. Writes are
   * coalesced: changes made while a write runs go out together in the next one, so 20 parallel route adds cost a few
   * file replacements instead of 40.
   */
  private async mutate(change: (routes: LocalRoute[]) => LocalRoute[] | null): Promise<void> {
    const changed = await this.serial(async () => {
      const current = await this.load();
      const next = change(current.routes);
      if (next === null) return false;
      current.routes = next;
      this.version++;
      return true;
    });
    if (changed) await this.flush();
  }

  private version = 0;
  private written = 0;
  private writer: Promise<void> | null = null;

  private async flush(): Promise<void> {
    const wanted = this.version;
    while (this.written < wanted) {
      this.writer ??= this.writeNow().finally(() => {
        this.writer = null;
      });
      await this.writer;
    }
  }

  private async writeNow(): Promise<void> {
    const { version, current } = await this.serial(async () => ({ version: this.version, current: await this.load() }));
    const onDisk = await this.readRaw();
    if ((onDisk === null ? null : hashOf(onDisk)) !== current.hash) {
      // Our unsaved changes are dropped: the next read shows what is really on disk.
      this.loaded = null;
      this.written = version;
      throw new RouteStoreConflict();
    }
    const text = `${JSON.stringify({ version: 1, routes: current.routes }, null, 2)}\n`;
    await mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.path, text, { backup: true });
    current.hash = hashOf(text);
    this.written = version;
  }

  private async load(): Promise<{ routes: LocalRoute[]; hash: string | null }> {
    if (this.loaded) return this.loaded;
    const raw = await this.readRaw();
    if (raw === null) {
      this.loaded = { routes: [], hash: null };
      return this.loaded;
    }
    const parsed = safeParse(raw);
    if (parsed) {
      this.loaded = { routes: parsed, hash: hashOf(raw) };
      return this.loaded;
    }
    const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, aside);
    this.logger.warn(`${ROUTES_FILE} could not be read and was moved to ${aside}; starting with an empty route list`);
    this.loaded = { routes: [], hash: null };
    return this.loaded;
  }

  private async readRaw(): Promise<string | null> {
    try {
      return await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') return null;
      throw error;
    }
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function safeParse(raw: string): LocalRoute[] | null {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.routes : null;
  } catch {
    return null;
  }
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
