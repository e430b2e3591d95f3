import { describe, expect, it } from 'vitest';
import { findLocalTargetFolder, targetFolderCandidates } from './local-target-folder';
import { parseRegQuery, readListenerSwitches } from './registry-switches';

describe("finding this PC's TwinCAT target folder", () => {
  it('tries Settings, TWINCAT3DIR, then the 4026 and 4024 defaults on Windows', () => {
    const candidates = targetFolderCandidates({
      platform: 'win32',
      env: { TWINCAT3DIR: 'D:\\TwinCAT\\3.1\\' },
      override: 'E:\\Custom\\Target',
    });
    expect(candidates).toEqual([
      { folder: 'E:\\Custom\\Target', source: 'settings' },
      { folder: 'D:\\TwinCAT\\3.1\\Target', source: 'TWINCAT3DIR' },
      { folder: 'C:\\Program Files (x86)\\Beckhoff\\TwinCAT\\3.1\\Target', source: 'default-4026' },
      { folder: 'C:\\TwinCAT\\3.1\\Target', source: 'default-4024' },
    ]);
  });

  it('uses the TwinCAT/BSD folder elsewhere', async () => {
    const found = await findLocalTargetFolder({
      platform: 'freebsd',
      env: {},
      isDirectory: async (p) => p === '/usr/local/etc/TwinCAT/3.1/Target',
    });
    expect(found).toEqual({ found: true, folder: '/usr/local/etc/TwinCAT/3.1/Target', source: 'tcbsd' });
  });

  it('picks the first folder that exists, and says what it tried when there is none', async () => {
    const found = await findLocalTargetFolder({ platform: 'win32', env: {}, isDirectory: async (p) => p === 'C:\\TwinCAT\\3.1\\Target' });
    expect(found).toMatchObject({ found: true, source: 'default-4024' });
    const none = await findLocalTargetFolder({ platform: 'linux', env: {}, override: '/nope', isDirectory: async () => false });
    expect(none).toEqual({
      found: false,
      tried: [
        { folder: '/nope', source: 'settings' },
        { folder: '/usr/local/etc/TwinCAT/3.1/Target', source: 'tcbsd' },
      ],
    });
  });
});

describe('DisableAds* registry switches', () => {
  const output = [
    '',
    'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Beckhoff\\TwinCAT3\\System',
    '    DisableAdsTcpListening    REG_DWORD    0x1',
    '    DisableAdsDiscovery    REG_DWORD    0x0',
    '    AmsNetId    REG_BINARY    C0A80A140101',
    '    RunAsAdmin    REG_SZ    0x1',
    '',
  ].join('\r\n');

  it('parses DWORD lines of reg query output and nothing else', () => {
    expect([...parseRegQuery(output)]).toEqual([
      ['disableadstcplistening', 1],
      ['disableadsdiscovery', 0],
    ]);
  });

  it('reports each switch, unset ones as null, and a missing key as all unset', async () => {
    const calls: string[][] = [];
    const switches = await readListenerSwitches(async (args) => {
      calls.push(args);
      if (args[1]!.includes('WOW6432Node')) return output;
      throw new Error('ERROR: The system was unable to find the specified registry key or value.');
    });
    expect(calls.every((a) => a[0] === 'query')).toBe(true);
    expect(switches).toEqual([
      { name: 'DisableAdsTcpListening', value: 1 },
      { name: 'DisableAdsTlsListening', value: null },
      { name: 'DisableAdsDiscovery', value: 0 },
    ]);
    expect(
      (
        await readListenerSwitches(async () => {
          throw new Error('no key');
        })
      ).every((s) => s.value === null),
    ).toBe(true);
  });
});
