// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithApi } from '../../test-utils/render';
import { ServerPage } from './ServerPage';
import { model, noTwincat, readOk, selectAndOpen, serverApi } from './test-fixtures';

const user = () => userEvent.setup({ delay: null });

describe('Secure ADS server page', () => {
  afterEach(cleanup);

  it('shows a place’s SecureOnly, identity names, CA files and the routes in its file', async () => {
    const api = serverApi().handle('server-config:read', ({ places }) =>
      places.map((place) =>
        readOk(place, {
          model: {
            secureOnly: true,
            psk: [{ identity: 'SERVICE' }, { identity: 'ANNA' }],
            tls: { ca: 'CACerts/rootCA.pem', cert: 'CACerts/cx.crt', key: 'CACerts/cx.key', ignoreCn: true, keyPassword: false },
            // The file's one route: ENG-PC, secure, at 10.77.1.1.
            routes: model().routes,
          },
        }),
      ),
    );
    renderWithApi(<ServerPage />, api);
    await user().click(await screen.findByRole('button', { name: 'Show CX-ONE' }));
    const details = await screen.findByRole('region', { name: 'StaticRoutes.xml of CX-ONE' });
    await waitFor(() => expect(within(details).getByRole('table', { name: 'PSK identities of CX-ONE' })).toBeTruthy());
    expect(within(details).getByText('ANNA')).toBeTruthy();
    expect(within(details).getByRole<HTMLInputElement>('switch', { name: 'SecureOnly on CX-ONE' }).checked).toBe(true);
    expect(within(details).getByText('CACerts/rootCA.pem')).toBeTruthy();
    expect(within(details).getByRole('table', { name: 'Routes in StaticRoutes.xml of CX-ONE' }).textContent).toContain('ENG-PC');
    expect(within(details).getByText(/ADS state: Run/)).toBeTruthy();
  });

  it('says when this PC has no TwinCAT, lists the folders tried and sets the folder', async () => {
    let folder: string | null = null;
    const api = serverApi([])
      .handle('server-config:read', ({ places }) =>
        places.map((place) =>
          folder ? readOk(place) : noTwincat(['C:\\TwinCAT\\3.1\\Target', 'C:\\Program Files (x86)\\Beckhoff\\TwinCAT\\3.1\\Target']),
        ),
      )
      .handle('server-config:set-local-folder', (request) => {
        folder = request.folder;
        return { folder };
      });
    renderWithApi(<ServerPage />, api);
    expect(await screen.findByText('There is no TwinCAT on this PC')).toBeTruthy();
    expect(screen.getByText('C:\\Program Files (x86)\\Beckhoff\\TwinCAT\\3.1\\Target')).toBeTruthy();
    const u = user();
    await u.type(screen.getByRole('textbox', { name: 'TwinCAT target folder of this PC' }), 'D:\\TwinCAT\\Target');
    await u.click(screen.getByRole('button', { name: 'Use this folder' }));
    expect(api.callsTo('server-config:set-local-folder')).toEqual([{ folder: 'D:\\TwinCAT\\Target' }]);
    await waitFor(() => expect(screen.queryByText('There is no TwinCAT on this PC')).toBeNull());
    expect(screen.getByText('Folder: C:\\TwinCAT\\3.1\\Target')).toBeTruthy();
  });

  it('shows a generated secret once, as text and hex with copy buttons, and not after the dialog is reopened', async () => {
    const api = serverApi().respond('server-config:generate-psk', { secret: 'S3cr3t-generated-once', keyHex: 'cd'.repeat(32) });
    renderWithApi(<ServerPage />, api);
    const { u, dialog } = await selectAndOpen(['CX-ONE'], 'Add PSK identity');
    await u.type(within(dialog).getByRole('textbox', { name: 'Identity' }), 'ANNA');
    await u.click(within(dialog).getByRole('button', { name: 'Generate' }));
    expect(await within(dialog).findByDisplayValue('S3cr3t-generated-once')).toBeTruthy();
    expect(within(dialog).getByDisplayValue('cd'.repeat(32))).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Copy the secret' })).toBeTruthy();
    expect(within(dialog).getByRole('button', { name: 'Copy the key as hex' })).toBeTruthy();
    expect(api.callsTo('server-config:generate-psk')).toEqual([{ identity: 'ANNA' }]);
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await u.click(screen.getByRole('button', { name: 'Add PSK identity' }));
    const again = screen.getByRole('dialog', { name: 'Add PSK identity' });
    expect(within(again).queryByDisplayValue('S3cr3t-generated-once')).toBeNull();
    expect(document.body.textContent).not.toContain('S3cr3t-generated-once');
    expect(within(again).getByRole('button', { name: 'Generate' })).toBeTruthy();
  });

  it('warns about a weak typed secret, and not about a strong one', async () => {
    renderWithApi(<ServerPage />, serverApi());
    const { u, dialog } = await selectAndOpen(['CX-ONE'], 'Add PSK identity');
    await u.click(within(dialog).getByRole('radio', { name: 'Type a secret' }));
    const secret = within(dialog).getByLabelText(/^Your secret/);
    await u.type(secret, 'plc123');
    expect(within(dialog).getByText(/This secret is easy to guess/)).toBeTruthy();
    await u.clear(secret);
    await u.type(secret, 'Correct-Horse-Battery-Staple-42');
    expect(within(dialog).queryByText(/easy to guess/)).toBeNull();
  });

  it('warns of the lock-out before SecureOnly goes on over a plain route, and only then', async () => {
    const api = serverApi().handle('server-config:apply', ({ places }) =>
      places.map(() => ({ place: 'x', ok: true, changed: true, backup: null, revision: 'r2', model: null, error: null })),
    );
    renderWithApi(<ServerPage />, api);
    const u = user();
    // CX-TWO is reached over a self-signed route: no warning.
    await u.click(await screen.findByRole('button', { name: 'Show CX-TWO' }));
    await u.click(await screen.findByRole('switch', { name: 'SecureOnly on CX-TWO' }));
    let dialog = screen.getByRole('dialog', { name: 'Change SecureOnly' });
    expect(within(dialog).getByText('Turn SecureOnly on on:')).toBeTruthy();
    expect(within(dialog).queryByText(/locks itself out/)).toBeNull();
    expect(within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Apply' }).disabled).toBe(false);
    await u.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    // CX-ONE is plain ADS: the warning, and Apply waits for the tick.
    await u.click(screen.getByRole('button', { name: 'Show CX-ONE' }));
    await u.click(await screen.findByRole('switch', { name: 'SecureOnly on CX-ONE' }));
    dialog = screen.getByRole('dialog', { name: 'Change SecureOnly' });
    expect(within(dialog).getByText(/this PC locks itself out of CX-ONE/)).toBeTruthy();
    const apply = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Apply' });
    expect(apply.disabled).toBe(true);
    await u.click(within(dialog).getByRole('checkbox', { name: 'I understand that this PC loses its plain ADS access' }));
    expect(apply.disabled).toBe(false);
  });

  it('removes an identity after a confirmation, passing the revision the user saw', async () => {
    const api = serverApi().handle('server-config:apply', ({ places }) =>
      places.map(() => ({
        place: 'CX-ONE',
        ok: true,
        changed: true,
        backup: 'StaticRoutes.xml.bak-1',
        revision: 'r2',
        model: null,
        error: null,
      })),
    );
    renderWithApi(<ServerPage />, api);
    const u = user();
    await u.click(await screen.findByRole('button', { name: 'Show CX-ONE' }));
    await u.click(await screen.findByRole('button', { name: 'Remove PSK identity SERVICE' }));
    const dialog = screen.getByRole('dialog', { name: 'Remove PSK identity' });
    expect(within(dialog).getByText(/Whoever uses SERVICE can no longer create routes to CX-ONE/)).toBeTruthy();
    expect(api.callsTo('server-config:apply')).toEqual([]);
    await u.click(within(dialog).getByRole('button', { name: 'Apply' }));
    await waitFor(() => expect(api.callsTo('server-config:apply')).toHaveLength(1));
    expect(api.callsTo('server-config:apply')[0]).toMatchObject({
      change: { kind: 'remove-psk', identity: 'SERVICE' },
      revisions: ['rev-CX-ONE (10.77.1.11.1.1)'],
    });
  });

  it('says in German why a system could not be read, with the service’s own English marked as English', async () => {
    const api = serverApi().handle('server-config:read', ({ places }) =>
      places.map((place) =>
        place.kind === 'target' && place.target.name === 'CX-ONE'
          ? readOk(place, {
              ok: false,
              model: null,
              adsState: null,
              error: { code: 'timeout', message: 'no answer within 5 s', diff: null },
            })
          : readOk(place),
      ),
    );
    renderWithApi(<ServerPage />, api, { language: 'de' });
    await user().click(await screen.findByRole('button', { name: 'CX-ONE anzeigen' }));
    const details = await screen.findByRole('region', { name: 'StaticRoutes.xml von CX-ONE' });
    const alert = await within(details).findByRole('alert');
    expect(within(alert).getByText('CX-ONE konnte nicht gelesen werden: Das Zielsystem hat nicht rechtzeitig geantwortet.')).toBeTruthy();
    expect(within(alert).getByText('no answer within 5 s').getAttribute('lang')).toBe('en');
  });

  it('speaks German with the XAE terms', async () => {
    renderWithApi(<ServerPage />, serverApi(), { language: 'de' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Secure-ADS-Server' })).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Zielsystem' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'PSK-Identität hinzufügen' })).toBeTruthy();
    expect(await screen.findByRole('checkbox', { name: 'CX-ONE auswählen' })).toBeTruthy();
  });
});
