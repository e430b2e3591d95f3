// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi } from '../../test-utils/render';
import { englishLeftIn } from '../../test-utils/english-leftovers';
import { ServerPage } from './ServerPage';
import { applied, applyFailed, listedSystems, model, nameOf, placeNames, readOk, serverApi, type AnyPlace } from './test-fixtures';

const ok = (place: AnyPlace, identity: string) => applied(place, model({ psk: [{ identity: 'SERVICE' }, { identity }] }));
const refused = (place: AnyPlace, diff: string[] | null) =>
  applyFailed(
    place,
    diff
      ? { code: 'concurrent-change', message: 'StaticRoutes.xml changed since it was read', diff }
      : { code: 'timeout', message: 'no answer within 5 s', diff: null },
  );

/** Asks for a restart in Config mode from `from` and waits until its confirmation has read the systems' states. */
async function askRestartInConfigMode(u: ReturnType<typeof userEvent.setup>, from: HTMLElement = document.body) {
  await u.click(within(from).getByRole('button', { name: 'Restart in Config mode' }));
  const confirm = screen.getByRole('dialog', { name: 'Restart in Config mode?' });
  // Restart is offered once the systems' ADS states are read.
  await within(confirm).findByRole('list', { name: 'Systems' });
  return confirm;
}

async function addPskToAll(identity: string, secret: string) {
  const u = userEvent.setup({ delay: null });
  for (const name of ['CX-ONE', 'CX-TWO', 'CX-THREE']) await u.click(await screen.findByRole('checkbox', { name: `Select ${name}` }));
  await waitFor(() => expect(screen.getAllByText('Read')).toHaveLength(4));
  await u.click(screen.getByRole('button', { name: 'Add PSK identity' }));
  const dialog = screen.getByRole('dialog', { name: 'Add PSK identity' });
  await u.type(within(dialog).getByRole('textbox', { name: 'Identity' }), identity);
  await u.click(within(dialog).getByRole('radio', { name: 'Type a secret' }));
  await u.type(within(dialog).getByLabelText(/^Your secret/), secret);
  await u.click(within(dialog).getByRole('button', { name: 'Next' }));
  return { u, dialog };
}

