import { describe, expect, it } from 'vitest';
import { exportFileName, logToCsv, logToJson } from './log-export';
import type { LogEntry } from './merge-log';

const entries: LogEntry[] = [
  {
    time: '2026-01-29T15:30:12.345Z',
    level: 'error',
    source: 'routes',
    target: '10.77.1.20',
    message: 'route to 10.77.1.20 failed: wrong user name or password',
  },
  { time: '2026-01-29T15:30:13.000Z', level: 'info', source: 'discovery', target: null, message: 'reply from "CX-1", 3 ms; done' },
  { time: '2026-01-29T15:30:14.000Z', level: 'warn', source: 'sim', target: null, message: '=HYPERLINK("http://x")\nsecond line' },
];

describe('log export', () => {
  it('writes CSV with a header, one row per line, quoting where needed and no formulas', () => {
    expect(logToCsv(entries)).toBe(
      [
        'time,level,source,target,message',
        '2026-01-29T15:30:12.345Z,error,routes,10.77.1.20,route to 10.77.1.20 failed: wrong user name or password',
        '2026-01-29T15:30:13.000Z,info,discovery,,"reply from ""CX-1"", 3 ms; done"',
        `2026-01-29T15:30:14.000Z,warn,sim,,"'=HYPERLINK(""http://x"")\nsecond line"`,
        '',
      ].join('\r\n'),
    );
  });

  it('writes JSON with exactly the fields of each line', () => {
    const parsed = JSON.parse(logToJson(entries)) as unknown[];
    expect(parsed).toEqual(entries.map(({ time, level, source, target, message }) => ({ time, level, source, target, message })));
  });

  it('exports only the lines it is given and nothing for an empty view', () => {
    expect(logToCsv([])).toBe('time,level,source,target,message\r\n');
    expect(JSON.parse(logToJson([]))).toEqual([]);
  });

  it('names the file by the local time of the export', () => {
    expect(exportFileName(new Date(2026, 0, 29, 15, 30, 12), 'csv')).toBe('ads-route-studio-log-20260129-153012.csv');
  });
});
