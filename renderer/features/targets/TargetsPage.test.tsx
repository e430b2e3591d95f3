// @vitest-environment jsdom
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DiscoveredTarget } from '../../../shared/domain/target';
import type { LocalRoute } from '../../../shared/domain/route';
import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { adapter } from '../../test-utils/network';
import { discoveredTarget as discovered, FINGERPRINT } from '../../test-utils/targets';
import { TargetsPage } from './TargetsPage';

// The view picks each request's id itself; here they are s1, s2, … in order, so events can name them.
const ids = vi.hoisted(() => ({ next: 0 }));
vi.mock('../../api/request-id', () => ({ newRequestId: () => `s${++ids.next}` }));
beforeEach(() => {
  ids.next = 0;
});

// The real dialog belongs to another feature; this stand-in shows which targets the view handed over.
function StandInDialog({ open, targets }: { open: boolean; targets: DiscoveredTarget[] }) {
  return open ? (
    <div role="dialog" aria-label="Add Route">
      {targets.map((t) => t.hostname).join(', ')}
    </div>
  ) : null;
}

const LAB1 = adapter('lab1', '10.77.1.2');
const LAB2 = adapter('lab2', '10.77.2.2');
const NO_DHCP = adapter('eth9', '169.254.3.4', { netmask: '255.255.0.0', prefixLength: 16, linkLocal: true });

const PLC_A = discovered({ hostname: 'PLC-A', address: '10.77.1.10' });
const PLC_B = discovered({ hostname: 'plc-b', address: '10.77.1.9', secureAds: false, fingerprint: null });
const BSD = discovered({
  hostname: 'CX-BSD',
  address: '10.77.2.12',
  adapter: 'lab2',
  adapters: ['lab2'],
  twincat: { major: 3, minor: 1, build: 4026, text: '3.1.4026' },
  os: { platform: 'tcbsd', major: 14, minor: 0, build: 0, csd: '', text: 'TwinCAT/BSD 14.0' },
});

function setup(
  options: {
    startupSearch?: { hosts: string[]; ranges: string[] };
    routes?: LocalRoute[];
    strict?: boolean;
    known?: KnownFingerprint[];
  } = {},
) {
  const api = new FakeApi()
    .respond('known-fingerprints:list', options.known ?? [])
    .respond('network:adapters', [LAB1, LAB2, NO_DHCP])
    .respond('routes:list', options.routes ?? [])
    .respond('app:info', {
      name: 'ADS Route Studio',
      version: '0.1.0',
      transport: 'web',
      platform: 'linux',
      hostname: 'pc',
      startupSearch: options.startupSearch ?? null,
      dataDir: { path: '/data', kind: 'default' },
    })
    .respond('discovery:start', { searchId: 's1' })
    .respond('discovery:cancel', { cancelled: true });
  const user = userEvent.setup();
  renderWithApi(
    options.strict ? (
      <StrictMode>
        <TargetsPage AddRouteDialog={StandInDialog} />
      </StrictMode>
    ) : (
      <TargetsPage AddRouteDialog={StandInDialog} />
    ),
    api,
  );
  return { api, user };
}

function table() {
  return screen.getByRole('table', { name: 'Targets' });
}

function bodyRows() {
  return within(table())
    .queryAllByRole('row')
    .filter((row) => row.hasAttribute('data-key'));
}

function hostNames() {
  return bodyRows().map((row) => row.querySelectorAll('td')[1]?.textContent);
}

function rowOf(hostname: string) {
  const row = bodyRows().find((r) => r.querySelectorAll('td')[1]?.textContent === hostname);
  if (!row) throw new Error(`no row for ${hostname}`);
  return row;
}

async function startBroadcast(api: FakeApi, user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('checkbox', { name: /lab1 — 10\.77\.1\.2\/24/ });
  await user.click(screen.getByRole('button', { name: 'Broadcast Search' }));
  await waitFor(() => expect(api.callsTo('discovery:start')).toHaveLength(1));
  // The start answer has been applied once Cancel becomes usable.
  await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', false));
}

