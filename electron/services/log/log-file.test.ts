import { mkdtempSync, readdirSync, rmSync, statSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LogBook } from './logger';
import { LogFile } from './log-file';

const dirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ars-log-'));
  dirs.push(dir);
  return dir;
}

function totalBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

describe('the log on disk', () => {
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('survives a restart: a new run shows the lines of the last one, then its own', () => {
    const dir = scratch();
    const first = new LogBook();
    first.persistTo(new LogFile(dir));
    first.logger('routes').warn('route to 10.77.1.20 failed: wrong user name or password');

    const second = new LogBook();
    second.logger('app').info('started');
    second.persistTo(new LogFile(dir));
    expect(second.recent().map((entry) => [entry.source, entry.target, entry.message])).toEqual([
      ['routes', '10.77.1.20', 'route to 10.77.1.20 failed: wrong user name or password'],
      ['app', null, 'started'],
    ]);
  });

  it('stays within its size by rotating, and keeps the newest lines', () => {
    const dir = scratch();
    const book = new LogBook(100_000);
    book.persistTo(new LogFile(dir, 64 * 1024));
    const log = book.logger('discovery');
    for (let i = 0; i < 2000; i++) log.info(`reply ${i} from 10.77.1.${i % 250}: ${'x'.repeat(40)}`);
    expect(totalBytes(dir)).toBeLessThanOrEqual(64 * 1024);
    expect(readdirSync(dir).sort()).toEqual(['app.1.log', 'app.log']);

    const reloaded = new LogBook(100_000);
    reloaded.persistTo(new LogFile(dir, 64 * 1024));
    const messages = reloaded.recent().map((entry) => entry.message);
    expect(messages.at(-1)).toMatch(/^reply 1999 /);
    expect(messages.length).toBeGreaterThan(100);
  });

  it('skips a line cut short by a crash and loads the rest', () => {
    const dir = scratch();
    const book = new LogBook();
    book.persistTo(new LogFile(dir));
    book.logger('app').info('before the crash');
    appendFileSync(join(dir, 'app.log'), '{"time":"2026-01-01T00:00:00.000Z","level":"in');
    const next = new LogBook();
    next.persistTo(new LogFile(dir));
    next.logger('app').info('after the restart');
    expect(next.recent().map((entry) => entry.message)).toEqual(['before the crash', 'after the restart']);
  });

  it('clear deletes the lines in memory and on disk', () => {
    const dir = scratch();
    const book = new LogBook();
    book.persistTo(new LogFile(dir));
    book.logger('app').error('TLS to 10.77.1.5:8016 failed');
    book.clear();
    expect(book.recent()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    const reloaded = new LogBook();
    reloaded.persistTo(new LogFile(dir));
    expect(reloaded.recent()).toEqual([]);
  });

  it('names the target of a line from its address, or as the caller says', () => {
    const book = new LogBook();
    const log = book.logger('routes');
    log.info('searching 3 hosts');
    log.warn('TCP 8016 refused by 192.168.1.20');
    log.info('route CX-1 stored', { target: '10.0.0.7' });
    expect(book.recent().map((entry) => entry.target)).toEqual([null, '192.168.1.20', '10.0.0.7']);
  });
});
