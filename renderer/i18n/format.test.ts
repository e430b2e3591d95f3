import { describe, expect, it } from 'vitest';
import { formattersFor } from './format';

describe('localised numbers, units and dates', () => {
  const en = formattersFor('en');
  const de = formattersFor('de');

  it('groups and separates decimals the way each language does', () => {
    expect(en.number(1234.5)).toBe('1,234.5');
    expect(de.number(1234.5)).toBe('1.234,5');
  });

  it('writes durations with their unit', () => {
    expect(en.duration(350)).toBe('350 ms');
    expect(de.duration(350)).toBe('350 ms');
    expect(en.duration(1250)).toBe('1.3 s');
    expect(de.duration(1250)).toBe('1,3 s');
    expect(en.duration(999.4)).toBe('999 ms');
    expect(en.duration(999.7)).toBe('1 s');
  });

  it('scales byte counts to a readable unit', () => {
    expect(en.bytes(512)).toBe('512 B');
    expect(de.bytes(10 * 1024 * 1024)).toBe('10 MB');
    expect(de.bytes(1.5 * 1024)).toBe('1,5 KB');
  });

  it('writes dates in the order each language reads them and passes unreadable input through', () => {
    const moment = new Date(2061, 0, 31, 13, 5, 9, 42);
    expect(de.date(moment)).toBe('31.01.2061');
    expect(en.date(moment)).toBe('Jan 31, 2061');
    expect(de.timeWithMs(moment)).toBe('13:05:09,042');
    expect(en.timeWithMs(moment)).toBe('13:05:09.042');
    expect(de.date('not a date')).toBe('not a date');
  });
});

describe('numbers inside catalogue texts', () => {
  it('are grouped the way the language writes them', async () => {
    const { i18n } = await import('./i18n');
    const de = i18n.cloneInstance({ lng: 'de', initAsync: false });
    const en = i18n.cloneInstance({ lng: 'en', initAsync: false });
    expect(de.t('certificates:expiry.days', { count: 12452 })).toBe('12.452 Tage');
    expect(en.t('certificates:expiry.days', { count: 12452 })).toBe('12,452 days');
    expect(de.t('log:shown', { shown: 1500, total: 25000 })).toBe('1.500 von 25.000 Zeilen');
  });
});
