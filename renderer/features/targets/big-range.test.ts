import { describe, expect, it } from 'vitest';
import { sweepEtaMs } from './big-range';

describe('sweep ETA', () => {
  it('is the rest of the requests at the pace so far, plus one answer window for the last', () => {
    // 256 of 1,024 out after 2 s: 768 more at 2 s per 256 is 6 s, and the last ones may take 1 s to answer.
    expect(sweepEtaMs({ sent: 256, total: 1024 }, 2000, 1000)).toBe(7000);
  });

  it('says nothing before the first request is out, once all are out, or for an empty sweep', () => {
    expect(sweepEtaMs({ sent: 0, total: 1024 }, 500, 1000)).toBeNull();
    expect(sweepEtaMs({ sent: 1024, total: 1024 }, 5000, 1000)).toBeNull();
    expect(sweepEtaMs({ sent: 0, total: 0 }, 5000, 1000)).toBeNull();
  });
});
