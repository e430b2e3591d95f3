// @vitest-environment jsdom
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { RequestOf } from '../../shared/ipc/contract';
import type { DiscoveredTarget } from '../../shared/domain/target';
import { App } from './App';
import { i18n } from '../i18n';
import { GermanSweep, named } from '../test-utils/german-sweep';
import { fill, openInGerman } from './open-in-german';
import {
  BSD,
  CE,
  CX,
  FINGERPRINT,
  OTHER_FINGERPRINT,
  ROUTES,
  certificate,
  device,
  sampleServices,
  serverCertificate,
} from '../test-utils/sample-services';
import { routeExport } from '../../shared/static-routes/route-export';
import type { FakeApi } from '../test-utils/fake-api';
import { fileRoute, STATIC_ROUTES_PATH, twinCatFile } from '../test-utils/twincat-file';
import { model, noTwincat, readOk, serverApi } from '../features/server/test-fixtures';

/**
 * The Targets page in German through a search, its banners and the big-range question, and the dialogs it opens:
 * target routes (with its remove confirmation) and Add Route from settings through login to steps and results.
 */

type User = ReturnType<typeof userEvent.setup>;

function services(): FakeApi {
  return sampleServices()
    .respond('secure:server-certificate', serverCertificate('CX-123'))
    .handle('routes:add', ({ batchId }) => ({ batchId: batchId ?? 'b1' }));
}

async function openTargets(api: FakeApi): Promise<User> {
  window.history.replaceState(null, '', '/#/targets');
  await act(() => i18n.changeLanguage('de'));
  render(<App api={api} />);
  await screen.findByRole('checkbox', { name: /lab1/ });
  return userEvent.setup({ delay: null });
}

/** A broadcast that finds `targets`, with one host that failed on the way. */
async function search(api: FakeApi, user: User, targets: DiscoveredTarget[] = [CX, BSD, CE]) {
  await user.click(screen.getByRole('button', { name: named('targets:search.broadcast') }));
  await waitFor(() => expect(api.callsTo('discovery:start')).not.toHaveLength(0));
  const searchId = (api.callsTo('discovery:start').at(-1) as RequestOf<'discovery:start'>).searchId ?? '';
  await waitFor(() => expect(screen.getByRole('button', { name: named('targets:search.cancel') })).toHaveProperty('disabled', false));
  act(() => api.emit('discovery:progress', { searchId, sent: 1, total: 2, answered: 0 }));
  return {
    searchId,
    finish: () => {
      act(() => {
        for (const target of targets) api.emit('discovery:result', { searchId, target });
        api.emit('discovery:done', { searchId, found: targets.length, durationMs: 3000, cancelled: false, hint: null });
      });
    },
  };
}

async function select(user: User, ...targets: DiscoveredTarget[]) {
  for (const target of targets) await user.click(screen.getByRole('checkbox', { name: new RegExp(`\\b${target.hostname}\\b`) }));
}

afterEach(cleanup);
afterAll(() => i18n.changeLanguage('en'));

