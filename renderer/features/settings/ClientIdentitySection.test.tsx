// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { ClientIdentitySection } from './ClientIdentitySection';

const identity = {
  fingerprint: 'ab'.repeat(32),
  subject: 'CN=ADS Route Studio ENG-PC',
  notAfter: '2061-01-01T00:00:00.000Z',
  localNetId: '10.77.1.2.1.1',
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

  it('refuses an invalid NetId and saves a valid one', async () => {
    const api = new FakeApi().respond('identity:get', identity).handle('identity:set', (request) => ({
      localNetId: request.localNetId ?? identity.localNetId,
      hostname: request.hostname ?? identity.hostname,
    }));
    renderWithApi(<ClientIdentitySection />, api);
    const netId = await screen.findByRole('textbox', { name: 'Local AMS NetId' });
    await userEvent.clear(netId);
    await userEvent.type(netId, '10.77.1');
    expect(screen.getByText(/Six numbers 0–255/)).toBeTruthy();
    const save = screen.getByRole<HTMLButtonElement>('button', { name: 'Save' });
    expect(save.disabled).toBe(true);
    await userEvent.type(netId, '.9.1.1');
    expect(save.disabled).toBe(false);
    await userEvent.click(save);
    expect(api.callsTo('identity:set')).toEqual([{ localNetId: '10.77.1.9.1.1', hostname: 'ENG-PC' }]);
  });
});
