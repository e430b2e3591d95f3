// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LocalRoute } from '../../../shared/domain/route';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { fileRoute, STATIC_ROUTES_PATH, twinCatFile } from '../../test-utils/twincat-file';
import { RoutesPage } from './RoutesPage';

const route = (name: string, overrides: Partial<LocalRoute> = {}): LocalRoute => ({
  name,
  address: '10.77.1.10',
  netId: '10.77.1.10.1.1',
  virtualNetId: null,
  type: 'TCP_IP',
  flags: null,
  temporary: false,
  unidirectional: false,
  tls: { mode: 'ssc', fingerprint: 'ab'.repeat(32), pskIdentity: null, ignoreCn: false, caFile: null, certFile: null, keyFile: null },
  createdAt: '2025-01-10T08:00:00.000Z',
  verifiedAt: null,
  ...overrides,
});

const PATH = STATIC_ROUTES_PATH;
const fileHolding = (...names: string[]) => twinCatFile(names.map((name) => fileRoute(name)));
const fileRows = () =>
  within(screen.getByRole('table', { name: "Routes in this PC's StaticRoutes.xml" }))
    .getAllByRole('row')
    .slice(1);

const bodyRows = () =>
  within(screen.getByRole('table', { name: 'Routes' }))
    .getAllByRole('row')
    .slice(1);