describe('the Targets page in German', () => {
  it('before, during and after a search, with a changed fingerprint, a filter that hides all and a big range', async () => {
    const sweep = new GermanSweep();
    const api = services();
    const user = await openTargets(api);
    sweep.check('Targets, no search yet');
    const running = await search(api, user);
    sweep.check('Targets, searching');
    act(() => api.emit('discovery:host-error', { searchId: running.searchId, host: '10.77.9.9', message: 'host unreachable' }));
    running.finish();
    await screen.findByText('CX-BSD');
    sweep.check('Targets, results');
    await user.click(screen.getByRole('button', { name: named('targets:columns.chooser') }));
    await screen.findByRole('menu');
    sweep.check('Targets, column chooser');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('menu')).toBeNull());

    await user.type(screen.getByRole('textbox', { name: named('targets:filter.label') }), 'zzz');
    sweep.check('Targets, filter hides all');
    await user.clear(screen.getByRole('textbox', { name: named('targets:filter.label') }));

    await fill(user, screen.getByRole('textbox', { name: named('targets:search.hosts') }), 'plc:851');
    await fill(user, screen.getByRole('textbox', { name: named('targets:search.ranges') }), '10.0.0.1-');
    expect(screen.getByText(/plc:851: Die Suche läuft nur über IPv4/)).toBeTruthy();
    expect(screen.getByText(/10\.0\.0\.1- ist kein Von–bis-Bereich/)).toBeTruthy();
    sweep.check('Targets, refused search entries');
    await user.clear(screen.getByRole('textbox', { name: named('targets:search.ranges') }));
    await user.clear(screen.getByRole('textbox', { name: named('targets:search.hosts') }));

    await fill(user, screen.getByRole('textbox', { name: named('targets:search.hosts') }), 'CX-GONE');
    await user.click(screen.getByRole('button', { name: named('targets:search.searchHost') }));
    await waitFor(() => expect(api.callsTo('discovery:start')).toHaveLength(2));
    const searchId = (api.callsTo('discovery:start').at(-1) as RequestOf<'discovery:start'>).searchId ?? '';
    act(() => {
      api.emit('discovery:host-error', { searchId, host: 'CX-GONE', message: 'not found by DNS or the hosts file' });
      api.emit('discovery:done', {
        searchId,
        found: 0,
        durationMs: 3000,
        cancelled: false,
        hint: 'No TwinCAT system answered: check the adapter and UDP 48899',
      });
    });
    await waitFor(() => expect(screen.queryByText('CX-BSD')).toBeNull());
    sweep.check('Targets, nothing found');

    await fill(user, screen.getByRole('textbox', { name: named('targets:search.ranges') }), '10.0.0.0/16');
    await user.click(screen.getByRole('button', { name: named('targets:search.searchRange') }));
    await screen.findByRole('dialog');
    sweep.check('Targets, big range question');
    sweep.expectNone();
  });

  it('routes on a target: the list, the remove confirmation for this PC, a failed remove, a PSK target', async () => {
    const sweep = new GermanSweep();
    const api = services()
      .respond('target-routes:list', {
        address: CX.address,
        netId: CX.netId,
        localNetId: '10.77.1.2.1.1',
        state: { adsState: 15, name: 'Config' },
        routes: [
          { name: 'ENG-PC', netId: '10.77.1.2.1.1', address: '10.77.1.2', raw: '', notes: [], thisPc: true },
          { name: 'HMI-2', netId: '10.77.1.40.1.1', address: '10.77.1.40', raw: '', notes: [], thisPc: false },
          { name: '', netId: null, address: '', raw: '0a0b', notes: ['record has no route name'], thisPc: false },
        ],
        endNote: 'the list ended with ADS error 1793 instead of "not found": it may be incomplete',
      })
      .fail('target-routes:remove', { code: 'timeout', message: 'no answer from 10.77.1.10 within 5000 ms' });
    const user = await openTargets(api);
    (await search(api, user)).finish();
    await select(user, CX);
    await user.click(screen.getByRole('button', { name: named('targetRoutes:openFromTargets') }));
    await screen.findByText('HMI-2');
    sweep.check('Routes on target');
    await user.click(screen.getByRole('button', { name: /ENG-PC/ }));
    await screen.findByRole('button', { name: named('targetRoutes:confirmRemove') });
    sweep.check('Routes on target, remove this PC');
    await user.click(screen.getByRole('button', { name: named('targetRoutes:confirmRemove') }));
    await waitFor(() => expect(api.callsTo('target-routes:remove')).toHaveLength(1));
    await waitFor(() => expect(within(screen.getByRole('dialog')).getAllByRole('alert').length).toBeGreaterThan(0));
    sweep.check('Routes on target, remove failed');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: named('targetRoutes:close') }));

    await select(user, CX, BSD);
    api.fail('target-routes:list', { code: 'no-route-back', message: 'ADS error 7: target machine not found' });
    await user.click(screen.getByRole('button', { name: named('targetRoutes:openFromTargets') }));
    await screen.findByRole('dialog');
    sweep.check('Routes on a PSK target');
    sweep.expectNone();
  });
});

async function openAddRoute(api: FakeApi, targets: DiscoveredTarget[]): Promise<User> {
  const user = await openTargets(api);
  (await search(api, user, targets)).finish();
  await select(user, ...targets);
  await user.click(screen.getByRole('button', { name: named('targets:addRoute') }));
  const dialog = await screen.findByRole('dialog');
  await waitFor(() => expect(within(dialog).getByRole('button', { name: named('addRoute:add') })).toHaveProperty('disabled', false));
  return user;
}

const dialog = () => screen.getByRole('dialog');

