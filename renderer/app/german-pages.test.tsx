// @vitest-environment jsdom
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { i18n } from '../i18n';
import { GermanSweep, named } from '../test-utils/german-sweep';
import { fill, openInGerman } from './open-in-german';
import { certificate, sampleServices } from '../test-utils/sample-services';

/**
 * Every page of the app, and the dialogs and error states the pages open themselves, rendered in German: no text of
 * the English catalogue and no common English word may be left (technical terms aside, see english-leftovers.ts).
 * The pages about routes (Targets with its dialogs, Routes, Secure ADS server) are in german-routes.test.tsx.
 */

afterEach(cleanup);
afterAll(() => i18n.changeLanguage('en'));

describe('the app in German', () => {
  it('frame and navigation, with the services out of reach', async () => {
    const sweep = new GermanSweep();
    const api = sampleServices().fail('network:adapters', { code: 'transport', message: 'WebSocket closed (1006)' });
    const user = await openInGerman(api, '#/settings');
    await screen.findByRole('alert');
    sweep.check('frame with connection banner');
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: named('app:help.button') }));
    await screen.findByRole('menu');
    sweep.check('help menu');
    await user.click(screen.getByRole('menuitem', { name: named('app:help.shortcutsMenu') }));
    await screen.findByRole('dialog');
    sweep.check('keyboard shortcuts');
    sweep.expectNone();
  });

  it('Log page: lines of every level, filters, the clear confirmation and a failed clear', async () => {
    const sweep = new GermanSweep();
    const api = sampleServices().fail('log:clear', { code: 'write-failed', message: 'EACCES: permission denied' });
    const user = await openInGerman(api, '#/log');
    await screen.findByText('search started on 2 adapters', { exact: false });
    sweep.check('Log page');
    await user.type(screen.getByRole('searchbox'), 'zzz');
    await waitFor(() => expect(screen.queryByText('search started on 2 adapters', { exact: false })).toBeNull());
    sweep.check('Log page, filter hides all');
    await user.click(screen.getByRole('button', { name: named('log:clear') }));
    await screen.findByRole('dialog');
    sweep.check('Log page, clear confirmation');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: named('log:clearConfirm') }));
    await waitFor(() => expect(screen.getAllByRole('alert').length).toBeGreaterThan(0));
    sweep.check('Log page, clear failed');
    sweep.expectNone();
  });

  it('Log page while loading and empty', async () => {
    const sweep = new GermanSweep();
    const api = sampleServices();
    const recent = api.defer('log:recent');
    await openInGerman(api, '#/log');
    sweep.check('Log page, loading');
    recent.resolve([]);
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    sweep.check('Log page, empty');
    sweep.expectNone();
  });

  it('Settings page: language, this PC with the NetId derived per adapter or fixed and invalid, adapters, data folder', async () => {
    const sweep = new GermanSweep();
    const user = await openInGerman(sampleServices(), '#/settings');
    await screen.findByRole('list', { name: named('settings:identity.netIdPerAdapter') });
    await screen.findByRole('table');
    sweep.check('Settings page, NetId per adapter');
    await user.click(screen.getByRole('switch', { name: named('settings:identity.netIdFixed') }));
    await fill(user, screen.getByRole('textbox', { name: named('settings:identity.netIdFixedLabel') }), '10.77');
    await user.clear(screen.getByRole('textbox', { name: named('settings:identity.hostname') }));
    sweep.check('Settings page, invalid entries');
    sweep.expectNone();
  });

  it('Settings page when the services fail', async () => {
    const sweep = new GermanSweep();
    const api = sampleServices()
      .fail('network:adapters', { code: 'internal', message: 'os.networkInterfaces failed' })
      .fail('identity:get', { code: 'internal', message: 'client certificate unreadable' })
      .respond('app:info', {
        name: 'ADS Route Studio',
        version: '0.1.0',
        transport: 'web',
        platform: 'linux',
        hostname: 'ENG-PC',
        startupSearch: null,
        dataDir: { path: '/tmp/adsroute-demo/app-data', kind: 'demo' },
      });
    await openInGerman(api, '#/settings');
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    sweep.check('Settings page, errors');
    sweep.expectNone();
  });

  it('Certificates page: expiry, this PC, plant CA, devices, inspect, known fingerprints and their dialogs', async () => {
    const sweep = new GermanSweep();
    const api = sampleServices()
      .respond('certificates:inspect', {
        certificates: [certificate('CX-123'), certificate('Werk Nord CA', { isCa: true, selfSigned: true })],
        chainsToCa: { ok: false, reason: 'untrusted', message: 'issuer not found among the CA certificates' },
      })
      .fail('certificates:identity-export', { code: 'file-refused', message: 'export folder must be an absolute path: out' });
    const user = await openInGerman(api, '#/certificates');
    await screen.findAllByText('CX-BSD');
    sweep.check('Certificates page');

    await user.click(screen.getByRole('button', { name: named('certificates:ca.replace') }));
    sweep.check('Certificates page, replace CA');

    const inspect = screen.getByRole('form', { name: named('certificates:inspect.heading') });
    await fill(user, within(inspect).getAllByRole('textbox')[0] as HTMLElement, '/pki/CX-123.crt');
    await user.click(within(inspect).getByRole('button', { name: named('certificates:inspect.submit') }));
    await waitFor(() => expect(api.callsTo('certificates:inspect')).toHaveLength(1));
    await within(inspect.parentElement as HTMLElement).findAllByText(/CN=CX-123/);
    sweep.check('Certificates page, inspected');

    await user.click(screen.getByRole('button', { name: named('certificates:identity.export') }));
    const exportDialog = await screen.findByRole('dialog');
    await user.type(within(exportDialog).getByRole('textbox'), 'out');
    await user.click(within(exportDialog).getByRole('checkbox', { name: named('certificates:exportIdentity.includeKey') }));
    await user.click(within(exportDialog).getByRole('checkbox', { name: named('certificates:exportIdentity.keyConfirm') }));
    sweep.check('Certificates page, export dialog');
    await user.click(within(exportDialog).getByRole('button', { name: named('certificates:exportIdentity.submit') }));
    await waitFor(() => expect(within(exportDialog).getAllByRole('alert')).toHaveLength(2));
    sweep.check('Certificates page, export failed');
    await user.click(within(exportDialog).getByRole('button', { name: named('common:cancel') }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(screen.getByRole('button', { name: named('certificates:identity.regenerate') }));
    await screen.findByRole('dialog');
    sweep.check('Certificates page, regenerate dialog');
    sweep.expectNone();
  });

  it('Certificates page without a CA and when the services fail', async () => {
    const sweep = new GermanSweep();
    const api = sampleServices()
      .respond('certificates:overview', { ca: null, thisPc: null, devices: [], expiry: [], attention: 0 })
      .fail('certificates:identity', { code: 'internal', message: 'client certificate unreadable' })
      .respond('known-fingerprints:list', []);
    await openInGerman(api, '#/certificates');
    await screen.findByRole('heading', { name: named('certificates:ca.heading') });
    sweep.check('Certificates page, no CA, identity failed');
    cleanup();
    await openInGerman(sampleServices().fail('certificates:overview', { code: 'internal', message: 'store unreadable' }), '#/certificates');
    await screen.findAllByRole('alert');
    sweep.check('Certificates page, overview failed');
    sweep.expectNone();
  });
});