describe('Routes page', () => {
  afterEach(cleanup);

  it('lists the local routes with their security, and follows routes:changed', async () => {
    const api = new FakeApi().respond('routes:list', [route('CX-123')]);
    renderWithApi(<RoutesPage />, api);
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(bodyRows()[0]?.textContent).toContain('Secure ADS, self-signed');
    api.emit('routes:changed', {
      routes: [route('CX-123'), route('PLC-7', { address: '10.77.2.11', netId: '10.77.2.11.1.1', tls: null, temporary: true })],
    });
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect(bodyRows()[1]?.textContent).toContain('Plain ADS');
    expect(bodyRows()[1]?.textContent).toContain('Temporary');
  });

  it('removes a route after confirmation and shows a refusal', async () => {
    const user = userEvent.setup({ delay: null });
    let routes = [route('CX-123'), route('PLC-7')];
    const api = new FakeApi()
      .handle('routes:list', () => routes)
      .handle('routes:remove', ({ name }) => {
        routes = routes.filter((r) => r.name !== name);
        return { removed: true, twincat: null };
      });
    renderWithApi(<RoutesPage />, api);
    await user.click(await screen.findByRole('button', { name: 'Remove route PLC-7' }));
    expect(screen.getByRole('heading', { name: 'Remove route PLC-7?' })).toBeTruthy();
    // Without TwinCAT on this PC there is nothing to offer for StaticRoutes.xml.
    expect(screen.queryByRole('checkbox', { name: /StaticRoutes\.xml/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(api.callsTo('routes:remove')).toEqual([{ name: 'PLC-7', fromTwinCat: false }]);

    api.fail('routes:remove', { code: 'internal', message: 'StaticRoutes.xml is read-only' });
    await user.click(screen.getByRole('button', { name: 'Remove route CX-123' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Could not remove CX-123: StaticRoutes.xml is read-only')).toBeTruthy();
  });

  it("offers to remove the route from this PC's StaticRoutes.xml only when the file holds it, checked by default", async () => {
    const user = userEvent.setup({ delay: null });
    let routes = [route('CX-123'), route('PLC-7', { tls: null })];
    const api = new FakeApi()
      .handle('routes:list', () => routes)
      .respond('twincat-routes:list', fileHolding('PLC-7'))
      .handle('routes:remove', ({ name, fromTwinCat }) => {
        routes = routes.filter((r) => r.name !== name);
        if (fromTwinCat) api.emit('twincat-routes:changed', fileHolding());
        return { removed: true, twincat: fromTwinCat ? { outcome: 'removed', path: PATH, detail: `removed from ${PATH}` } : null };
      });
    renderWithApi(<RoutesPage />, api);
    await waitFor(() => expect(fileRows()).toHaveLength(1));

    await user.click(screen.getByRole('button', { name: 'Remove route CX-123' }));
    await screen.findByRole('dialog');
    expect(screen.queryByRole('checkbox', { name: /StaticRoutes\.xml/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: 'Remove route PLC-7' }));
    const box = await screen.findByRole('checkbox', { name: "Also remove from this PC's TwinCAT (StaticRoutes.xml)" });
    expect(box).toHaveProperty('checked', true);
    expect(screen.getByText(new RegExp(`^${PATH.replace(/\\/g, '\\\\')}: .*router restarts`))).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(
      await screen.findByText(/PLC-7 was also removed from .*StaticRoutes\.xml\. TwinCAT drops the route when its router restarts/),
    ).toBeTruthy();
    expect(api.callsTo('routes:remove')).toEqual([{ name: 'PLC-7', fromTwinCat: true }]);
    await waitFor(() => expect(screen.getByText('StaticRoutes.xml holds no routes.')).toBeTruthy());
    expect(bodyRows()).toHaveLength(1);
  });

  it('unchecking the box keeps the StaticRoutes.xml entry; a differing entry is reported as left alone', async () => {
    const user = userEvent.setup({ delay: null });
    let routes = [route('CX-123'), route('PLC-7')];
    const api = new FakeApi()
      .handle('routes:list', () => routes)
      .respond('twincat-routes:list', fileHolding('CX-123', 'PLC-7'))
      .handle('routes:remove', ({ name, fromTwinCat }) => {
        routes = routes.filter((r) => r.name !== name);
        return { removed: true, twincat: fromTwinCat ? { outcome: 'differs', path: PATH, detail: 'left as it is' } : null };
      });
    renderWithApi(<RoutesPage />, api);
    await waitFor(() => expect(fileRows()).toHaveLength(2));

    await user.click(screen.getByRole('button', { name: 'Remove route PLC-7' }));
    await user.click(await screen.findByRole('checkbox', { name: /StaticRoutes\.xml/ }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(api.callsTo('routes:remove')).toEqual([{ name: 'PLC-7', fromTwinCat: false }]);
    expect(fileRows()).toHaveLength(2);
    expect(screen.queryByText(/was also removed from/)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Remove route CX-123' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText(/holds a route named CX-123 that leads elsewhere .*; it was left as it is\./)).toBeTruthy();
    expect(api.callsTo('routes:remove').at(-1)).toEqual({ name: 'CX-123', fromTwinCat: true });
  });

  it('names each security in one phrase, without brackets in brackets, and heads every column visibly', async () => {
    const psk = {
      mode: 'psk' as const,
      fingerprint: null,
      pskIdentity: 'SERVICE',
      ignoreCn: false,
      caFile: null,
      certFile: null,
      keyFile: null,
    };
    renderWithApi(<RoutesPage />, new FakeApi().respond('routes:list', [route('TCBSD-PSK', { tls: psk })]));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    const cells = within(bodyRows()[0]!).getAllByRole('cell');
    expect(cells[3]?.textContent).toBe('Secure ADS, PSK');
    expect(bodyRows()[0]?.textContent).not.toMatch(/\(.*\(/);
    const headers = within(screen.getByRole('table', { name: 'Routes' })).getAllByRole('columnheader');
    expect(headers.map((header) => header.textContent)).toEqual([
      'Route',
      'AMS NetId',
      'Address',
      'Security',
      'Type',
      'Verified',
      'Actions',
    ]);
    // Visible, not only for screen readers: a sighted user sees what the icon column is.
    const hidden = [headers[6]!, ...headers[6]!.querySelectorAll('*')].filter((el) => getComputedStyle(el).position === 'absolute');
    expect(hidden).toEqual([]);
  });

  it('says when there is no route yet', async () => {
    renderWithApi(<RoutesPage />, new FakeApi().respond('routes:list', []));
    expect(await screen.findByText(/No routes yet/)).toBeTruthy();
  });
});
