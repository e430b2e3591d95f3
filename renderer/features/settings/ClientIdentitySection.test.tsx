// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { ClientIdentitySection } from './ClientIdentitySection';

const identity = {
  fingerprint: 'ab'.repeat(32),
  subject: 'CN=ADS Route Studio ENG-PC',
  notAfter: '2061-01-01T00:00:00.000Z',
  localNetId: '10.77.1.2.1.1',
  localNetIdConfigured: false,
  adapterNetIds: [
    { adapter: 'lo', address: '127.0.0.1', netId: '127.0.0.1.1.1' },
    { adapter: 'Ethernet 2', address: '10.77.1.2', netId: '10.77.1.2.1.1' },
  ],
  hostname: 'ENG-PC',
};

describe('This PC section', () => {
  afterEach(cleanup);

  it('shows the client fingerprint grouped and copies it in full', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithApi(<ClientIdentitySection />, new FakeApi().respond('identity:get', identity));
    expect((await screen.findByTestId('client-fingerprint')).textContent).toBe(Array(16).fill('ABAB').join(' '));
    await userEvent.click(screen.getByRole('button', { name: 'Copy client certificate fingerprint' }));
    expect(writeText).toHaveBeenCalledWith('ab'.repeat(32));
  });

  it('says the NetId is derived per adapter, with what each adapter sends, instead of claiming one value', async () => {
    renderWithApi(<ClientIdentitySection />, new FakeApi().respond('identity:get', identity));
    const derivation = await screen.findByTestId('netid-derivation');
    expect(derivation.textContent).toContain('Derived per target');
    const perAdapter = within(screen.getByRole('list', { name: 'AMS NetId per adapter' })).getAllByRole('listitem');
    expect(perAdapter.map((item) => item.textContent)).toEqual([
      'Targets reached over lo (127.0.0.1) get 127.0.0.1.1.1',
      'Targets reached over Ethernet 2 (10.77.1.2) get 10.77.1.2.1.1',
    ]);
    expect(screen.queryByRole('textbox', { name: /AMS NetId/ })).toBeNull();
    expect(screen.queryByText(/Sent to targets as this PC/)).toBeNull();
  });

  it('fixes a NetId for every target and refuses an invalid one', async () => {
    const api = new FakeApi().respond('identity:get', identity).handle('identity:set', (request) => ({
      localNetId: request.localNetId ?? identity.localNetId,
      hostname: request.hostname ?? identity.hostname,
    }));
    renderWithApi(<ClientIdentitySection />, api);
    await userEvent.click(await screen.findByRole('switch', { name: 'Send one fixed AMS NetId to every target' }));
    const netId = screen.getByRole('textbox', { name: 'Fixed AMS NetId' });
    await userEvent.clear(netId);
    await userEvent.type(netId, '10.77.1');
    expect(screen.getByText(/Six numbers 0–255/)).toBeTruthy();
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save' });
    expect(save.disabled).toBe(true);
    await userEvent.type(netId, '.9.1.1');
    expect(screen.getByText('Every target stores this PC as 10.77.1.9.1.1, whichever adapter reaches it')).toBeTruthy();
    expect(save.disabled).toBe(false);
    await userEvent.click(save);
    expect(api.callsTo('identity:set')).toEqual([{ localNetId: '10.77.1.9.1.1', hostname: 'ENG-PC' }]);
  });

  it('clears a configured NetId when the switch is turned off', async () => {
    const configured = { ...identity, localNetIdConfigured: true, localNetId: '10.1.2.3.1.1' };
    const api = new FakeApi()
      .respond('identity:get', configured)
      .handle('identity:set', () => ({ localNetId: '10.77.1.2.1.1', hostname: 'ENG-PC' }));
    renderWithApi(<ClientIdentitySection />, api);
    expect((await screen.findByRole<HTMLInputElement>('textbox', { name: 'Fixed AMS NetId' })).value).toBe('10.1.2.3.1.1');
    await userEvent.click(screen.getByRole('switch', { name: 'Send one fixed AMS NetId to every target' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(api.callsTo('identity:set')).toEqual([{ localNetId: null, hostname: 'ENG-PC' }]);
  });
});
