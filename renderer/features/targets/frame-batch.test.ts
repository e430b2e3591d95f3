import { describe, expect, it } from 'vitest';
import { frameBatch } from './frame-batch';

function manualFrames() {
  const pending: (() => void)[] = [];
  const schedule = (run: () => void) => {
    pending.push(run);
    return () => pending.splice(pending.indexOf(run), 1);
  };
  const tick = () => pending.splice(0).forEach((run) => run());
  return { schedule, tick, pending };
}

describe('frameBatch', () => {
  it('hands a burst over once, at the next frame, in order', () => {
    const frames = manualFrames();
    const delivered: number[][] = [];
    const batch = frameBatch<number>((items) => delivered.push(items), frames.schedule);
    for (let i = 0; i < 2000; i++) batch.push(i);
    expect(delivered).toEqual([]);
    expect(frames.pending).toHaveLength(1);
    frames.tick();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toHaveLength(2000);
    expect(delivered[0]?.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it('flush hands over at once and leaves no frame waiting; cancel drops what is queued', () => {
    const frames = manualFrames();
    const delivered: string[][] = [];
    const batch = frameBatch<string>((items) => delivered.push(items), frames.schedule);
    batch.push('a');
    batch.flush();
    expect(delivered).toEqual([['a']]);
    expect(frames.pending).toHaveLength(0);
    batch.push('b');
    batch.cancel();
    frames.tick();
    expect(delivered).toEqual([['a']]);
  });
});
