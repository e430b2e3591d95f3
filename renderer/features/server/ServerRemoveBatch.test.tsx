// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ServerModel } from '../../../shared/ipc/channels/server-config';
import { renderWithApi } from '../../test-utils/render';
import { ServerPage } from './ServerPage';
import {
  applied,
  applyFailed,
  listedSystems,
  model,
  placeNames,
  readOk,
  route,
  selectAndOpen,
  serverApi,
  ssc,
  type AnyPlace,
} from './test-fixtures';

const done = (place: AnyPlace) => applied(place);
const timedOut = (place: AnyPlace) => applyFailed(place, { code: 'timeout', message: 'no answer within 5 s', diff: null });

const targetName = (place: AnyPlace) => (place.kind === 'target' ? place.target.name : 'local');

/** Each target reads as given; this PC reads the fixture's default file. */
const withFiles = (files: Record<string, Partial<ServerModel>>) =>
  serverApi().handle('server-config:read', ({ places }) =>
    places.map((place) => readOk(place, { model: model(files[targetName(place)] ?? {}) })),
  );

const caFiles: ServerModel['tls'] = {
  ca: 'CACerts/rootCA.pem',
  cert: 'CACerts/cx.crt',
  key: 'CACerts/cx.key',
  ignoreCn: false,
  keyPassword: false,
};

