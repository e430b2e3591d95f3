import { describe, expect, it } from 'vitest';
import { CHECKBOX_WIDTH, COLUMN_WIDTH, loadHiddenColumns, saveHiddenColumns, shownColumns } from './column-layout';
import type { TargetColumn } from './target-table-model';

const ALL: TargetColumn[] = ['hostname', 'connected', 'address', 'netId', 'twincat', 'os', 'comment', 'secureAds', 'fingerprint'];
const fullWidth = CHECKBOX_WIDTH + Object.values(COLUMN_WIDTH).reduce((a, b) => a + b, 0);

describe('shownColumns', () => {
  it('shows every column, in on-screen order, where they fit', () => {
    expect(shownColumns(fullWidth, new Set())).toEqual(ALL);
    expect(shownColumns(4000, new Set())).toEqual(ALL);
  });

  it('hides the comment, the OS and then the TwinCAT version first, keeping Secure ADS and the fingerprint', () => {
    expect(shownColumns(fullWidth - 1, new Set())).toEqual(ALL.filter((c) => c !== 'comment'));
    // A 1280 px window leaves about 1000 px for the table.
    expect(shownColumns(1000, new Set())).toEqual(['hostname', 'connected', 'address', 'netId', 'twincat', 'secureAds', 'fingerprint']);
    // A 1024 px window leaves about 740 px.
    expect(shownColumns(740, new Set())).toEqual(['hostname', 'address', 'secureAds', 'fingerprint']);
  });

  it('always keeps the host name, however narrow', () => {
    expect(shownColumns(10, new Set())).toEqual(['hostname']);
    expect(shownColumns(4000, new Set(['hostname'] as TargetColumn[]))).toEqual(ALL);
    expect(shownColumns(4000, new Set(), 20)).toEqual(['hostname']);
  });

  it('leaves out what the user switched off, and the room it frees goes to the next columns in priority', () => {
    expect(shownColumns(4000, new Set<TargetColumn>(['os', 'netId']))).toEqual(ALL.filter((c) => c !== 'os' && c !== 'netId'));
    expect(shownColumns(740, new Set<TargetColumn>(['fingerprint']))).toEqual([
      'hostname',
      'connected',
      'address',
      'netId',
      'twincat',
      'secureAds',
    ]);
  });

  it('hides one more column per step of squeeze, lowest priority first', () => {
    expect(shownColumns(4000, new Set(), 1)).toEqual(ALL.filter((c) => c !== 'comment'));
    expect(shownColumns(4000, new Set(), 2)).toEqual(ALL.filter((c) => c !== 'comment' && c !== 'os'));
  });
});

describe('remembered choice', () => {
  it('round-trips through storage and ignores what it does not know', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveHiddenColumns(new Set<TargetColumn>(['os', 'comment']), storage);
    expect(loadHiddenColumns(storage)).toEqual(new Set(['os', 'comment']));
    store.set('targets.hiddenColumns', '["os","bogus","hostname"]');
    expect(loadHiddenColumns(storage)).toEqual(new Set(['os']));
    store.set('targets.hiddenColumns', '{not json');
    expect(loadHiddenColumns(storage)).toEqual(new Set());
  });
});
