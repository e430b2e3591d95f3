import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventMessage } from '../../shared/ipc/transport';
import { createEventBatcher } from './event-batcher';

describe('event batcher', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function record(maxPerMessage?: number) {
    const messages: EventMessage[][] = [];
    const batcher = createEventBatcher((events) => messages.push(events), maxPerMessage);
    const texts = () => messages.map((message) => message.map((m) => m.event));
    return { batcher, texts };
  }

  it('sends on flush what the tick has queued so far, in order, and nothing twice at the end of the tick', () => {
    const { batcher, texts } = record();
    for (const text of ['a', 'b', 'c']) batcher.push('log:entry', text);
    batcher.flush();
    expect(texts()).toEqual([['a'], ['b', 'c']]);
    batcher.push('log:entry', 'd');
    vi.runAllTimers();
    expect(texts()).toEqual([['a'], ['b', 'c'], ['d']]);
  });

  it('keeps every message within its cap', () => {
    const { batcher, texts } = record(2);
    for (const text of ['a', 'b', 'c', 'd', 'e', 'f']) batcher.push('log:entry', text);
    vi.runAllTimers();
    expect(texts()).toEqual([['a'], ['b', 'c'], ['d', 'e'], ['f']]);
  });

  it('after dispose sends nothing and leaves no timer behind', () => {
    const { batcher, texts } = record();
    batcher.push('log:entry', 'a');
    batcher.push('log:entry', 'b');
    batcher.dispose();
    batcher.push('log:entry', 'c');
    expect(vi.getTimerCount()).toBe(0);
    batcher.flush();
    expect(texts()).toEqual([['a']]);
  });
});
