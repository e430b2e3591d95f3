// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LocalRoute } from '../../../shared/domain/route';
import { routeExport } from '../../../shared/static-routes/route-export';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { fileRoute, STATIC_ROUTES_PATH, twinCatFile } from '../../test-utils/twincat-file';
import { TwinCatRoutesView } from './TwinCatRoutesSection';
import { useTwinCatRoutes } from './use-twincat-routes';

/** The section as the Routes page renders it: the view with the file's routes read through the api. */
function TwinCatRoutesSection({ routes }: { routes: readonly LocalRoute[] }) {
  return <TwinCatRoutesView routes={routes} {...useTwinCatRoutes()} />;
}

const PATH = STATIC_ROUTES_PATH;
const entry = (name: string, secure = false) => fileRoute(name, secure ? { flags: null, secure } : {});
const withTwinCat = twinCatFile;
const route = (name: string, overrides: Partial<LocalRoute> = {}): LocalRoute => ({
  name,
  address: '10.77.1.20',
  netId: '10.77.1.20.1.1',
  virtualNetId: null,
  type: 'TCP_IP',
  flags: null,
  temporary: false,
  unidirectional: false,
  tls: null,
  createdAt: '2026-11-29T19:00:00.000Z',
  verifiedAt: null,
  ...overrides,
});
const THIS_PC = { netId: '10.77.1.1.1.1', address: '10.77.1.1', hostname: 'ENG-PC' };
const table = () => screen.getByRole('table', { name: "Routes in this PC's StaticRoutes.xml" });

describe("this PC's TwinCAT routes on the Routes page", () => {
  afterEach(cleanup);

  it('shows the routes of StaticRoutes.xml with the file path and the restart note, and follows a write', async () => {
    const api = new FakeApi().respond('twincat-routes:list', withTwinCat([entry('ENG-LAPTOP')]));
    renderWithApi(<TwinCatRoutesSection routes={[]} />, api);
    expect(await screen.findByText(`From ${PATH}`)).toBeTruthy();
    expect(screen.getByText(/TwinCAT uses it after its router restarts/)).toBeTruthy();
    expect(within(table()).getAllByRole('row')).toHaveLength(2);
    expect(screen.queryByText(/empty <Tls> element/)).toBeNull();
    api.emit('twincat-routes:changed', withTwinCat([entry('ENG-LAPTOP'), entry('CX-PSK', true)]));
    await waitFor(() => expect(within(table()).getAllByRole('row')).toHaveLength(3));
    expect(within(table()).getAllByRole('row')[2]?.textContent).toContain('Secure ADS');
    expect(screen.getByText(/empty <Tls> element: what TwinCAT stores inside it is not public/)).toBeTruthy();
  });

  it('says when the file cannot be read (nothing is written to it)', async () => {
    const api = new FakeApi().respond('twincat-routes:list', {
      ...withTwinCat([]),
      error: { code: 'static-routes-xml', message: 'line 4: unclosed <RemoteConnections>' },
    });
    renderWithApi(<TwinCatRoutesSection routes={[]} />, api);
    expect(
      await screen.findByText(`${PATH} cannot be read, so new routes are not written to it: line 4: unclosed <RemoteConnections>`),
    ).toBeTruthy();
  });

  it('without TwinCAT offers an export per route: the StaticRoutes.xml entry, adstool and pyads lines, each to copy', async () => {
    const user = userEvent.setup({ delay: null });
    // After setup, which installs its own clipboard.
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const plc = route('PLC-7');
    const api = new FakeApi()
      .respond('twincat-routes:list', {
        found: false,
        path: null,
        tried: ['/usr/local/etc/TwinCAT/3.1/Target'],
        exists: false,
        routes: [],
        error: null,
      })
      .handle('twincat-routes:export', ({ name }) => ({ ...routeExport(route(name), THIS_PC), thisPc: THIS_PC }));
    renderWithApi(<TwinCatRoutesSection routes={[plc]} />, api);
    expect(await screen.findByText(/There is no TwinCAT on this PC \(looked in \/usr\/local\/etc\/TwinCAT\/3.1\/Target\)/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Export route PLC-7' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export route PLC-7' });
    const fragment = await within(dialog).findByLabelText(/^StaticRoutes.xml entry/, { selector: 'pre' });
    expect(fragment.textContent).toBe(
      '<Route>\n  <Name>PLC-7</Name>\n  <Address>10.77.1.20</Address>\n  <NetId>10.77.1.20.1.1</NetId>\n  <Type>TCP_IP</Type>\n  <Flags>32</Flags>\n</Route>',
    );
    const adstool = within(dialog).getByLabelText(/^adstool/, { selector: 'pre' }).textContent ?? '';
    expect(adstool).toContain(
      'adstool 10.77.1.20 addroute --addr=10.77.1.1 --netid=10.77.1.1.1.1 --password="$ADS_PASSWORD" --username=Administrator --routename=ENG-PC',
    );
    const pyads = within(dialog).getByLabelText(/^pyads/, { selector: 'pre' }).textContent ?? '';
    expect(pyads).toContain('pyads.add_route("10.77.1.20.1.1", "10.77.1.20")');
    expect(pyads).toContain(
      'pyads.add_route_to_plc("10.77.1.1.1.1", "10.77.1.1", "10.77.1.20", "Administrator", getpass.getpass(), route_name="ENG-PC")',
    );
    expect(within(dialog).queryByText(/create plain ADS routes only/)).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Copy the adstool lines' }));
    expect(writeText).toHaveBeenCalledWith(adstool);
    await user.click(within(dialog).getByRole('button', { name: 'Copy the StaticRoutes.xml entry' }));
    expect(writeText).toHaveBeenLastCalledWith(fragment.textContent);
  });

  it('warns that adstool and pyads make a plain route when the route is Secure ADS; in German too', async () => {
    const user = userEvent.setup({ delay: null });
    const tls = {
      mode: 'psk' as const,
      fingerprint: null,
      pskIdentity: 'MAINT',
      ignoreCn: false,
      caFile: null,
      certFile: null,
      keyFile: null,
    };
    const api = new FakeApi()
      .respond('twincat-routes:list', {
        found: false,
        path: null,
        tried: ['C:\\TwinCAT\\3.1\\Target'],
        exists: false,
        routes: [],
        error: null,
      })
      .handle('twincat-routes:export', ({ name }) => ({ ...routeExport(route(name, { tls }), THIS_PC), thisPc: THIS_PC }));
    renderWithApi(<TwinCatRoutesSection routes={[route('CX-PSK', { tls })]} />, api, { language: 'de' });
    await user.click(await screen.findByRole('button', { name: 'Route CX-PSK exportieren' }));
    const dialog = await screen.findByRole('dialog', { name: 'Route CX-PSK exportieren' });
    expect(await within(dialog).findByText(/legen nur unverschlüsselte ADS-Routen an/)).toBeTruthy();
    expect(within(dialog).getByText(/Das <Tls>-Element bleibt leer/)).toBeTruthy();
    expect(within(dialog).getByLabelText(/^Eintrag für StaticRoutes.xml/, { selector: 'pre' }).textContent).toContain('<Tls />');
  });
});
