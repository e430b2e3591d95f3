import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KNOWN_FINGERPRINTS_FILE, KnownFingerprintStore } from './known-fingerprint-store';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const NET = '5.1.2.3.1.1';
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'known-fp-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('KnownFingerprintStore', () => {
  it('remembers a fingerprint per NetId with first and last seen, and survives a new instance (the file)', async () => {
    const store = new KnownFingerprintStore(dir);
    await store.remember({ netId: NET, address: '10.0.0.5', fingerprint: A.toUpperCase() }, new Date('2026-01-02T03:04:05Z'));
    await store.remember({ netId: NET, address: '10.0.0.6', fingerprint: A }, new Date('2026-02-01T00:00:00Z'));
    const again = await new KnownFingerprintStore(dir).list();
    expect(again).toEqual([
      { netId: NET, address: '10.0.0.6', fingerprint: A, firstSeen: '2026-01-02T03:04:05.000Z', lastSeen: '2026-02-01T00:00:00.000Z' },
    ]);
  });

  it('judges the same fingerprint as known and another as changed, with the date it was known since', async () => {
    const store = new KnownFingerprintStore(dir);
    await store.remember({ netId: NET, address: '10.0.0.5', fingerprint: A }, new Date('2026-01-02T00:00:00Z'));
    expect(await store.judge(NET, A)).toMatchObject({ status: 'known' });
    expect(await store.judge(NET, B)).toMatchObject({
      status: 'changed',
      known: { firstSeen: '2026-01-02T00:00:00.000Z', fingerprint: A },
    });
    expect(await store.judge('9.9.9.9.1.1', B)).toEqual({ status: 'unknown' });
  });

  it('a different fingerprint replaces the entry and reports what it replaced', async () => {
    const store = new KnownFingerprintStore(dir);
    await store.remember({ netId: NET, address: '10.0.0.5', fingerprint: A }, new Date('2026-01-02T00:00:00Z'));
    const outcome = await store.remember({ netId: NET, address: '10.0.0.5', fingerprint: B }, new Date('2026-03-01T00:00:00Z'));
    expect(outcome.replaced).toMatchObject({ fingerprint: A });
    expect(outcome.entry).toMatchObject({ fingerprint: B, firstSeen: '2026-03-01T00:00:00.000Z' });
  });

  it('forgets a NetId and says whether there was one', async () => {
    const store = new KnownFingerprintStore(dir);
    await store.remember({ netId: NET, address: '10.0.0.5', fingerprint: A });
    expect(await store.forget(NET)).toBe(true);
    expect(await store.forget(NET)).toBe(false);
    expect(await store.list()).toEqual([]);
  });

  it('writes atomically with a backup, and concurrent remembers of different targets all land', async () => {
    const store = new KnownFingerprintStore(dir);
    await store.remember({ netId: '5.9.9.9.1.1', address: '10.0.0.99', fingerprint: B });
    // Arriving together they may share one write; each still gets its own outcome.
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.remember({ netId: `5.1.2.${i}.1.1`, address: `10.0.0.${i}`, fingerprint: A })),
    );
    expect(outcomes.map((o) => o.entry.address)).toEqual(Array.from({ length: 10 }, (_, i) => `10.0.0.${i}`));
    expect(await store.list()).toHaveLength(11);
    const files = await readdir(dir);
    expect(files).toContain(`${KNOWN_FINGERPRINTS_FILE}.bak`);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('moves a corrupt file aside instead of overwriting it', async () => {
    await writeFile(join(dir, KNOWN_FINGERPRINTS_FILE), '{ not json');
    const store = new KnownFingerprintStore(dir);
    expect(await store.list()).toEqual([]);
    const aside = (await readdir(dir)).find((f) => f.includes('.corrupt-'));
    expect(aside).toBeDefined();
    expect(await readFile(join(dir, aside!), 'utf8')).toBe('{ not json');
  });

  it('refuses text that is not a fingerprint', async () => {
    await expect(new KnownFingerprintStore(dir).remember({ netId: NET, address: 'x', fingerprint: 'abc' })).rejects.toThrow(/fingerprint/);
  });
});