/** Results reach the table once per animation frame (a burst is one render): wait for that frame, as a user would. */
const nextFrame = () => act(() => new Promise<void>((resolve) => requestAnimationFrame(() => resolve())));
const emit = async (api: FakeApi, ...args: Parameters<FakeApi['emit']>) => {
  act(() => api.emit(...args));
  await nextFrame();
};

describe('Targets page', () => {
  afterEach(cleanup);

  it('broadcasts on the non-link-local adapters by default and shows rows as they stream in', async () => {
    const { api, user } = setup();
    expect(await screen.findByRole('checkbox', { name: /lab1 — 10\.77\.1\.2\/24/ })).toHaveProperty('checked', true);
    const linkLocal = screen.getByRole('checkbox', { name: /eth9 — 169\.254\.3\.4\/16/ });
    expect(linkLocal).toHaveProperty('checked', false);
    expect(screen.getByText('link-local (no DHCP?)')).toBeTruthy();

    await startBroadcast(api, user);
    expect(api.callsTo('discovery:start')).toEqual([{ searchId: 's1', adapters: ['10.77.1.2', '10.77.2.2'], timeoutMs: 3000 }]);
    expect(screen.getByRole('progressbar', { name: 'Search progress' })).toBeTruthy();

    await emit(api, 'discovery:result', { searchId: 's1', target: PLC_A });
    expect(hostNames()).toEqual(['PLC-A']);
    expect(screen.getByText('1 system found')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Search progress' })).toBeTruthy();

    // Another window's search shares the event stream; its systems are not ours.
    await emit(api, 'discovery:result', { searchId: 'other', target: BSD });
    await emit(api, 'discovery:progress', { searchId: 's1', sent: 1, total: 2, answered: 1 });
    expect(screen.getByText(/1 answered, 1 of 2 requests sent/)).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Search progress' }).getAttribute('aria-valuenow')).toBe('50');
    await emit(api, 'discovery:progress', { searchId: 's1', sent: 2, total: 2, answered: 1 });
    expect(screen.getByText(/1 answered, waiting for late answers/)).toBeTruthy();
    await emit(api, 'discovery:result', { searchId: 's1', target: PLC_B });
    expect(hostNames()).toEqual(['PLC-A', 'plc-b']);

    await emit(api, 'discovery:update', { searchId: 's1', target: { ...PLC_A, adapters: ['lab1', 'lab2'] } });
    expect(hostNames()).toEqual(['PLC-A', 'plc-b']);
    expect(within(rowOf('PLC-A')).getByText('answered on lab1, lab2')).toBeTruthy();

    await emit(api, 'discovery:done', { searchId: 's1', found: 2, durationMs: 3000, cancelled: false, hint: null });
    expect(screen.queryByRole('progressbar', { name: 'Search progress' })).toBeNull();
    expect(screen.getByText('2 systems found')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('broadcasts only on the adapters left ticked, with the timeout the user picked', async () => {
    const { api, user } = setup();
    await user.click(await screen.findByRole('checkbox', { name: /lab2 — / }));
    await user.click(screen.getByRole('combobox', { name: 'Timeout' }));
    await user.click(screen.getByRole('option', { name: '10 s' }));
    await startBroadcast(api, user);
    expect(api.callsTo('discovery:start')).toEqual([{ searchId: 's1', adapters: ['10.77.1.2'], timeoutMs: 10_000 }]);
  });

  it('lists per-host problems and explains an empty result with the hint of the services', async () => {
    const { api, user } = setup();
    await user.click(screen.getByRole('textbox', { name: 'Host name / IP' }));
    await user.paste('10.77.2.99, PLC-X');
    await user.click(screen.getByRole('button', { name: 'Search host' }));
    await waitFor(() =>
      expect(api.callsTo('discovery:start')).toEqual([
        { searchId: 's1', adapters: [], hosts: ['10.77.2.99', 'PLC-X'], perHostTimeoutMs: 3000, timeoutMs: 3500 },
      ]),
    );
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', false));

    await emit(api, 'discovery:host-error', {
      searchId: 's1',
      host: '10.77.2.99',
      message: 'no answer from 10.77.2.99 on UDP 48899 within 3000 ms',
    });
    await emit(api, 'discovery:host-error', { searchId: 's1', host: 'PLC-X', message: "cannot resolve 'PLC-X'" });
    const problems = screen.getByRole('status', { name: 'Problems during the search' });
    expect(problems.textContent).toContain('10.77.2.99: no answer from 10.77.2.99 on UDP 48899 within 3000 ms');
    expect(problems.textContent).toContain("PLC-X: cannot resolve 'PLC-X'");
    expect(screen.queryByRole('alert')).toBeNull();

    const hint = 'No target answered on UDP 48899: a firewall on the target may block the port.';
    await emit(api, 'discovery:done', { searchId: 's1', found: 0, durationMs: 3500, cancelled: false, hint });
    expect(screen.getByRole('alert').textContent).toContain(hint);
    expect(screen.getByText('0 systems found')).toBeTruthy();
  });

  it('sends a range as one span and, when the services refuse it, keeps the results found before', async () => {
    const { api, user } = setup();
    await startBroadcast(api, user);
    await emit(api, 'discovery:result', { searchId: 's1', target: PLC_A });
    await emit(api, 'discovery:done', { searchId: 's1', found: 1, durationMs: 3000, cancelled: false, hint: null });
    api.fail('discovery:start', { code: 'invalid-range', message: "'10.77.9.10-10.77.9.20': no adapter reaches this network" });
    await user.click(screen.getByRole('textbox', { name: 'Address range' }));
    await user.paste('10.77.9.10 - 10.77.9.20');
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('no adapter reaches this network');
    expect(api.callsTo('discovery:start')[1]).toEqual({
      searchId: 's2',
      adapters: [],
      hosts: [],
      ranges: ['10.77.9.10-10.77.9.20'],
      perHostTimeoutMs: 1000,
    });
    expect(hostNames()).toEqual(['PLC-A']);
    expect(screen.getByText('1 system found')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Search range' })).toHaveProperty('disabled', false);
  });

  it('checks hosts and ranges as they are typed: bad input says why, cannot start and leaves the results alone', async () => {
    const { api, user } = setup();
    await startBroadcast(api, user);
    await emit(api, 'discovery:result', { searchId: 's1', target: PLC_A });
    await emit(api, 'discovery:done', { searchId: 's1', found: 1, durationMs: 3000, cancelled: false, hint: null });
    const hosts = screen.getByRole('textbox', { name: 'Host name / IP' });
    const ranges = screen.getByRole('textbox', { name: 'Address range' });
    const searchHost = screen.getByRole('button', { name: 'Search host' });
    const searchRange = screen.getByRole('button', { name: 'Search range' });

    await user.type(hosts, '999.1.1.1');
    expect(screen.getByText('999.1.1.1 is not an IPv4 address: four numbers from 0 to 255')).toBeTruthy();
    expect(hosts.getAttribute('aria-invalid')).toBe('true');
    expect(searchHost).toHaveProperty('disabled', true);
    await user.keyboard('{Enter}');

    await user.type(ranges, 'banana');
    expect(screen.getByText(/^banana is not a range: use CIDR/)).toBeTruthy();
    expect(searchRange).toHaveProperty('disabled', true);
    await user.keyboard('{Enter}');
    await user.clear(ranges);
    await user.type(ranges, '10.0.0.0/8');
    expect(screen.getByText('16,777,216 addresses: a search covers at most 65,536 (a /16)')).toBeTruthy();
    await user.keyboard('{Enter}');

    // Nothing started, nothing lost, and no claim that no search ran.
    expect(api.callsTo('discovery:start')).toHaveLength(1);
    expect(hostNames()).toEqual(['PLC-A']);
    expect(screen.queryByText(/No search yet/)).toBeNull();

    await user.clear(ranges);
    await user.type(ranges, '10.0.0.0/24');
    expect(screen.getByText('CIDR or from–to; asks each address in turn')).toBeTruthy();
    expect(searchRange).toHaveProperty('disabled', false);
    await user.clear(hosts);
    await user.type(hosts, 'banana');
    expect(searchHost).toHaveProperty('disabled', false);
  });

  it('reads host names as the services do: a trailing dot is fine, a label ending in a hyphen is not', async () => {
    const { api, user } = setup();
    const hosts = screen.getByRole('textbox', { name: 'Host name / IP' });
    const searchHost = screen.getByRole('button', { name: 'Search host' });

    await user.type(hosts, 'plc-.local');
    expect(screen.getByText('plc-.local is not a host name or IPv4 address')).toBeTruthy();
    expect(searchHost).toHaveProperty('disabled', true);
    await user.clear(hosts);
    await user.type(hosts, 'plc:851');
    expect(screen.getByText('plc:851: the search runs over IPv4 only; enter no port and no IPv6 address')).toBeTruthy();
    await user.clear(hosts);
    await user.type(hosts, '010.1.1.1');
    expect(screen.getByText('010.1.1.1 is not an IPv4 address: four numbers from 0 to 255')).toBeTruthy();

    await user.clear(hosts);
    await user.type(hosts, 'plc.local.{Enter}');
    expect(screen.getByText('Comma or space separated; reaches other subnets')).toBeTruthy();
    await waitFor(() => expect(api.callsTo('discovery:start')).toHaveLength(1));
    expect(api.callsTo('discovery:start')[0]).toMatchObject({ hosts: ['plc.local.'] });
  });

  it('asks before sweeping more than 1,024 addresses, with their number and the longest it may take', async () => {
    const { api, user } = setup();
    api.respond('discovery:estimate', { addresses: 2046, estimatedMs: 8000 });
    await user.click(screen.getByRole('textbox', { name: 'Address range' }));
    await user.paste('10.8.0.0/21');
    await user.keyboard('{Enter}');
    const question = await screen.findByRole('dialog', { name: 'Search 2,046 addresses?' });
    expect(question.textContent).toContain('up to 8 s');
    expect(api.callsTo('discovery:estimate')).toEqual([{ ranges: ['10.8.0.0/21'], perHostTimeoutMs: 1000 }]);
    expect(api.callsTo('discovery:start')).toEqual([]);

    await user.click(within(question).getByRole('button', { name: 'Back' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('discovery:start')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Search range' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Search 2,046 addresses' }));
    await waitFor(() => expect(api.callsTo('discovery:start')).toHaveLength(1));
    expect(api.callsTo('discovery:start')[0]).toMatchObject({ ranges: ['10.8.0.0/21'], perHostTimeoutMs: 1000 });
  });

  it('starts a range of 1,024 addresses or fewer without asking', async () => {
    const { api, user } = setup();
    api.respond('discovery:estimate', { addresses: 1022, estimatedMs: 4000 });
    await user.click(screen.getByRole('textbox', { name: 'Address range' }));
    await user.paste('10.8.0.0/22');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.callsTo('discovery:start')).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps a reply that overtakes the start answer, and drops one from a superseded search', async () => {
    const { api, user } = setup();
    api.handle('discovery:start', () => {
      api.emit('discovery:result', { searchId: 's1', target: PLC_A });
      api.emit('discovery:result', { searchId: 's-old', target: BSD });
      return { searchId: 's1' };
    });
    await startBroadcast(api, user);
    await nextFrame();
    expect(hostNames()).toEqual(['PLC-A']);
  });

  it('sorts by a clicked header (numbers as numbers) and filters by name, address, NetId or OS', async () => {
    const { api, user } = setup();
    await startBroadcast(api, user);
    for (const target of [PLC_A, BSD, PLC_B]) await emit(api, 'discovery:result', { searchId: 's1', target });
    expect(hostNames()).toEqual(['PLC-A', 'CX-BSD', 'plc-b']);

    await user.click(within(table()).getByRole('button', { name: 'Address' }));
    expect(hostNames()).toEqual(['plc-b', 'PLC-A', 'CX-BSD']);
    await user.click(within(table()).getByRole('button', { name: 'Host Name' }));
    expect(hostNames()).toEqual(['CX-BSD', 'PLC-A', 'plc-b']);
    await user.click(within(table()).getByRole('button', { name: 'Host Name' }));
    expect(hostNames()).toEqual(['plc-b', 'PLC-A', 'CX-BSD']);
    expect(
      within(table())
        .getByRole('columnheader', { name: /Host Name/ })
        .getAttribute('aria-sort'),
    ).toBe('descending');

    const filter = screen.getByRole('textbox', { name: 'Filter targets' });
    await user.click(filter);
    await user.paste('bsd');
    expect(hostNames()).toEqual(['CX-BSD']);
    expect(screen.getByText('3 systems found (1 shown)')).toBeTruthy();
    await user.clear(filter);
    await user.paste('10.77.1.9.1');
    expect(hostNames()).toEqual(['plc-b']);
    await user.clear(filter);
    await user.paste('nothing-like-this');
    expect(within(table()).getByText('No system matches the filter.')).toBeTruthy();
  });

  it('enables Add Route once a row is chosen and hands the selected targets to the dialog', async () => {
    const { api, user } = setup();
    await startBroadcast(api, user);
    for (const target of [PLC_A, PLC_B, BSD]) await emit(api, 'discovery:result', { searchId: 's1', target });
    const addRoute = screen.getByRole('button', { name: 'Add Route' });
    expect(addRoute).toHaveProperty('disabled', true);

    await user.click(within(rowOf('plc-b')).getByText('10.77.1.9'));
    expect(addRoute).toHaveProperty('disabled', false);
    expect(rowOf('plc-b').getAttribute('aria-selected')).toBe('true');
    // A plain row click chooses that one system only; checkboxes add to the choice.
    await user.click(within(rowOf('PLC-A')).getByText('10.77.1.10'));
    expect(rowOf('plc-b').getAttribute('aria-selected')).toBe('false');
    await user.click(screen.getByRole('checkbox', { name: 'Select CX-BSD' }));
    expect(screen.getByText(/3 systems found, 2 selected/)).toBeTruthy();

    await user.click(addRoute);
    expect(screen.getByRole('dialog', { name: 'Add Route' }).textContent).toBe('PLC-A, CX-BSD');
  });

  it('walks the rows with the arrow keys and toggles the focused one with Space', async () => {
    const { api, user } = setup();
    await startBroadcast(api, user);
    for (const target of [PLC_A, PLC_B, BSD]) await emit(api, 'discovery:result', { searchId: 's1', target });
    rowOf('PLC-A').focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(rowOf('plc-b'));
    await user.keyboard(' {ArrowDown} ');
    expect(rowOf('plc-b').getAttribute('aria-selected')).toBe('true');
    expect(rowOf('CX-BSD').getAttribute('aria-selected')).toBe('true');
    await user.keyboard(' ');
    expect(rowOf('CX-BSD').getAttribute('aria-selected')).toBe('false');
    expect(screen.getByRole('button', { name: 'Add Route' })).toHaveProperty('disabled', false);
  });

  it('runs the startup search of app:info once, with its hosts in the field', async () => {
    const { api } = setup({ startupSearch: { hosts: ['127.0.0.11', '127.0.0.12'], ranges: [] }, strict: true });
    await waitFor(() => expect(api.callsTo('discovery:start')).toHaveLength(1));
    expect(api.callsTo('discovery:start')[0]).toMatchObject({ hosts: ['127.0.0.11', '127.0.0.12'] });
    expect(screen.getByRole('textbox', { name: 'Host name / IP' })).toHaveProperty('value', '127.0.0.11, 127.0.0.12');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', false));
    await emit(api, 'discovery:result', { searchId: 's1', target: PLC_A });
    await emit(api, 'discovery:done', { searchId: 's1', found: 1, durationMs: 900, cancelled: false, hint: null });
    expect(hostNames()).toEqual(['PLC-A']);
    expect(api.callsTo('discovery:start')).toHaveLength(1);
  });

  it('copies the full fingerprint without changing the selection, and marks it unverified', async () => {
    const { api, user } = setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await startBroadcast(api, user);
    await emit(api, 'discovery:result', { searchId: 's1', target: PLC_A });
    expect(within(rowOf('PLC-A')).getByText('A1B2C3D4…DDEEFF00')).toBeTruthy();
    expect(within(rowOf('PLC-A')).getByText('unverified')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy fingerprint of PLC-A' }));
    expect(writeText).toHaveBeenCalledWith(FINGERPRINT);
    expect(rowOf('PLC-A').getAttribute('aria-selected')).toBe('false');
  });

  it('shows the Secure ADS lock and the Connected check from the local routes, live', async () => {
    const route: LocalRoute = {
      name: 'PLC-A',
      address: PLC_A.address,
      netId: PLC_A.netId,
      virtualNetId: null,
      type: 'TCP_IP',
      flags: null,
      temporary: false,
      unidirectional: false,
      tls: null,
      createdAt: '2025-01-10T08:00:00.000Z',
      verifiedAt: '2025-01-10T08:00:01.000Z',
    };
    const { api, user } = setup({ routes: [route] });
    await startBroadcast(api, user);
    for (const target of [PLC_A, PLC_B]) await emit(api, 'discovery:result', { searchId: 's1', target });
    expect(within(rowOf('PLC-A')).getByRole('img', { name: 'Secure ADS offered' })).toBeTruthy();
    expect(within(rowOf('plc-b')).getByRole('img', { name: 'No Secure ADS' })).toBeTruthy();
    expect(within(rowOf('plc-b')).queryByRole('button', { name: /Copy fingerprint/ })).toBeNull();
    await waitFor(() => expect(within(rowOf('PLC-A')).getByRole('img', { name: 'Route exists' })).toBeTruthy());
    expect(within(rowOf('plc-b')).queryByRole('img', { name: 'Route exists' })).toBeNull();

    await emit(api, 'routes:changed', { routes: [route, { ...route, name: 'plc-b', address: PLC_B.address, netId: PLC_B.netId }] });
    expect(within(rowOf('plc-b')).getByRole('img', { name: 'Route exists' })).toBeTruthy();

    // A Secure ADS route turns the offered (outlined) lock into the route's own, naming the method.
    const secure = {
      ...route,
      tls: {
        mode: 'ssc' as const,
        fingerprint: 'ab'.repeat(32),
        pskIdentity: null,
        ignoreCn: false,
        caFile: null,
        certFile: null,
        keyFile: null,
      },
    };
    await emit(api, 'routes:changed', { routes: [secure] });
    expect(within(rowOf('PLC-A')).getByRole('img', { name: 'Secure ADS route (Self-Signed Certificate)' })).toBeTruthy();
    expect(within(rowOf('PLC-A')).queryByRole('img', { name: 'Secure ADS offered' })).toBeNull();
    expect(within(rowOf('plc-b')).getByRole('img', { name: 'No Secure ADS' })).toBeTruthy();
  });

  it('cancels the running search and gives no empty-result hint for a cancelled one', async () => {
    const { api, user } = setup();
    await startBroadcast(api, user);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(api.callsTo('discovery:cancel')).toEqual([{ searchId: 's1' }]));
    await emit(api, 'discovery:done', { searchId: 's1', found: 0, durationMs: 400, cancelled: true, hint: 'would be misleading' });
    await waitFor(() => expect(screen.queryByRole('progressbar', { name: 'Search progress' })).toBeNull());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: 'Broadcast Search' })).toHaveProperty('disabled', false);
  });
});

describe('Targets page: known fingerprints', () => {
  afterEach(cleanup);

  it('marks a remembered fingerprint verified, and a different one from the same NetId as changed, loudly, with the date', async () => {
    const { api, user } = setup({
      known: [
        {
          netId: PLC_A.netId,
          address: PLC_A.address,
          fingerprint: FINGERPRINT,
          firstSeen: '2026-01-02T12:00:00.000Z',
          lastSeen: '2026-03-04T00:00:00.000Z',
        },
      ],
    });
    await startBroadcast(api, user);
    await emit(api, 'discovery:result', { searchId: 's1', target: PLC_A });
    await emit(api, 'discovery:result', { searchId: 's1', target: BSD });
    await waitFor(() => expect(within(rowOf('PLC-A')).getByTestId('fingerprint-verified')).toBeTruthy());
    expect(within(rowOf('CX-BSD')).getByText('unverified')).toBeTruthy();
    expect(screen.queryByTestId('fingerprint-changed-banner')).toBeNull();

    // The same NetId now presents another certificate: the remembered one stays until the user forgets or re-verifies.
    await emit(api, 'known-fingerprints:changed', {
      entries: [
        {
          netId: PLC_A.netId,
          address: PLC_A.address,
          fingerprint: 'ab'.repeat(32),
          firstSeen: '2026-01-02T12:00:00.000Z',
          lastSeen: '2026-03-04T00:00:00.000Z',
        },
      ],
    });
    await waitFor(() =>
      expect(within(rowOf('PLC-A')).getByTestId('fingerprint-changed').textContent).toContain('changed since Jan 2, 2026'),
    );
    expect(within(rowOf('PLC-A')).queryByTestId('fingerprint-verified')).toBeNull();
    expect(screen.getByTestId('fingerprint-changed-banner').textContent).toContain(
      'PLC-A (10.77.1.10.1.1, 10.77.1.10): Fingerprint changed since Jan 2, 2026: the target was reinstalled, or someone is in between.',
    );
  });

  it('Ctrl+F puts the cursor in the filter instead of opening the browser find bar', async () => {
    const { user } = setup();
    await screen.findByRole('checkbox', { name: /lab1 — / });
    const filter = screen.getByRole('textbox', { name: 'Filter targets' });
    expect(document.activeElement).not.toBe(filter);
    const pressed = fireEvent.keyDown(document.body, { key: 'f', ctrlKey: true });
    expect(pressed).toBe(false);
    expect(document.activeElement).toBe(filter);
    await user.keyboard('plc');
    expect(filter).toHaveProperty('value', 'plc');
  });

  it('F5 runs the last search again and never reloads the page; before any search it does nothing', async () => {
    const { api, user } = setup();
    await screen.findByRole('checkbox', { name: /lab1 — / });
    expect(fireEvent.keyDown(document.body, { key: 'F5' })).toBe(false);
    expect(api.callsTo('discovery:start')).toEqual([]);

    await user.click(screen.getByRole('textbox', { name: 'Host name / IP' }));
    await user.paste('10.77.1.10');
    await user.click(screen.getByRole('button', { name: 'Search host' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', false));
    await emit(api, 'discovery:result', { searchId: 's1', target: PLC_A });
    // While the search runs, F5 does not start a second one.
    expect(fireEvent.keyDown(document.body, { key: 'F5' })).toBe(false);
    expect(api.callsTo('discovery:start')).toHaveLength(1);
    await emit(api, 'discovery:done', { searchId: 's1', found: 1, durationMs: 10, cancelled: false, hint: null });

    // The field changed since: F5 repeats what was searched, not what is typed now.
    await user.clear(screen.getByRole('textbox', { name: 'Host name / IP' }));
    await user.keyboard('{F5}');
    await waitFor(() => expect(api.callsTo('discovery:start')).toHaveLength(2));
    const [first, again] = api.callsTo('discovery:start') as Record<string, unknown>[];
    expect(again).toEqual({ ...first, searchId: 's2' });
  });

  it('leaves the page shortcuts to an open dialog, and Esc closes the dialog', async () => {
    const { api, user } = setup();
    api.respond('discovery:estimate', { addresses: 2046, estimatedMs: 8000 });
    await user.click(screen.getByRole('textbox', { name: 'Address range' }));
    await user.paste('10.8.0.0/21');
    await user.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: 'Search 2,046 addresses?' });
    await user.keyboard('{Control>}f{/Control}');
    expect(document.activeElement).not.toBe(screen.getByRole('textbox', { name: 'Filter targets', hidden: true }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.callsTo('discovery:start')).toEqual([]);
  });

  it('hides a column from the column chooser and remembers it for the next start', async () => {
    localStorage.clear();
    // The hidden column must not reach later tests, whether this one passes or not.
    onTestFinished(() => localStorage.clear());
    const { user } = setup();
    const headers = () =>
      within(table())
        .getAllByRole('columnheader')
        .map((th) => th.textContent);
    expect(headers()).toContain('OS Version');
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    const os = screen.getByRole('menuitemcheckbox', { name: 'OS Version' });
    expect(os.getAttribute('aria-checked')).toBe('true');
    expect(screen.queryByRole('menuitemcheckbox', { name: 'Host Name' })).toBeNull();
    await user.click(os);
    expect(screen.getByRole('menuitemcheckbox', { name: 'OS Version' }).getAttribute('aria-checked')).toBe('false');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());
    expect(headers()).not.toContain('OS Version');

    cleanup();
    setup();
    expect(headers()).not.toContain('OS Version');
    expect(headers()).toContain('Fingerprint');
  });

  it('the column chooser names the wanted columns the table has no room for, and only those', async () => {
    localStorage.clear();
    // jsdom lays nothing out: the table's container reports 800 px, room for the name, address, Secure ADS and fingerprint.
    class Observer {
      constructor(private readonly measure: () => void) {}
      observe() {
        this.measure();
      }
      unobserve() {}
      disconnect() {}
    }
    vi.stubGlobal('ResizeObserver', Observer);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    onTestFinished(() => {
      vi.unstubAllGlobals();
      vi.restoreAllMocks();
      localStorage.clear();
    });
    const { user } = setup();
    await waitFor(() => expect(within(table()).queryByRole('columnheader', { name: 'OS Version' })).toBeNull());
    expect(
      within(table())
        .getAllByRole('columnheader')
        .map((th) => th.textContent)
        .filter(Boolean),
    ).toEqual(['Host Name', 'Address', 'Secure ADS', 'Fingerprint']);
    await user.click(screen.getByRole('button', { name: 'Columns' }));
    const noRoom = screen
      .getAllByRole('menuitemcheckbox')
      .filter((item) => item.textContent?.includes('no room at this window width'))
      .map((item) => item.textContent?.replace('no room at this window width', ''));
    expect(noRoom).toEqual(['Connected', 'AMS NetId', 'TwinCAT', 'OS Version', 'Comment']);
    await user.click(screen.getByRole('menuitemcheckbox', { name: /^OS Version/ }));
    // Switched off, it is no longer a wanted column left out.
    expect(screen.getByRole('menuitemcheckbox', { name: /^OS Version/ }).textContent).not.toContain('no room');
  });
});
