import { describe, expect, it } from 'vitest';
import { LogBook } from './logger';

describe('LogBook', () => {
  it('keeps every entry word for word and hands the same entry to each sink', () => {
    const book = new LogBook();
    const seen: string[] = [];
    book.addSink((entry) => seen.push(entry.message));
    book.logger('routes').warn('route to 127.0.0.2 failed: auth-failed: wrong user name or password');
    expect(book.recent()[0]?.message).toBe('route to 127.0.0.2 failed: auth-failed: wrong user name or password');
    expect(seen).toEqual(['route to 127.0.0.2 failed: auth-failed: wrong user name or password']);
  });

  it('keeps only the newest entries up to its capacity', () => {
    const book = new LogBook(3);
    const log = book.logger('x');
    for (let i = 0; i < 5; i++) log.info(`n${i}`);
    expect(book.recent().map((e) => e.message)).toEqual(['n2', 'n3', 'n4']);
  });
});
