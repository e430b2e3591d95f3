import { createHash } from 'node:crypto';
import { TypedError } from '../../../shared/typed-error';
import {
  EMPTY_STATIC_ROUTES,
  editStaticRoutes,
  parseStaticRoutes,
  readStaticRoutes,
  redactSecrets,
  type StaticRoutesEdit,
  type StaticRoutesModel,
} from '../../../shared/static-routes/static-routes';
import { decodeXmlBytes, encodeXmlText, sameBytes } from '../../../shared/static-routes/xml-bytes';
import { formatDiff, lineDiff, type DiffLine } from '../../../shared/static-routes/line-diff';

/** The file changed between our read and our write: nothing was written; `diff` shows what changed (secrets masked). */
export class ConcurrentChangeError extends TypedError {
  constructor(readonly diff: DiffLine[]) {
    super(
      'concurrent-change',
      `StaticRoutes.xml was changed by someone else since it was read; nothing was written. Read it again and repeat the change.\n${formatDiff(diff)}`,
    );
    this.name = 'ConcurrentChangeError';
  }
}

/** A step of a safe write failed; `originalKept` says whether the file is known to be as it was. */
export class SafeWriteError extends TypedError {
  constructor(
    message: string,
    readonly originalKept: boolean,
  ) {
    super('write-failed', message);
    this.name = 'SafeWriteError';
  }
}

/** Where a StaticRoutes.xml lives (this PC's folder or a target over ADS) and how it is replaced safely there. */
export interface StaticRoutesStore {
  /** The file's bytes; null when there is none yet. */
  read(): Promise<Uint8Array | null>;
  /**
   * Replaces the file with `next` only if it still holds `original` (null: still absent), keeping a backup; throws
   * ConcurrentChangeError or SafeWriteError. Returns where the backup went.
   */
  replace(original: Uint8Array | null, next: Uint8Array): Promise<{ backup: string | null }>;
}

export interface StaticRoutesSnapshot {
  /** SHA-256 of the bytes read (of '' when the file does not exist): a change request names the version it edits. */
  revision: string;
  exists: boolean;
  model: StaticRoutesModel;
  bytes: Uint8Array | null;
}

export function revisionOf(bytes: Uint8Array | null): string {
  return createHash('sha256')
    .update(bytes ?? new Uint8Array())
    .digest('hex');
}

export async function readSnapshot(store: StaticRoutesStore): Promise<StaticRoutesSnapshot> {
  const bytes = await store.read();
  const text = bytes ? decodeXmlBytes(bytes).text : EMPTY_STATIC_ROUTES;
  return { revision: revisionOf(bytes), exists: bytes !== null, model: readStaticRoutes(text), bytes };
}

/** The diff between two versions of the file as a user may see it: secrets masked. */
export function redactedDiff(before: Uint8Array | null, after: Uint8Array | null): DiffLine[] {
  const text = (bytes: Uint8Array | null) => {
    if (!bytes) return '';
    try {
      return redactSecrets(decodeXmlBytes(bytes).text);
    } catch {
      return redactSecrets(new TextDecoder().decode(bytes));
    }
  };
  return lineDiff(text(before), text(after));
}

/** The new bytes for `edits`, in the file's own encoding; the result is parsed before anyone may write it. */
export function editedBytes(original: Uint8Array | null, edits: StaticRoutesEdit[]): Uint8Array {
  const decoded = original ? decodeXmlBytes(original) : { text: EMPTY_STATIC_ROUTES, encoding: 'utf-8' as const, bom: false };
  const next = encodeXmlText({ ...decoded, text: editStaticRoutes(decoded.text, edits) });
  checkParses(next);
  return next;
}

export function checkParses(bytes: Uint8Array): void {
  parseStaticRoutes(decodeXmlBytes(bytes).text);
}

export interface ChangeResult {
  changed: boolean;
  backup: string | null;
  before: StaticRoutesModel;
  after: StaticRoutesModel;
  revision: string;
}

/**
 * Reads, edits and safely replaces the file. With `expectedRevision` (what the user looked at), a file that changed
 * since is refused with the diff against `seen` (the bytes of that revision, when we still have them).
 */
export async function changeStaticRoutes(
  store: StaticRoutesStore,
  edits: StaticRoutesEdit[],
  options: { expectedRevision?: string; seen?: Uint8Array | null } = {},
): Promise<ChangeResult> {
  const original = await store.read();
  if (options.expectedRevision !== undefined && revisionOf(original) !== options.expectedRevision) {
    throw new ConcurrentChangeError(redactedDiff(options.seen ?? null, original));
  }
  const before = readStaticRoutes(original ? decodeXmlBytes(original).text : EMPTY_STATIC_ROUTES);
  const next = editedBytes(original, edits);
  if (original && sameBytes(original, next)) return { changed: false, backup: null, before, after: before, revision: revisionOf(original) };
  const { backup } = await store.replace(original, next);
  return { changed: true, backup, before, after: readStaticRoutes(decodeXmlBytes(next).text), revision: revisionOf(next) };
}

/** `StaticRoutes.xml.bak-20261129T154500Z`: sortable, and valid on every file system. */
export function backupName(now: Date = new Date()): string {
  return `StaticRoutes.xml.bak-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}
