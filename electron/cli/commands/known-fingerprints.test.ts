import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../run-cli';
import { KnownFingerprintStore } from '../../services/known-fingerprints/known-fingerprint-store';
import { knownFingerprintsCommand } from './known-fingerprints';
import { bufferIo } from '../testing/buffer-io';

let dir: string;
const run = async (...args: string[]) => {
  const io = bufferIo();
  const code = await runCli(['known-fingerprints', ...args, '--data-dir', dir], [knownFingerprintsCommand], io);
  return { code, io };
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'known-fp-cli-'));
  await new KnownFingerprintStore(dir).remember(
    { netId: '5.1.2.3.1.1', address: '10.0.0.5', fingerprint: 'ab'.repeat(32) },
    new Date('2026-01-02T00:00:00Z'),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('adsroute known-fingerprints', () => {
  it('lists NetId, address, fingerprint and dates, also as JSON', async () => {
    const text = await run('list');
    expect(text.code).toBe(0);
    expect(text.io.out).toContain('5.1.2.3.1.1');
    expect(text.io.out).toContain('AB:AB:AB');
    expect(text.io.out).toContain('first seen 2026-01-02');
    const json = await run('list', '--json');
    expect(JSON.parse(json.io.out)).toEqual([
      expect.objectContaining({ netId: '5.1.2.3.1.1', address: '10.0.0.5', fingerprint: 'ab'.repeat(32) }),
    ]);
  });

  it('forgets a NetId (exit 0), then says there is none (exit 1)', async () => {
    expect((await run('forget', '5.1.2.3.1.1')).code).toBe(0);
    expect((await run('list')).io.out).toContain('no known fingerprints');
    const again = await run('forget', '5.1.2.3.1.1');
    expect(again.code).toBe(1);
    expect(again.io.err).toContain('no known fingerprint for 5.1.2.3.1.1');
  });

  it('refuses an unknown action with a usage error', async () => {
    expect((await run('drop')).code).toBe(2);
  });
});
