// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LocalRoute } from '../../../shared/domain/route';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
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
        return { removed: true };
      });
    renderWithApi(<RoutesPage />, api);
    await user.click(await screen.findByRole('button', { name: 'Remove route PLC-7' }));
    expect(screen.getByRole('heading', { name: 'Remove route PLC-7?' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(1));
    expect(api.callsTo('routes:remove')).toEqual([{ name: 'PLC-7' }]);

    api.fail('routes:remove', { code: 'internal', message: 'StaticRoutes.xml is read-only' });
    await user.click(screen.getByRole('button', { name: 'Remove route CX-123' }));
    await user.click(screen.getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Could not remove CX-123: StaticRoutes.xml is read-only')).toBeTruthy();
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
