import { describe, expect, it } from 'vitest';
import { LogBook } from './logger';

describe('LogBook', () => {
  it('masks registered secrets in every entry and sink', () => {
    const book = new LogBook();
    const seen: string[] = [];
    book.addSink((entry) => seen.push(entry.message));
    book.registerSecret('Pa55word!');
    book.logger('routes').warn('login failed for Administrator with Pa55word!');
    expect(book.recent()[0]?.message).toBe('login failed for Administrator with ***');
    expect(seen).toEqual(['login failed for Administrator with ***']);
  });

  it('keeps only the newest entries up to its capacity', () => {
    const book = new LogBook(3);
    const log = book.logger('x');
    for (let i = 0; i < 5; i++) log.info(`n${i}`);
    expect(book.recent().map((e) => e.message)).toEqual(['n2', 'n3', 'n4']);
  });
});