describe('Secure ADS server page, removals on many systems', () => {
  afterEach(cleanup);

  it('removes an identity where it exists, reports the others as not there without writing, and retries only the failed one', async () => {
    let attempt = 0;
    const api = withFiles({
      'CX-ONE': { psk: [{ identity: 'SERVICE' }, { identity: 'ANNA' }] },
      'CX-TWO': { psk: [{ identity: 'anna' }] },
      'CX-THREE': { psk: [{ identity: 'SERVICE' }] },
    }).handle('server-config:apply', ({ places }) => {
      attempt++;
      return places.map((place) => (attempt === 1 && targetName(place) === 'CX-TWO' ? timedOut(place) : done(place)));
    });
    renderWithApi(<ServerPage />, api);
    const { u, dialog } = await selectAndOpen(['CX-ONE', 'CX-TWO', 'CX-THREE'], 'Remove PSK identity', 4);

    await u.click(within(dialog).getByRole('combobox', { name: /^Identity/ }));
    const options = screen.getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual(['ANNA: on 2 of 3 systems', 'SERVICE: on 2 of 3 systems']);
    await u.click(screen.getByRole('option', { name: 'ANNA: on 2 of 3 systems' }));
    await u.click(within(dialog).getByRole('button', { name: 'Next' }));

    expect(within(dialog).getByText('Remove PSK identity “ANNA” on:')).toBeTruthy();
    expect(listedSystems(dialog)).toEqual([
      'CX-ONE (10.77.1.11.1.1), now Run · holds “ANNA”',
      'CX-TWO (10.77.1.12.1.1), now Run · holds “ANNA”',
      'CX-THREE (10.77.1.13.1.1), now Run · “ANNA” not there: left alone',
    ]);
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
    await u.click(within(dialog).getByRole('button', { name: 'Apply' }));

    const table = await within(dialog).findByRole('table', { name: 'Results' });
    const rowOf = (name: string) => within(table).getByText(name).closest('tr')!;
    await waitFor(() => expect(within(rowOf('CX-TWO')).getByText('Failed')).toBeTruthy());
    expect(within(rowOf('CX-ONE')).getByText('Done')).toBeTruthy();
    expect(within(rowOf('CX-THREE')).getByText('Not there')).toBeTruthy();
    expect(api.callsTo('server-config:apply')).toEqual([
      expect.objectContaining({
        change: { kind: 'remove-psk', identity: 'ANNA' },
        revisions: ['rev-CX-ONE (10.77.1.11.1.1)', 'rev-CX-TWO (10.77.1.12.1.1)'],
      }),
    ]);
    expect(placeNames(api.callsTo('server-config:apply')[0])).toEqual(['CX-ONE', 'CX-TWO']);

    await u.click(within(dialog).getByRole('button', { name: 'Retry failed' }));
    await waitFor(() => expect(within(rowOf('CX-TWO')).getByText('Done')).toBeTruthy());
    expect(api.callsTo('server-config:apply').map(placeNames)).toEqual([['CX-ONE', 'CX-TWO'], ['CX-TWO']]);
    expect(within(rowOf('CX-THREE')).getByText('Not there')).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Retry failed' }).disabled).toBe(true);
    // The removal takes effect with the restart, offered for the systems it was written to.
    expect(within(dialog).getByText(/Restart in Config mode to make the change take effect/)).toBeTruthy();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Restart in Config mode' }).disabled).toBe(false);
  });

  it('asks for the lock-out acknowledgement when the removed identity is our own way into a SecureOnly system', async () => {
    const psk = { ...ssc()!, mode: 'psk' as const, fingerprint: null, pskIdentity: 'ANNA' };
    const secret = 'Route-Secret-Of-Anna-1234';
    const api = serverApi([route('CX-ONE', 11), route('CX-PSK', 14, psk)])
      .handle('server-config:read', ({ places }) =>
        places.map((place) => readOk(place, { model: model({ secureOnly: targetName(place) === 'CX-PSK', psk: [{ identity: 'ANNA' }] }) })),
      )
      .handle('server-config:apply', ({ places }) => places.map(done));
    renderWithApi(<ServerPage />, api);
    const u = userEvent.setup({ delay: null });
    await u.click(await screen.findByRole('button', { name: 'Credentials for CX-PSK' }));
    const credentials = screen.getByRole('dialog', { name: 'Credentials for CX-PSK' });
    await u.type(within(credentials).getByLabelText(/^PSK secret of ANNA/), secret);
    await u.click(within(credentials).getByRole('button', { name: 'Use' }));
    for (const name of ['CX-ONE', 'CX-PSK']) await u.click(screen.getByRole('checkbox', { name: `Select ${name}` }));
    await waitFor(() => expect(screen.getAllByText('Read')).toHaveLength(3));
    const toolbar = screen.getByRole('toolbar', { name: 'Change the selected systems' });
    await u.click(within(toolbar).getByRole('button', { name: 'Remove PSK identity' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove PSK identity' });
    await u.click(within(dialog).getByRole('combobox', { name: /^Identity/ }));
    await u.click(screen.getByRole('option', { name: 'ANNA: on 2 of 2 systems' }));
    await u.click(within(dialog).getByRole('button', { name: 'Next' }));

    const warnings = within(dialog).getAllByText(/locks itself out/);
    expect(warnings.map((warning) => warning.textContent)).toEqual([
      expect.stringMatching(/^SecureOnly is on at CX-PSK and our route to it is a PSK route as “ANNA”/),
    ]);
    const apply = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Apply' });
    expect(apply.disabled).toBe(true);
    await u.click(within(dialog).getByRole('checkbox', { name: 'I understand that this PC loses its access with this identity' }));
    expect(apply.disabled).toBe(false);
    await u.click(apply);
    await waitFor(() => expect(within(dialog).getAllByText('Done')).toHaveLength(2));
    expect(api.callsTo('server-config:apply').map(placeNames)).toEqual([['CX-ONE', 'CX-PSK']]);
    expect(document.body.textContent).not.toContain(secret);
  });

  it('warns of no lock-out when SecureOnly is off or our route uses another identity', async () => {
    const psk = { ...ssc()!, mode: 'psk' as const, fingerprint: null, pskIdentity: 'SERVICE' };
    const api = serverApi([route('CX-PSK', 14, psk)]).handle('server-config:read', ({ places }) =>
      places.map((place) => readOk(place, { model: model({ secureOnly: true, psk: [{ identity: 'SERVICE' }, { identity: 'ANNA' }] }) })),
    );
    renderWithApi(<ServerPage />, api);
    const u = userEvent.setup({ delay: null });
    await u.click(await screen.findByRole('button', { name: 'Credentials for CX-PSK' }));
    const credentials = screen.getByRole('dialog', { name: 'Credentials for CX-PSK' });
    await u.type(within(credentials).getByLabelText(/^PSK secret of SERVICE/), 'Route-Secret-Of-Service-1234');
    await u.click(within(credentials).getByRole('button', { name: 'Use' }));
    await u.click(screen.getByRole('checkbox', { name: 'Select CX-PSK' }));
    await waitFor(() => expect(screen.getAllByText('Read')).toHaveLength(2));
    await u.click(screen.getByRole('button', { name: 'Remove PSK identity' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove PSK identity' });
    await u.click(within(dialog).getByRole('combobox', { name: /^Identity/ }));
    await u.click(screen.getByRole('option', { name: 'ANNA: on 1 of 1 systems' }));
    await u.click(within(dialog).getByRole('button', { name: 'Next' }));
    expect(within(dialog).queryByText(/locks itself out/)).toBeNull();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Apply' }).disabled).toBe(false);
  });

  it('clears the CA files on the systems that have them and reports the others as not there', async () => {
    const api = withFiles({ 'CX-ONE': { tls: caFiles }, 'CX-TWO': { tls: null }, 'CX-THREE': { tls: caFiles } }).handle(
      'server-config:apply',
      ({ places }) => places.map(done),
    );
    renderWithApi(<ServerPage />, api);
    const { u, dialog } = await selectAndOpen(['CX-ONE', 'CX-TWO', 'CX-THREE'], 'Clear CA files', 4);
    expect(within(dialog).getByText('Clear the CA files on:')).toBeTruthy();
    expect(listedSystems(dialog)).toEqual([
      'CX-ONE (10.77.1.11.1.1), now Run · has CA files',
      'CX-TWO (10.77.1.12.1.1), now Run · no CA files there: left alone',
      'CX-THREE (10.77.1.13.1.1), now Run · has CA files',
    ]);
    await u.click(within(dialog).getByRole('button', { name: 'Apply' }));
    const table = await within(dialog).findByRole('table', { name: 'Results' });
    await waitFor(() => expect(within(table).getAllByText('Done')).toHaveLength(2));
    expect(within(within(table).getByText('CX-TWO').closest('tr')!).getByText('Not there')).toBeTruthy();
    expect(api.callsTo('server-config:apply')).toEqual([expect.objectContaining({ change: { kind: 'clear-tls' } })]);
    expect(placeNames(api.callsTo('server-config:apply')[0])).toEqual(['CX-ONE', 'CX-THREE']);
  });
});
