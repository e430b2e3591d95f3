// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { applyFailed, readOk } from '../features/server/test-fixtures';
import { device, sampleServices } from '../test-utils/sample-services';

/** "Install on target…" on the Certificates page lands on the server page with Set CA files ready for that device. */

function services() {
  const api = sampleServices().handle('server-config:read', ({ places }) => places.map((place) => readOk(place)));
  const devices = [device('CX-123', 300), device('CX-NEW', 300), device('CX-BSD', 300)];
  const overview = { ca: null, thisPc: null, devices, expiry: [], attention: 0 };
  return api.respond('certificates:overview', { ...overview, ca: { certificate: device('Werk Nord CA', 3000).certificate, path: '/ca' } });
}

async function installOnTarget(name: string, api = services()) {
  window.history.replaceState(null, '', '/#/certificates');
  render(<App api={api} />);
  const user = userEvent.setup({ delay: null });
  const table = await screen.findByRole('table', { name: 'Issued device certificates' });
  const row = within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement;
  const button = within(row).getByRole('button', { name: 'Install on target…' });
  // Every row's button has the same name; its description names the device.
  expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent).toBe(name);
  await user.click(button);
  await screen.findByRole('heading', { level: 1, name: 'Secure ADS server' });
  return { api, user, banner: screen.getByTestId('server-hand-over') };
}

function fieldValue(dialog: HTMLElement, label: string): string {
  return within(dialog).getByRole<HTMLInputElement>('textbox', { name: new RegExp(`^${label}`) }).value;
}

describe('Install on target', () => {
  beforeEach(() => window.history.replaceState(null, '', '/'));
  afterEach(cleanup);

  it('opens the server page with the system of the same name selected and Set CA files filled, the key password left to type', async () => {
    const { api, user, banner } = await installOnTarget('CX-123');
    expect(window.location.hash).toBe('#/server');
    // The address bar carries no paths: the hand-over stays in memory.
    expect(window.location.href).not.toContain('CX-123');
    await waitFor(() => expect(banner.textContent).toContain('CX-123 is selected.'));
    expect(banner.textContent).toContain('The private key is encrypted: type its password in Set CA files.');
    // The button that led here is gone with its page: the keyboard goes on from the banner.
    expect(document.activeElement).toBe(banner);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select CX-123' }).checked).toBe(true);
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select CX-CE7' }).checked).toBe(false);
    expect(within(screen.getByRole('toolbar')).getByRole('status').textContent).toBe('1 system selected');

    await user.click(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Set CA files' }));
    const dialog = screen.getByRole('dialog', { name: 'Set CA files' });
    expect(within(dialog).getByText(/CX-123/)).toBeTruthy();
    expect(fieldValue(dialog, 'CA certificate')).toBe('/data/certificates/devices/CX-123/rootCA.pem');
    expect(fieldValue(dialog, 'Server certificate')).toBe('/data/certificates/devices/CX-123/CX-123.crt');
    expect(fieldValue(dialog, 'Server private key')).toBe('/data/certificates/devices/CX-123/CX-123.key');
    expect(within(dialog).getByLabelText<HTMLInputElement>(/^Key password/).value).toBe('');
    // Nothing is written before the usual confirmation.
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    expect(within(dialog).getByRole('button', { name: 'Apply' })).toBeTruthy();
    expect(api.callsTo('server-config:apply')).toEqual([]);
    expect(api.callsTo('server-config:upload')).toEqual([]);
  });

  it('preselects nothing and says so when no system has the certificate’s name', async () => {
    const { user, banner } = await installOnTarget('CX-NEW');
    await waitFor(() => expect(banner.textContent).toContain('No system named CX-NEW is listed.'));
    await waitFor(() => expect(screen.getAllByRole('checkbox', { name: /^Select / }).length).toBeGreaterThan(1));
    expect(screen.getAllByRole<HTMLInputElement>('checkbox', { name: /^Select / }).filter((box) => box.checked)).toEqual([]);
    expect(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Set CA files' }).hasAttribute('disabled')).toBe(true);

    // Chosen by hand, Set CA files still starts with the certificate's files.
    await user.click(screen.getByRole('checkbox', { name: 'Select CX-CE7' }));
    await user.click(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Set CA files' }));
    expect(fieldValue(screen.getByRole('dialog', { name: 'Set CA files' }), 'Server certificate')).toBe(
      '/data/certificates/devices/CX-NEW/CX-NEW.crt',
    );
  });

  it('a system found whose PSK secret is not given yet: selected, and the banner says the secret comes first', async () => {
    const { banner } = await installOnTarget('CX-BSD');
    await waitFor(() => expect(banner.textContent).toContain('CX-BSD is selected, but its PSK secret is needed first'));
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select CX-BSD' }).checked).toBe(true);
    expect(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Set CA files' }).hasAttribute('disabled')).toBe(true);
  });

  it('a route list that cannot be read: the banner says no system is listed instead of waiting for one', async () => {
    const { banner } = await installOnTarget('CX-123', services().fail('routes:list', { code: 'io', message: 'routes.json unreadable' }));
    await waitFor(() => expect(banner.textContent).toContain('No system named CX-123 is listed.'));
  });

  it('a Set CA files that failed everywhere keeps the hand-over for another try', async () => {
    const api = services().handle('server-config:apply', ({ places }) =>
      places.map((place) => applyFailed(place, { code: 'timeout', message: 'no answer within 5 s', diff: null })),
    );
    const { user, banner } = await installOnTarget('CX-123', api);
    await waitFor(() => expect(banner.textContent).toContain('CX-123 is selected.'));
    await user.click(within(screen.getByRole('toolbar')).getByRole('button', { name: 'Set CA files' }));
    const dialog = screen.getByRole('dialog', { name: 'Set CA files' });
    await user.click(within(dialog).getByRole('checkbox', { name: /^Copy the files into each target/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Next' }));
    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(api.callsTo('server-config:apply')).toHaveLength(1));
    await user.click(await within(dialog).findByRole('button', { name: 'Close' }));
    expect(screen.getByTestId('server-hand-over').textContent).toContain('CX-123 is selected.');
  });

  it('hands over once: the server page opened again later starts without it', async () => {
    const { user } = await installOnTarget('CX-123');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Log' }));
    await user.click(within(nav).getByRole('link', { name: 'Secure ADS server' }));
    await screen.findByRole('heading', { level: 1, name: 'Secure ADS server' });
    expect(screen.queryByTestId('server-hand-over')).toBeNull();
  });
});