async function toLogin(user: User) {
  await user.click(within(dialog()).getByRole('button', { name: named('addRoute:add') }));
  await within(dialog()).findByRole('form', { name: named('addRoute:login.form') });
}

describe('the Add Route dialog in German', () => {
  it('one self-signed target: settings, host name check, fingerprint compare, steps, a failure with its fix', async () => {
    const sweep = new GermanSweep();
    const api = services().handle('network:resolve', ({ hosts }) =>
      hosts.map((host) => ({ host, address: null, error: 'not found by DNS or the hosts file' })),
    );
    const user = await openAddRoute(api, [CX]);
    sweep.check('Add Route, settings');
    await user.click(within(dialog()).getByRole('radio', { name: named('addRoute:settings.hostname') }));
    await waitFor(() => expect(api.callsTo('network:resolve')).not.toHaveLength(0), { timeout: 4000 });
    await within(dialog()).findByText(/CX-123.*\(/, undefined, { timeout: 4000 });
    sweep.check('Add Route, host name does not resolve');
    await user.click(within(dialog()).getByRole('radio', { name: named('addRoute:settings.ip') }));

    await toLogin(user);
    await within(dialog()).findByText(/3FA2 C0DE/);
    sweep.check('Add Route, login');
    const compare = within(dialog()).getByRole('textbox', { name: named('addRoute:fingerprint.compareWith') });
    await user.click(compare);
    await user.paste(OTHER_FINGERPRINT);
    sweep.check('Add Route, fingerprints differ');
    await user.clear(compare);
    await user.paste(FINGERPRINT);
    await fill(user, within(dialog()).getByRole('textbox', { name: named('addRoute:login.user') }), 'Administrator');
    await user.type(within(dialog()).getByLabelText(named('addRoute:login.password')), '1');
    sweep.check('Add Route, fingerprints match');

    await user.click(within(dialog()).getByRole('button', { name: named('addRoute:login.add') }));
    await waitFor(() => expect(api.callsTo('routes:add')).toHaveLength(1));
    const batchId = (api.callsTo('routes:add')[0] as RequestOf<'routes:add'>).batchId ?? '';
    const step = (
      name: Parameters<typeof emitStep>[3],
      status: Parameters<typeof emitStep>[4],
      extra: Parameters<typeof emitStep>[5] = {},
    ) => emitStep(api, batchId, CX.address, name, status, extra);
    step('resolve', 'ok', { ms: 1 });
    step('connect', 'ok', { ms: 2 });
    step('tls', 'running');
    sweep.check('Add Route, steps running');
    const error = { code: 'timeout' as const, message: 'no answer within 5000 ms', fix: 'check that the target is on' };
    step('tls', 'failed', { error });
    act(() =>
      api.emit('routes:done', {
        batchId,
        results: [{ target: CX.address, ok: false, netId: null, fingerprint: null, error, ms: 5012 }],
      }),
    );
    await within(dialog()).findByRole('button', { name: named('addRoute:retry') });
    sweep.check('Add Route, failed step with cause and fix');
    sweep.expectNone();
  });

  it('one target done, and the PSK and shared CA logins', async () => {
    const sweep = new GermanSweep();
    const api = services();
    const user = await openAddRoute(api, [CX]);
    await user.click(within(dialog()).getByRole('radio', { name: named('common:secureMethod.psk') }));
    await toLogin(user);
    sweep.check('Add Route, PSK login');
    await fill(user, within(dialog()).getByRole('textbox', { name: named('addRoute:login.identity') }), 'Werk1');
    await user.type(within(dialog()).getByLabelText(named('addRoute:login.key')), 'abc');
    sweep.check('Add Route, weak PSK password');
    await user.click(within(dialog()).getByRole('button', { name: named('addRoute:back') }));
    await user.click(within(dialog()).getByRole('radio', { name: named('common:secureMethod.ca') }));
    await toLogin(user);
    sweep.check('Add Route, shared CA login');
    await user.click(within(dialog()).getByRole('button', { name: named('addRoute:back') }));
    await user.click(within(dialog()).getByRole('switch', { name: named('addRoute:settings.secureAds') }));
    await toLogin(user);
    sweep.check('Add Route, plain ADS login');
    await fill(user, within(dialog()).getByRole('textbox', { name: named('addRoute:login.user') }), 'Administrator');
    await user.click(within(dialog()).getByRole('button', { name: named('addRoute:login.add') }));
    await waitFor(() => expect(api.callsTo('routes:add')).toHaveLength(1));
    const batchId = (api.callsTo('routes:add')[0] as RequestOf<'routes:add'>).batchId ?? '';
    for (const name of ['resolve', 'connect', 'credentials', 'remote-route', 'local-route', 'verify'] as const)
      emitStep(api, batchId, CX.address, name, 'ok', { ms: 12 });
    act(() =>
      api.emit('routes:done', {
        batchId,
        results: [{ target: CX.address, ok: true, netId: CX.netId, fingerprint: null, error: null, ms: 1412 }],
      }),
    );
    await waitFor(() => expect(within(dialog()).queryByRole('button', { name: named('addRoute:retry') })).toBeNull());
    await within(dialog()).findByText(/1,4 s|1412|1\.412/);
    sweep.check('Add Route, created and verified');
    sweep.expectNone();
  });

  it('three targets: the settings table, a target without Secure ADS, results while running and after', async () => {
    const sweep = new GermanSweep();
    const api = services().handle('secure:server-certificate', ({ address }) => ({
      certificate: { ...certificateOf(address), selfSigned: true },
      cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      handshakeMs: 8,
    }));
    const user = await openAddRoute(api, [CX, BSD, CE]);
    sweep.check('Add Route, three targets, settings');
    await toLogin(user);
    await within(dialog()).findAllByText(/3FA2 C0DE/);
    sweep.check('Add Route, three targets, login');
    await user.click(within(dialog()).getByRole('button', { name: named('trust:plain.useButton') }));
    await screen.findByRole('button', { name: named('trust:plain.confirmButton') });
    sweep.check('Add Route, plain ADS confirmation');
    await user.click(screen.getByRole('button', { name: named('trust:plain.confirmButton') }));
    await waitFor(() => expect(screen.queryByRole('button', { name: named('trust:plain.confirmButton') })).toBeNull());
    for (const target of [CX, BSD]) {
      await user.click(within(dialog()).getByRole('checkbox', { name: new RegExp(target.hostname) }));
    }
    await fill(user, within(dialog()).getByRole('textbox', { name: named('addRoute:login.user') }), 'Administrator');
    await user.type(within(dialog()).getByLabelText(named('addRoute:login.password')), '1');
    await user.click(within(dialog()).getByRole('button', { name: named('addRoute:login.add') }));
    await waitFor(() => expect(api.callsTo('routes:add')).toHaveLength(1));
    const batchId = (api.callsTo('routes:add')[0] as RequestOf<'routes:add'>).batchId ?? '';
    emitStep(api, batchId, BSD.address, 'credentials', 'running');
    act(() =>
      api.emit('routes:result', {
        batchId,
        result: { target: CX.address, ok: true, netId: CX.netId, fingerprint: FINGERPRINT, error: null, ms: 310 },
      }),
    );
    sweep.check('Add Route, three targets running');
    const error = { code: 'timeout' as const, message: 'no answer within 5000 ms', fix: null };
    act(() =>
      api.emit('routes:done', {
        batchId,
        results: [
          { target: CX.address, ok: true, netId: CX.netId, fingerprint: FINGERPRINT, error: null, ms: 310 },
          { target: BSD.address, ok: false, netId: null, fingerprint: null, error, ms: 120 },
          { target: CE.address, ok: true, netId: CE.netId, fingerprint: null, error: null, ms: 95 },
        ],
      }),
    );
    await within(dialog()).findByRole('button', { name: named('addRoute:retryFailed') });
    sweep.check('Add Route, three targets done, one failed');
    sweep.expectNone();
  });
});

function certificateOf(address: string) {
  const fingerprint = address === BSD.address ? OTHER_FINGERPRINT : FINGERPRINT;
  const details = certificate(address, { fingerprint });
  return { fingerprint, subject: details.subject, issuer: details.subject, notBefore: details.notBefore, notAfter: details.notAfter };
}

function emitStep(
  api: FakeApi,
  batchId: string,
  target: string,
  step: 'resolve' | 'connect' | 'tls' | 'fingerprint' | 'credentials' | 'remote-route' | 'local-route' | 'verify',
  status: 'running' | 'ok' | 'failed' | 'skipped',
  extra: { ms?: number; error?: { code: 'timeout' | 'auth-failed'; message: string; fix: string | null } } = {},
) {
  act(() => api.emit('routes:step', { batchId, target, step, status, ms: extra.ms ?? null, detail: null, error: extra.error ?? null }));
}

describe('the Routes and Secure ADS server pages in German', () => {
  it('Routes page: routes of every kind, and the remove confirmation', async () => {
    const sweep = new GermanSweep();
    const user = await openInGerman(sampleServices(), '#/routes');
    await screen.findByText('CX-BSD');
    sweep.check('Routes page');
    const removeButtons = screen.getAllByRole('button', { name: named('routes:table.removeRoute') });
    await user.click(removeButtons[0] as HTMLElement);
    await screen.findByRole('dialog');
    sweep.check('Routes page, remove confirmation');
    sweep.expectNone();
  });

  it('Routes page: this PC’s StaticRoutes.xml, and without TwinCAT the export of a route', async () => {
    const sweep = new GermanSweep();
    const withTwinCat = sampleServices().respond(
      'twincat-routes:list',
      twinCatFile([
        fileRoute('CX-123'),
        fileRoute('CX-BSD', { address: '10.77.2.12', netId: '10.77.2.12.1.1', flags: null, secure: true, subRoutes: 2 }),
      ]),
    );
    withTwinCat.handle('routes:remove', () => ({
      removed: true,
      twincat: { outcome: 'removed', path: STATIC_ROUTES_PATH, detail: 'removed' },
    }));
    const twinCatUser = await openInGerman(withTwinCat, '#/routes');
    await screen.findAllByText('CX-BSD');
    await screen.findAllByText(/StaticRoutes\.xml/);
    sweep.check('Routes page, this PC’s StaticRoutes.xml');
    await twinCatUser.click(screen.getAllByRole('button', { name: named('routes:table.removeRoute') })[0] as HTMLElement);
    await screen.findByRole('checkbox', { name: named('routes:confirm.fromTwinCat') });
    sweep.check('Routes page, remove confirmation with StaticRoutes.xml');
    await twinCatUser.click(screen.getByRole('button', { name: named('routes:confirm.remove') }));
    await waitFor(() => expect(withTwinCat.callsTo('routes:remove')).toEqual([expect.objectContaining({ fromTwinCat: true })]));
    await screen.findByRole('status');
    sweep.check('Routes page, removed from StaticRoutes.xml');
    cleanup();

    const thisPc = { netId: '10.77.1.2.1.1', address: '10.77.1.2', hostname: 'ENG-PC' };
    const withoutTwinCat = sampleServices()
      .respond('twincat-routes:list', {
        found: false,
        path: null,
        tried: ['/usr/local/etc/TwinCAT/3.1/Target'],
        exists: false,
        routes: [],
        error: null,
      })
      .handle('twincat-routes:export', ({ name }) => ({
        ...routeExport(ROUTES.find((one) => one.name === name) ?? ROUTES[0]!, thisPc),
        thisPc,
      }));
    const user = await openInGerman(withoutTwinCat, '#/routes');
    const exportButtons = await screen.findAllByRole('button', { name: named('routes:twincat.exportRoute') });
    await user.click(exportButtons[0] as HTMLElement);
    await screen.findByRole('dialog');
    await waitFor(() => expect(withoutTwinCat.callsTo('twincat-routes:export')).toHaveLength(1));
    sweep.check('Routes page, export of a route');
    sweep.expectNone();
  });

  it('Routes page without routes', async () => {
    const sweep = new GermanSweep();
    await openInGerman(sampleServices().respond('routes:list', []), '#/routes');
    await waitFor(() => expect(screen.queryByRole('table')).toBeNull());
    sweep.check('Routes page, empty');
    sweep.expectNone();
  });

  it('Secure ADS server page: the systems, one shown in full, and its change and restart dialogs', async () => {
    const sweep = new GermanSweep();
    const api = serverApi()
      .respond('server-config:generate-psk', { secret: 'S3cr3t-generated-once', keyHex: 'cd'.repeat(32) })
      .respond('known-fingerprints:list', []);
    const user = await openInGerman(api, '#/server');
    await screen.findByRole('button', { name: /CX-ONE/ });
    sweep.check('Server page');
    await user.click(screen.getByRole('button', { name: /CX-ONE/ }));
    sweep.check('Server page, one system shown');
    await user.click(screen.getByRole('checkbox', { name: /CX-TWO/ }));
    for (const action of ['server:actions.addPsk', 'server:actions.setCa', 'server:actions.secureOnly', 'server:actions.restartConfig']) {
      const button = screen.getByRole('button', { name: named(action) });
      if (button.hasAttribute('disabled')) throw new Error(`${action} is disabled`);
      await user.click(button);
      const dialog = await screen.findByRole('dialog');
      if (action === 'server:actions.addPsk') {
        await fill(user, within(dialog).getAllByRole('textbox')[0] as HTMLElement, 'ANNA');
        await user.click(within(dialog).getByRole('button', { name: named('server:change.generateButton') }));
        await within(dialog).findByDisplayValue('S3cr3t-generated-once');
      }
      sweep.check(`Server page, ${action}`);
      await user.click(within(dialog).getByRole('button', { name: named('common:cancel') }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    }
    sweep.expectNone();
  });

  it('Secure ADS server page: removing a PSK identity and the CA files from many systems', async () => {
    const sweep = new GermanSweep();
    const api = serverApi().handle('server-config:read', ({ places }) =>
      places.map((place) =>
        place.kind === 'target' && place.target.name === 'CX-TWO'
          ? readOk(place, { model: model({ psk: [{ identity: 'SERVICE' }, { identity: 'ANNA' }] }) })
          : readOk(place),
      ),
    );
    const user = await openInGerman(api, '#/server');
    for (const name of [/CX-ONE/, /CX-TWO/]) await user.click(await screen.findByRole('checkbox', { name }));
    const toolbar = screen.getByRole('toolbar');
    await user.click(within(toolbar).getByRole('button', { name: named('server:actions.removePsk') }));
    let dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('combobox'));
    sweep.check('Server page, identities to remove');
    await user.click(await screen.findByRole('option', { name: /^ANNA/ }));
    await user.click(within(dialog).getByRole('button', { name: named('server:change.next') }));
    await within(dialog).findByRole('list');
    sweep.check('Server page, removal confirmation');
    await user.click(within(dialog).getByRole('button', { name: named('server:change.back') }));
    await user.click(within(dialog).getByRole('button', { name: named('common:cancel') }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(within(toolbar).getByRole('button', { name: named('server:actions.clearCa') }));
    dialog = await screen.findByRole('dialog');
    sweep.check('Server page, clear CA files confirmation');
    await user.click(within(dialog).getByRole('button', { name: named('common:cancel') }));
    sweep.expectNone();
  });

  it('Install on target: the Certificates page hands a device certificate to Set CA files, with or without its system', async () => {
    const sweep = new GermanSweep();
    const base = sampleServices().handle('server-config:read', ({ places }) => places.map((place) => readOk(place)));
    const overview = await base.invoke('certificates:overview', {});
    if (!overview.ok) throw new Error('sample overview');
    const api = base.respond('certificates:overview', { ...overview.data, devices: [...overview.data.devices, device('CX-NEW', 300)] });
    for (const name of ['CX-123', 'CX-NEW']) {
      const user = await openInGerman(api, '#/certificates');
      const table = await screen.findByRole('table', { name: named('certificates:devices.table') });
      const row = within(table).getByRole('rowheader', { name }).closest('tr') as HTMLElement;
      await user.click(within(row).getByRole('button', { name: named('certificates:devices.install') }));
      const banner = await screen.findByTestId('server-hand-over');
      // The sentence that says what to do next comes once the page knows its systems; the sweep must see it.
      await within(banner).findByText(named(name === 'CX-123' ? 'server:handOver.matched' : 'server:handOver.noMatch'));
      sweep.check(`Server page, certificate of ${name} handed over`);
      if (name === 'CX-123') {
        await user.click(within(screen.getByRole('toolbar')).getByRole('button', { name: named('server:actions.setCa') }));
        await screen.findByRole('dialog');
        sweep.check('Server page, Set CA files filled from the certificate');
      }
      cleanup();
    }
    sweep.expectNone();
  });

  it('Secure ADS server page when this PC has no TwinCAT', async () => {
    const sweep = new GermanSweep();
    const api = serverApi().handle('server-config:read', ({ places }) =>
      places.map((place) => (place.kind === 'local' ? noTwincat(['C:\\TwinCAT\\3.1']) : readOk(place))),
    );
    await openInGerman(api, '#/server');
    await screen.findAllByText(/C:\\TwinCAT\\3\.1/);
    sweep.check('Server page, no TwinCAT');
    sweep.expectNone();
  });
});
