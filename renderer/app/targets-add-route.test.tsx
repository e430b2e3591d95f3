// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOf } from '../../shared/ipc/contract';
import { App } from './App';
import { CX, FINGERPRINT, OTHER_FINGERPRINT, sampleServices, serverCertificate } from '../test-utils/sample-services';
import { discoveredTarget } from '../test-utils/targets';

/** A target nothing is remembered about (sampleServices remembers CX's fingerprint). */
const NEW = discoveredTarget({ hostname: 'CX-NEW', address: '10.77.1.20', fingerprint: FINGERPRINT });

function services() {
  return sampleServices()
    .handle('secure:server-certificate', ({ address }) => serverCertificate(address))
    .handle('routes:add', ({ batchId }) => ({ batchId: batchId ?? 'b1' }));
}

afterEach(cleanup);

describe('the Targets page and its Add Route dialog', () => {
  it('share the remembered fingerprints: opening the dialog asks the services for them no second time', async () => {
    const api = services();
    window.history.replaceState(null, '', '/#/targets');
    render(<App api={api} />);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByRole('button', { name: 'Broadcast Search' }));
    await waitFor(() => expect(api.callsTo('discovery:start')).toHaveLength(1));
    const searchId = (api.callsTo('discovery:start')[0] as RequestOf<'discovery:start'>).searchId ?? '';
    act(() => {
      for (const target of [CX, NEW]) api.emit('discovery:result', { searchId, target });
      api.emit('discovery:done', { searchId, found: 2, durationMs: 3000, cancelled: false, hint: null });
    });
    await waitFor(() => expect(screen.getByTestId('fingerprint-verified')).toBeTruthy());
    expect(api.callsTo('known-fingerprints:list')).toHaveLength(1);

    for (const name of [/\bCX-123\b/, /\bCX-NEW\b/]) await user.click(screen.getByRole('checkbox', { name }));
    await user.click(screen.getByRole('button', { name: 'Add Route' }));
    const dialog = await screen.findByRole('dialog');
    const add = within(dialog).getByRole('button', { name: 'Add Route' });
    await waitFor(() => expect(add).toHaveProperty('disabled', false));
    await user.click(add);
    await within(dialog).findByRole('form', { name: 'Login' });

    // The page's list decides CX-123 (remembered), the compare decides CX-NEW, green or red as before.
    expect(await within(dialog).findByTestId('fingerprint-known')).toBeTruthy();
    const compare = within(dialog).getByRole('textbox', { name: 'Compare with (CX-NEW)' });
    await user.click(compare);
    await user.paste(OTHER_FINGERPRINT);
    expect(within(dialog).getByText('Fingerprints differ: do not continue unless you know why')).toBeTruthy();
    expect(compare.getAttribute('aria-invalid')).toBe('true');
    await user.clear(compare);
    await user.paste(FINGERPRINT);
    expect(within(dialog).getByText('Fingerprints match')).toBeTruthy();
    expect(compare.getAttribute('aria-invalid')).toBe('false');

    // A change the services push reaches the open dialog through the page, still without a request.
    act(() =>
      api.emit('known-fingerprints:changed', {
        entries: [
          {
            netId: CX.netId,
            address: CX.address,
            fingerprint: OTHER_FINGERPRINT,
            firstSeen: '2026-03-02T08:15:01.000Z',
            lastSeen: '2026-03-02T08:15:01.000Z',
          },
        ],
      }),
    );
    expect(await within(dialog).findByTestId('fingerprint-changed')).toBeTruthy();
    expect(within(dialog).queryByTestId('fingerprint-known')).toBeNull();
    expect(api.callsTo('known-fingerprints:list')).toHaveLength(1);
  });
});
