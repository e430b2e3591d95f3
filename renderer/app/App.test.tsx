// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { FakeApi } from '../test-utils/fake-api';
import { i18n, setLanguage } from '../i18n';

const NAV_LABELS = ['Targets', 'Routes', 'Secure ADS server', 'Certificates', 'Log', 'Settings'];

function mainNav() {
  return screen.getByRole('navigation', { name: 'Main' });
}

describe('App shell', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '/');
  });
  afterEach(cleanup);

  it('offers the six pages in order inside the landmarks and opens Targets by default', async () => {
    render(<App api={new FakeApi()} />);
    expect(screen.getByRole('banner')).toHaveProperty('textContent', expect.stringContaining('ADS Route Studio'));
    expect(screen.getByRole('main')).toBeTruthy();
    const links = within(mainNav()).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual(NAV_LABELS);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Targets');
    expect(within(mainNav()).getByRole('link', { name: 'Targets' }).getAttribute('aria-current')).toBe('page');
    await waitFor(() => expect(window.location.hash).toBe('#/targets'));
  });

  it('switches page when a nav link is clicked and moves aria-current with it', async () => {
    const user = userEvent.setup();
    render(<App api={new FakeApi().respond('log:recent', [])} />);
    await user.click(within(mainNav()).getByRole('link', { name: 'Log' }));
    expect((await screen.findByRole('heading', { level: 1, name: 'Log' })).textContent).toBe('Log');
    expect(window.location.hash).toBe('#/log');
    expect(within(mainNav()).getByRole('link', { name: 'Log' }).getAttribute('aria-current')).toBe('page');
    expect(within(mainNav()).getByRole('link', { name: 'Targets' }).getAttribute('aria-current')).toBeNull();
  });

  it('shows the page named in the hash on start, and each page has its h1', async () => {
    for (const [hash, title] of [
      ['#/routes', 'Routes'],
      ['#/server', 'Secure ADS server'],
      ['#/certificates', 'Certificates'],
      ['#/settings', 'Settings'],
    ]) {
      window.history.replaceState(null, '', `/${hash}`);
      render(<App api={new FakeApi().respond('network:adapters', [])} />);
      expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
      expect(within(mainNav()).getByRole('link', { name: title }).getAttribute('aria-current')).toBe('page');
      cleanup();
    }
  });

  it('lets the keyboard walk the nav with the arrow keys, wrapping at the ends', async () => {
    const user = userEvent.setup();
    render(<App api={new FakeApi()} />);
    const nav = within(mainNav());
    nav.getByRole('link', { name: 'Targets' }).focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(nav.getByRole('link', { name: 'Routes' }));
    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(nav.getByRole('link', { name: 'Settings' }));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(nav.getByRole('link', { name: 'Targets' }));
    await user.keyboard('{Enter}');
    expect(window.location.hash).toBe('#/targets');
  });

  it('shows the connection banner when the services cannot be reached, and clears it after a successful retry', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '/#/settings');
    const api = new FakeApi().fail('network:adapters', { code: 'transport', message: 'Connection to the host closed' });
    api.fail('app:info', { code: 'transport', message: 'Connection to the host closed' });
    render(<App api={api} />);
    const banner = await screen.findByText('Cannot reach the ADS Route Studio services');
    expect(banner.closest('[role="alert"]')).not.toBeNull();

    api.respond('app:info', {
      name: 'ADS Route Studio',
      version: '0.1.0',
      transport: 'web',
      platform: 'linux',
      hostname: 'pc',
      startupSearch: null,
      dataDir: { path: '/data', kind: 'default' },
    });
    api.respond('network:adapters', []);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.queryByText('Cannot reach the ADS Route Studio services')).toBeNull());
    // The page that failed loads again on its own once the services answer.
    expect(await screen.findByText(/No network adapter with an IPv4 address/)).toBeTruthy();
  });

  it('shows no banner when a service refuses a request for its own reasons', async () => {
    window.history.replaceState(null, '', '/#/settings');
    const api = new FakeApi().fail('network:adapters', { code: 'internal', message: 'adapter list unavailable' });
    render(<App api={api} />);
    expect(await screen.findByText('adapter list unavailable')).toBeTruthy();
    expect(screen.queryByText('Cannot reach the ADS Route Studio services')).toBeNull();
  });

  describe('language', () => {
    afterEach(async () => {
      localStorage.clear();
      await setLanguage('en');
      localStorage.clear();
    });

    it('switches the whole app to German from Settings, at once, and remembers the choice for the next start', async () => {
      const user = userEvent.setup();
      window.history.replaceState(null, '', '/#/settings');
      const api = new FakeApi().respond('network:adapters', []);
      render(<App api={api} />);
      await user.click(screen.getByRole('combobox', { name: 'Language' }));
      await user.click(await screen.findByRole('option', { name: 'Deutsch' }));

      expect(await screen.findByRole('heading', { level: 1, name: 'Einstellungen' })).toBeTruthy();
      const nav = within(screen.getByRole('navigation', { name: 'Hauptnavigation' }));
      expect(nav.getAllByRole('link').map((link) => link.textContent)).toEqual([
        'Zielsysteme',
        'Routen',
        'Secure-ADS-Server',
        'Zertifikate',
        'Protokoll',
        'Einstellungen',
      ]);
      expect(document.title).toBe('Einstellungen – ADS Route Studio');
      expect(document.documentElement.lang).toBe('de');
      expect(localStorage.getItem('ads-route-studio.language')).toBe('de');
      expect(i18n.language).toBe('de');
    });
  });
});
