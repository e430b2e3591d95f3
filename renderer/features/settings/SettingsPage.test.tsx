// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { SettingsPage } from './SettingsPage';

const ethernet: NetworkAdapter = {
  name: 'Ethernet 2',
  address: '192.168.10.20',
  netmask: '255.255.255.0',
  broadcast: '192.168.10.255',
  prefixLength: 24,
  mac: '00:01:05:aa:bb:cc',
  linkLocal: false,
  loopback: false,
  up: true,
};
const noDhcp: NetworkAdapter = {
  ...ethernet,
  name: 'Machine LAN',
  address: '169.254.7.9',
  netmask: '255.255.0.0',
  broadcast: '169.254.255.255',
  prefixLength: 16,
  linkLocal: true,
};

function rowsOf(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent ?? ''));
}

/** The page also shows this PC's identity; these tests are about the adapters, so it answers with a fixed one. */
function settingsApi(): FakeApi {
  return new FakeApi().respond('identity:get', {
    fingerprint: 'ab'.repeat(32),
    subject: 'CN=ADS Route Studio ENG-PC',
    notAfter: '2061-01-01T00:00:00.000Z',
    localNetId: '10.77.1.2.1.1',
    hostname: 'ENG-PC',
  });
}

describe('Settings page', () => {
  afterEach(cleanup);

  it('lists the adapters of this PC, without asking for loopback, and flags link-local ones', async () => {
    const api = settingsApi().respond('network:adapters', [ethernet, noDhcp]);
    renderWithApi(<SettingsPage />, api);
    expect(screen.getByRole('heading', { level: 2, name: 'Network adapters' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Network adapters' });
    await waitFor(() => expect(rowsOf(table)).toHaveLength(3));
    expect(rowsOf(table)).toEqual([
      ['Name', 'IPv4 address', 'Netmask', 'Broadcast', 'Link-local'],
      ['Ethernet 2', '192.168.10.20', '255.255.255.0', '192.168.10.255', 'No'],
      ['Machine LAN', '169.254.7.9', '255.255.0.0', '169.254.255.255', 'Yeslink-local'],
    ]);
    expect(api.callsTo('network:adapters')).toEqual([{}]);
  });

  it('shows a progress bar until the adapters arrive', async () => {
    const api = settingsApi();
    const answer = api.defer('network:adapters');
    renderWithApi(<SettingsPage />, api);
    expect(screen.getByRole('progressbar', { name: 'Loading network adapters' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Network adapters' })).toBeNull();
    answer.resolve([ethernet]);
    await screen.findByRole('table', { name: 'Network adapters' });
    expect(screen.queryByRole('progressbar', { name: 'Loading network adapters' })).toBeNull();
  });

  it('shows the error message in an alert when the adapters cannot be listed', async () => {
    const api = settingsApi().fail('network:adapters', { code: 'internal', message: 'os.networkInterfaces failed' });
    renderWithApi(<SettingsPage />, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('os.networkInterfaces failed');
    expect(screen.queryByRole('table', { name: 'Network adapters' })).toBeNull();
  });

  it('asks again on Refresh and shows the new list', async () => {
    const user = userEvent.setup();
    let adapters = [ethernet];
    const api = settingsApi().handle('network:adapters', () => adapters);
    renderWithApi(<SettingsPage />, api);
    const table = await screen.findByRole('table', { name: 'Network adapters' });
    expect(rowsOf(table)).toHaveLength(2);
    adapters = [ethernet, noDhcp];
    await user.click(screen.getByRole('button', { name: 'Refresh adapters' }));
    await waitFor(() => expect(rowsOf(screen.getByRole('table', { name: 'Network adapters' }))).toHaveLength(3));
    expect(api.callsTo('network:adapters')).toHaveLength(2);
  });

  it('names the data folder, why it is that one, and what lives in it', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    const api = settingsApi().respond('app:info', {
      name: 'ADS Route Studio',
      version: '0.1.0',
      transport: 'web',
      platform: 'linux',
      hostname: 'pc',
      startupSearch: null,
      dataDir: { path: '/tmp/adsroute-demo-x/app-data', kind: 'demo' },
    });
    renderWithApi(<SettingsPage />, api);
    const section = await screen.findByRole('region', { name: 'Data folder' });
    expect(within(section).getByLabelText('Data folder').textContent).toBe('/tmp/adsroute-demo-x/app-data');
    expect(section.textContent).toContain('A temporary folder of the demo');
    expect(section.textContent).toContain('routes.json: this PC’s routes');
    await user.click(within(section).getByRole('button', { name: 'Copy data folder path' }));
    expect(writeText).toHaveBeenCalledWith('/tmp/adsroute-demo-x/app-data');
  });
});