describe('Secure ADS server page, many systems', () => {
  afterEach(cleanup);

  it('confirms once for all systems, shows a result per system, and Retry failed re-sends only the failed ones', async () => {
    let attempt = 0;
    const api = serverApi().handle('server-config:apply', ({ places, change }) => {
      attempt++;
      const identity = change.kind === 'add-psk' ? change.identity : '';
      return places.map((place) =>
        attempt === 1 && place.kind === 'target' && place.target.name === 'CX-TWO' ? refused(place, null) : ok(place, identity),
      );
    });
    renderWithApi(<ServerPage />, api);
    const { u, dialog } = await addPskToAll('ANNA', 'Correct-Horse-Battery-Staple-42');

    expect(listedSystems(dialog)).toEqual([
      'CX-ONE (10.77.1.11.1.1), now Run',
      'CX-TWO (10.77.1.12.1.1), now Run',
      'CX-THREE (10.77.1.13.1.1), now Run',
    ]);
    expect(within(dialog).getByText('Add PSK identity “ANNA” on:')).toBeTruthy();
    await u.click(within(dialog).getByRole('button', { name: 'Apply' }));

    const table = await within(dialog).findByRole('table', { name: 'Results' });
    await waitFor(() => expect(within(table).getByText(/no answer within 5 s/)).toBeTruthy());
    const rowOf = (name: string) => within(table).getByText(name).closest('tr')!;
    expect(within(rowOf('CX-ONE')).getByText('Done')).toBeTruthy();
    expect(within(rowOf('CX-TWO')).getByText('Failed')).toBeTruthy();
    const failure = within(rowOf('CX-TWO')).getByText('The target did not answer in time.');
    expect(failure.textContent).toBe('The target did not answer in time.Details: no answer within 5 s');
    expect(api.callsTo('server-config:apply')).toHaveLength(1);
    const first = api.callsTo('server-config:apply')[0] as { change: unknown; revisions: unknown };
    expect(placeNames(first)).toEqual(['CX-ONE', 'CX-TWO', 'CX-THREE']);
    expect(first.change).toEqual({ kind: 'add-psk', identity: 'ANNA', secret: 'Correct-Horse-Battery-Staple-42' });
    expect(first.revisions).toEqual(['rev-CX-ONE (10.77.1.11.1.1)', 'rev-CX-TWO (10.77.1.12.1.1)', 'rev-CX-THREE (10.77.1.13.1.1)']);

    await u.click(within(dialog).getByRole('button', { name: 'Retry failed' }));
    await waitFor(() => expect(within(rowOf('CX-TWO')).getByText('Done')).toBeTruthy());
    expect(within(rowOf('CX-TWO')).getByText(/attempt 2/)).toBeTruthy();
    expect(api.callsTo('server-config:apply').map(placeNames)).toEqual([['CX-ONE', 'CX-TWO', 'CX-THREE'], ['CX-TWO']]);
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Retry failed' }).disabled).toBe(true);
  });

  it('in German, says what failed in German and marks the service’s own English message in the result cell as English', async () => {
    const api = serverApi().handle('server-config:apply', ({ places }) =>
      places.map((place) =>
        place.kind === 'target' && place.target.name === 'CX-TWO'
          ? refused(place, null)
          : place.kind === 'target' && place.target.name === 'CX-THREE'
            ? applyFailed(place, { code: 'EACCES', message: 'permission denied', diff: null })
            : ok(place, 'ANNA'),
      ),
    );
    renderWithApi(<ServerPage />, api, { language: 'de' });
    const u = userEvent.setup({ delay: null });
    for (const name of ['CX-ONE', 'CX-TWO', 'CX-THREE']) await u.click(await screen.findByRole('checkbox', { name: `${name} auswählen` }));
    await waitFor(() => expect(screen.getAllByText('Gelesen')).toHaveLength(4));
    await u.click(screen.getByRole('button', { name: 'PSK-Identität hinzufügen' }));
    const dialog = screen.getByRole('dialog', { name: 'PSK-Identität hinzufügen' });
    await u.type(within(dialog).getByRole('textbox', { name: 'Identität' }), 'ANNA');
    await u.click(within(dialog).getByRole('radio', { name: 'Schlüssel eingeben' }));
    await u.type(within(dialog).getByLabelText(/^Ihr Schlüssel/), 'Correct-Horse-Battery-Staple-42');
    await u.click(within(dialog).getByRole('button', { name: 'Weiter' }));
    await u.click(within(dialog).getByRole('button', { name: 'Übernehmen' }));

    const table = await within(dialog).findByRole('table', { name: 'Ergebnisse' });
    const message = await within(table).findByText('no answer within 5 s');
    expect(message.getAttribute('lang')).toBe('en');
    expect(message.closest('[data-place]')?.getAttribute('data-place')).toBe('CX-TWO');
    expect(message.closest('p')?.textContent).toBe('Das Zielsystem hat nicht rechtzeitig geantwortet.Details: no answer within 5 s');
    // A code the page has no words for still gets a German lead; the English stays marked.
    const unknown = within(table).getByText('permission denied');
    expect(unknown.getAttribute('lang')).toBe('en');
    expect(unknown.closest('p')?.textContent).toBe('Die Dienste haben einen Fehler gemeldetDetails: permission denied');
    expect(englishLeftIn(table)).toEqual([]);
  });

  it('shows what changed in the file when a concurrent change is refused', async () => {
    const api = serverApi().handle('server-config:apply', ({ places }) =>
      places.map((place) => refused(place, ['  <Server>', '-    <SecureOnly>false</SecureOnly>', '+    <SecureOnly>true</SecureOnly>'])),
    );
    renderWithApi(<ServerPage />, api);
    const { u, dialog } = await addPskToAll('ANNA', 'Correct-Horse-Battery-Staple-42');
    await u.click(within(dialog).getByRole('button', { name: 'Apply' }));
    const diffs = await within(dialog).findAllByLabelText('What changed in the file since it was read');
    expect(diffs).toHaveLength(3);
    expect(diffs[0]!.textContent).toContain('+    <SecureOnly>true</SecureOnly>');
  });

  it('restarts after a confirmation naming each system and its state, then proves the new identity', async () => {
    const api = serverApi()
      .handle('server-config:apply', ({ places, change }) =>
        places.map((place) => ok(place, change.kind === 'add-psk' ? change.identity : '')),
      )
      .handle('server-config:restart', ({ targets, mode }) =>
        targets.map((target) => ({ place: target.name, ok: true, adsState: mode === 'config' ? 15 : 5, error: null })),
      )
      .handle('server-config:verify', ({ targets }) =>
        targets.map((target) => ({ place: target.name, ok: true, detail: 'PSK handshake as "ANNA" succeeded; ReadState answered Config' })),
      );
    renderWithApi(<ServerPage />, api);
    const { u, dialog } = await addPskToAll('ANNA', 'Correct-Horse-Battery-Staple-42');
    await u.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(within(dialog).getAllByText('Done')).toHaveLength(3));
    const confirm = await askRestartInConfigMode(u, dialog);
    expect(within(confirm).getByText(/the PLC stops, I\/O is no longer updated/)).toBeTruthy();
    expect(listedSystems(confirm)).toEqual([
      'CX-ONE (10.77.1.11.1.1): now Run',
      'CX-TWO (10.77.1.12.1.1): now Run',
      'CX-THREE (10.77.1.13.1.1): now Run',
    ]);
    expect(api.callsTo('server-config:restart')).toHaveLength(0);
    await u.click(within(confirm).getByRole('button', { name: 'Restart' }));
    await waitFor(() => expect(within(dialog).getAllByText(/PSK handshake as "ANNA" succeeded/)).toHaveLength(3));
    expect(api.callsTo('server-config:restart')).toEqual([expect.objectContaining({ mode: 'config', confirmed: true })]);
    expect(api.callsTo('server-config:verify')).toEqual([
      expect.objectContaining({ check: { kind: 'psk', identity: 'ANNA', secret: 'Correct-Horse-Battery-Staple-42' } }),
    ]);
  });

  it('reads the proved systems again, so the next change carries the revision their files have after the proof', async () => {
    // A Secure ADS proof lets the target store a route for this PC: its StaticRoutes.xml changes.
    let proved = false;
    const api = serverApi()
      .handle('server-config:read', ({ places }) =>
        places.map((place) => readOk(place, proved && place.kind === 'target' ? { revision: `after-proof-${nameOf(place)}` } : {})),
      )
      .handle('server-config:apply', ({ places, change }) =>
        places.map((place) => ok(place, change.kind === 'add-psk' ? change.identity : '')),
      )
      .handle('server-config:restart', ({ targets }) =>
        targets.map((target) => ({ place: target.name, ok: true, adsState: 15, error: null })),
      )
      .handle('server-config:verify', ({ targets }) => {
        proved = true;
        return targets.map((target) => ({ place: target.name, ok: true, detail: 'PSK handshake as "ANNA" succeeded' }));
      });
    renderWithApi(<ServerPage />, api);
    const { u, dialog } = await addPskToAll('ANNA', 'Correct-Horse-Battery-Staple-42');
    await u.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(within(dialog).getAllByText('Done')).toHaveLength(3));
    const confirm = await askRestartInConfigMode(u, dialog);
    await u.click(within(confirm).getByRole('button', { name: 'Restart' }));
    await waitFor(() => expect(within(dialog).getAllByText(/PSK handshake as "ANNA" succeeded/)).toHaveLength(3));
    await u.click(within(dialog).getByRole('button', { name: 'Close' }));

    await u.click(screen.getByRole('button', { name: 'Add PSK identity' }));
    const next = screen.getByRole('dialog', { name: 'Add PSK identity' });
    await u.type(within(next).getByRole('textbox', { name: 'Identity' }), 'BEN');
    await u.click(within(next).getByRole('radio', { name: 'Type a secret' }));
    await u.type(within(next).getByLabelText(/^Your secret/), 'Another-Long-Secret-For-Ben-77');
    await u.click(within(next).getByRole('button', { name: 'Next' }));
    await u.click(within(next).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(api.callsTo('server-config:apply')).toHaveLength(2));
    expect((api.callsTo('server-config:apply')[1] as { revisions: unknown }).revisions).toEqual([
      'after-proof-CX-ONE (10.77.1.11.1.1)',
      'after-proof-CX-TWO (10.77.1.12.1.1)',
      'after-proof-CX-THREE (10.77.1.13.1.1)',
    ]);
  });

  it('copies the CA files into each target’s CACerts/ first and points to them there; this PC keeps its own paths', async () => {
    const api = serverApi()
      .handle('server-config:upload', ({ targets, remotePath }) =>
        targets.map((target) => ({ place: target.name, ok: true, remotePath, error: null })),
      )
      .handle('server-config:apply', ({ places }) => places.map((place) => ok(place, 'SERVICE')));
    renderWithApi(<ServerPage />, api);
    const u = userEvent.setup({ delay: null });
    for (const name of ['This PC', 'CX-ONE', 'CX-TWO']) await u.click(await screen.findByRole('checkbox', { name: `Select ${name}` }));
    await u.click(screen.getByRole('button', { name: 'Set CA files' }));
    const dialog = screen.getByRole('dialog', { name: 'Set CA files' });
    await u.type(within(dialog).getByRole('textbox', { name: /^CA certificate/ }), '/plant/rootCA.pem');
    await u.type(within(dialog).getByRole('textbox', { name: /^Server certificate/ }), '/plant/cx.crt');
    await u.type(within(dialog).getByRole('textbox', { name: /^Server private key/ }), '/plant/cx.key');
    await u.click(within(dialog).getByRole('button', { name: 'Next' }));
    await u.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(within(dialog).getAllByText('Done')).toHaveLength(3));
    expect(api.callsTo('server-config:upload').map((call) => (call as { remotePath: string }).remotePath)).toEqual([
      'CACerts/rootCA.pem',
      'CACerts/cx.crt',
      'CACerts/cx.key',
    ]);
    const applies = api.callsTo('server-config:apply') as Array<{ places: AnyPlace[]; change: { ca: string } }>;
    expect(applies.map((call) => [placeNames(call), call.change.ca])).toEqual([
      [['local'], '/plant/rootCA.pem'],
      [['CX-ONE', 'CX-TWO'], 'CACerts/rootCA.pem'],
    ]);
  });

  it('restarts the selection from the toolbar and Retry failed restarts only the failed system', async () => {
    let calls = 0;
    const api = serverApi().handle('server-config:restart', ({ targets }) => {
      calls++;
      return targets.map((target) =>
        calls === 1 && target.name === 'CX-THREE'
          ? { place: target.name, ok: false, adsState: null, error: { code: 'restart-failed', message: 'still in Run', diff: null } }
          : { place: target.name, ok: true, adsState: 15, error: null },
      );
    });
    renderWithApi(<ServerPage />, api);
    const u = userEvent.setup({ delay: null });
    for (const name of ['CX-ONE', 'CX-THREE']) await u.click(await screen.findByRole('checkbox', { name: `Select ${name}` }));
    const confirm = await askRestartInConfigMode(u);
    await u.click(within(confirm).getByRole('button', { name: 'Restart' }));
    const results = await screen.findByRole('dialog', { name: 'Restart in Config mode' });
    await waitFor(() => expect(within(results).getByText(/TwinCAT did not reach the requested mode/)).toBeTruthy());
    await u.click(within(results).getByRole('button', { name: 'Retry failed' }));
    await waitFor(() => expect(within(results).getAllByText('Done')).toHaveLength(2));
    const names = api
      .callsTo('server-config:restart')
      .map((call) => (call as { targets: Array<{ name: string }> }).targets.map((t) => t.name));
    expect(names).toEqual([['CX-ONE', 'CX-THREE'], ['CX-THREE']]);
    await u.click(within(results).getByRole('button', { name: 'Close' }));
    // The table follows the state the restart left each system in.
    await waitFor(() => expect(screen.getByRole('row', { name: /Select CX-ONE/ }).textContent).toContain('Config'));
  });
});
