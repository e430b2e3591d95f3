import { mkdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  judgeFingerprint,
  knownFingerprintSchema,
  type FingerprintVerdict,
  type KnownFingerprint,
} from '../../../shared/domain/known-fingerprint';
import { normalizeFingerprint } from '../../../shared/protocol/fingerprint';
import { readTextIfExists, writeFileAtomic } from '../files/atomic-write';
import { silentLogger, type Logger } from '../log/logger';

export const KNOWN_FINGERPRINTS_FILE = 'known-fingerprints.json';

const fileSchema = z.object({ version: z.literal(1), entries: z.array(knownFingerprintSchema) });

export interface RememberOutcome {
  entry: KnownFingerprint;
  /** The entry this one replaced because the fingerprint differed; null when it was new or the same. */
  replaced: KnownFingerprint | null;
}

/**
 * The fingerprints of targets this PC has created self-signed routes to, one per NetId, in known-fingerprints.json
 * of the data folder (atomic write, previous version kept as .bak). The file is read again for every call, so the
 * app and the CLI working on one data folder see each other's changes. A corrupt file is moved aside, never
 * overwritten.
 */
export class KnownFingerprintStore {
  private readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataDir: string,
    private readonly logger: Logger = silentLogger,
  ) {
    this.path = join(dataDir, KNOWN_FINGERPRINTS_FILE);
  }

  list(): Promise<KnownFingerprint[]> {
    return this.serial(() => this.load());
  }

  async get(netId: string): Promise<KnownFingerprint | null> {
    return (await this.list()).find((entry) => entry.netId === netId) ?? null;
  }

  async judge(netId: string, fingerprint: string): Promise<FingerprintVerdict> {
    return judgeFingerprint(await this.list(), netId, normalizeFingerprint(fingerprint));
  }

  /**
   * Records the fingerprint a verified route presented. The same one only moves lastSeen (and the address); another
   * one replaces the entry and is returned as `replaced`, so the caller can say so loudly.
   */
  remember(input: { netId: string; address: string; fingerprint: string }, now: Date = new Date()): Promise<RememberOutcome> {
    const fingerprint = normalizeFingerprint(input.fingerprint);
    if (!fingerprint) return Promise.reject(new Error('not a SHA-256 fingerprint'));
    return new Promise<RememberOutcome>((resolve, reject) => {
      this.waiting.push({ input: { ...input, fingerprint }, at: now.toISOString(), resolve, reject });
      // Remembers that arrive while the file is busy go out together: a batch of 100 verified routes costs a few
      // file replacements, not 100 reads and writes of a growing file.
      if (this.waiting.length === 1) void this.serial(() => this.rememberWaiting());
    });
  }

  private waiting: Array<{
    input: { netId: string; address: string; fingerprint: string };
    at: string;
    resolve(outcome: RememberOutcome): void;
    reject(error: unknown): void;
  }> = [];

  private async rememberWaiting(): Promise<void> {
    const group = this.waiting;
    this.waiting = [];
    try {
      const byNetId = new Map((await this.load()).map((entry) => [entry.netId, entry]));
      const outcomes = group.map(({ input, at }) => {
        const previous = byNetId.get(input.netId) ?? null;
        const same = previous !== null && previous.fingerprint === input.fingerprint;
        const entry: KnownFingerprint = same
          ? { ...previous, address: input.address, lastSeen: at }
          : { netId: input.netId, address: input.address, fingerprint: input.fingerprint, firstSeen: at, lastSeen: at };
        byNetId.set(input.netId, entry);
        return { entry, replaced: same ? null : previous };
      });
      await this.save([...byNetId.values()]);
      group.forEach((waiter, i) => waiter.resolve(outcomes[i]!));
    } catch (error) {
      for (const waiter of group) waiter.reject(error);
    }
  }

  /** Forgets the entry of a NetId; false when there was none. */
  forget(netId: string): Promise<boolean> {
    return this.serial(async () => {
      const entries = await this.load();
      const next = entries.filter((entry) => entry.netId !== netId);
      if (next.length === entries.length) return false;
      await this.save(next);
      return true;
    });
  }

  private async load(): Promise<KnownFingerprint[]> {
    const raw = await readTextIfExists(this.path);
    if (raw === null) return [];
    const parsed = parse(raw);
    if (parsed) return parsed;
    const aside = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    await rename(this.path, aside);
    this.logger.warn(`${KNOWN_FINGERPRINTS_FILE} could not be read and was moved to ${aside}; no fingerprints are known now`);
    return [];
  }

  private async save(entries: KnownFingerprint[]): Promise<void> {
    const sorted = [...entries].sort((a, b) => a.netId.localeCompare(b.netId));
    await mkdir(this.dataDir, { recursive: true });
    await writeFileAtomic(this.path, `${JSON.stringify({ version: 1, entries: sorted }, null, 2)}\n`, { backup: true });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function parse(raw: string): KnownFingerprint[] | null {
  try {
    const parsed = fileSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data.entries : null;
  } catch {
    return null;
  }
}
