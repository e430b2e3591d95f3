// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LocalRoute } from '../../../shared/domain/route';
import type { RequestOf } from '../../../shared/ipc/contract';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { AddRouteDialog } from './AddRouteDialog';
import { discovered, FINGERPRINT, OTHER_FINGERPRINT, step } from './test-fixtures';

// The dialog picks each batch's id itself; here they are b1, b2, … in order, so events can name them.
const ids = vi.hoisted(() => ({ next: 0 }));
vi.mock('../../api/request-id', () => ({ newRequestId: () => `b${++ids.next}` }));
beforeEach(() => {
  ids.next = 0;
});

const cx = discovered('CX-123', '10.77.1.10');
// The dialog waits for typing to settle (400 ms) before it asks the resolver; jsdom under load can take a while more.
const RESOLVER_WAIT = { timeout: 4000 };

function fakeServices() {
  return new FakeApi()
    .respond('identity:get', {
      fingerprint: FINGERPRINT,
      subject: 'CN=ENG-PC',
      notAfter: '2061-01-01T00:00:00Z',
      localNetId: '10.77.1.1.1.1',
      hostname: 'ENG-PC',
    })
    .respond('secure:server-certificate', {
      certificate: {
        fingerprint: FINGERPRINT,
        subject: 'CN=CX-123',
        issuer: 'CN=CX-123',
        notBefore: '2000-01-01',
        notAfter: '2061-01-01',
        selfSigned: true,
      },
      cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
      handshakeMs: 8,
    })
    .respond('routes:add', { batchId: 'b1' });
}

function open(api: FakeApi, targets = [cx]) {
  // No pause between keystrokes: the dialog reacts synchronously, and MUI under jsdom is slow enough as it is.
  const user = userEvent.setup({ delay: null });
  renderWithApi(<AddRouteDialog open targets={targets} knownFingerprints={[]} onClose={() => {}} />, api);
  return user;
}

/** A route this PC already holds, as routes:list returns it. */
function earlierRoute(
  name: string,
  netId: string,
  mode: 'ssc' | 'psk' | 'ca',
  extra: { pskIdentity?: string; verifiedAt?: string } = {},
): LocalRoute {
  return {
    name,
    address: netId.split('.').slice(0, 4).join('.'),
    netId,
    virtualNetId: null,
    type: 'TCP_IP',
    flags: null,
    temporary: false,
    unidirectional: false,
    tls: { mode, fingerprint: null, pskIdentity: extra.pskIdentity ?? null, ignoreCn: false, caFile: null, certFile: null, keyFile: null },
    createdAt: '2026-11-01T08:00:00.000Z',
    verifiedAt: extra.verifiedAt ?? null,
  };
}

const addRequests = (api: FakeApi) => api.callsTo('routes:add') as Array<RequestOf<'routes:add'>>;

async function toLogin(user: ReturnType<typeof userEvent.setup>) {
  // The remote route name comes from identity:get; until it is there the form is incomplete.
  await waitFor(() => expect(screen.getByRole('button', { name: 'Add Route' })).toHaveProperty('disabled', false));
  await user.click(screen.getByRole('button', { name: 'Add Route' }));
  return screen.findByRole('form', { name: 'Login' });
}

describe('Add Route dialog: settings', () => {
  afterEach(cleanup);

  it('prefills the target and this PC’s name, and explains invalid input inline until it is fixed', async () => {
    const api = fakeServices();
    const user = open(api);
    expect(screen.getByRole('textbox', { name: 'Route Name (Target)' })).toHaveProperty('value', 'CX-123');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Remote Route Name' })).toHaveProperty('value', 'ENG-PC'));

    const netId = screen.getByRole('textbox', { name: 'AMS NetId' });
    await user.clear(netId);
    await user.type(netId, '5.36.69.176.1');
    await user.clear(screen.getByRole('textbox', { name: 'Connection Timeout (s)' }));
    await user.type(screen.getByRole('textbox', { name: 'Connection Timeout (s)' }), '900');
    await user.clear(screen.getByRole('textbox', { name: 'Route Name (Target)' }));
    expect(screen.getByText('Six numbers 0–255 separated by dots, e.g. 5.36.69.176.1.1')).toBeTruthy();
    expect(screen.getByText('Whole seconds from 1 to 600')).toBeTruthy();
    expect(screen.getByText('Enter a name (1–63 characters)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add Route' })).toHaveProperty('disabled', true);

    await user.type(netId, '.1');
    await user.type(screen.getByRole('textbox', { name: 'Route Name (Target)' }), 'CX 123');
    await user.clear(screen.getByRole('textbox', { name: 'Connection Timeout (s)' }));
    await user.type(screen.getByRole('textbox', { name: 'Connection Timeout (s)' }), '10');
    expect(screen.getByRole('button', { name: 'Add Route' })).toHaveProperty('disabled', false);
  });

  it('says where a plain route goes: added over UDP 48899 with the login unencrypted, ADS then on TCP 48898', async () => {
    const user = open(fakeServices());
    await user.click(screen.getByRole('switch', { name: 'Secure ADS' }));
    expect(
      screen.getByText('Plain ADS: the route is added over UDP 48899, where the login travels unencrypted; ADS then runs on TCP 48898'),
    ).toBeTruthy();
    expect(screen.queryByText(/on TCP 48898: the login/)).toBeNull();
  });

  it('preselects the method a target accepted before, says why, and fills in the earlier PSK identity', async () => {
    const tcbsd = discovered('TCBSD-PSK', '10.77.1.30');
    const api = fakeServices().respond('routes:list', [
      earlierRoute('TCBSD-PSK', tcbsd.netId, 'psk', { pskIdentity: 'SERVICE', verifiedAt: '2026-11-20T10:00:00.000Z' }),
    ]);
    const user = open(api, [tcbsd]);
    // The route list arrives after the first render; MUI under a loaded jsdom can take more than a second to show it.
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Pre-Shared Key (PSK)' })).toHaveProperty('checked', true), {
      timeout: 4000,
    });
    expect(screen.getByTestId('method-preselection').textContent).toBe(
      'Preselected: this target accepted Pre-Shared Key (PSK) on Nov 20, 2026.',
    );
    await toLogin(user);
    expect(screen.getByRole('textbox', { name: 'Identity' })).toHaveProperty('value', 'SERVICE');
  });

  it('keeps the default for a target nothing is known about, says so, and drops the note once the user picks', async () => {
    const api = fakeServices().respond('routes:list', [earlierRoute('OTHER', '10.77.9.9.1.1', 'psk')]);
    const user = open(api);
    await waitFor(
      () =>
        expect(screen.getByTestId('method-preselection').textContent).toBe(
          'Nothing is known yet about what this target accepts: Self-Signed Certificate is the default.',
        ),
      { timeout: 4000 },
    );
    expect(screen.getByRole('radio', { name: 'Self-Signed Certificate' })).toHaveProperty('checked', true);
    await user.click(screen.getByRole('radio', { name: 'Shared CA' }));
    expect(screen.queryByTestId('method-preselection')).toBeNull();
  });

  it('checks that this PC resolves the host name when Host Name is chosen, and to the system that answered', async () => {
    const answers: Record<string, { address: string | null; error: string | null }> = {
      'CX-123': { address: '10.77.1.10', error: null },
      'CX-OTHER': { address: '10.77.9.9', error: null },
    };
    const api = fakeServices().handle('network:resolve', ({ hosts }) =>
      hosts.map((host) => ({ host, ...(answers[host] ?? { address: null, error: 'not found by DNS or the hosts file' }) })),
    );
    const user = open(api);
    await user.click(screen.getByRole('radio', { name: 'Host Name' }));
    expect(screen.getByRole('textbox', { name: 'Address Info' })).toHaveProperty('value', 'CX-123');
    expect(await screen.findByText('This PC resolves CX-123 → 10.77.1.10.', undefined, RESOLVER_WAIT)).toBeTruthy();

    const address = screen.getByRole('textbox', { name: 'Address Info' });
    await user.clear(address);
    expect(screen.getByText('Enter a host name, or choose IP Address')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add Route' })).toHaveProperty('disabled', true);
    await user.type(address, 'CX-OTHER');
    expect(
      await screen.findByText(
        /CX-OTHER resolves to 10\.77\.9\.9, but the system answered from 10\.77\.1\.10\. Choose IP Address/,
        undefined,
        RESOLVER_WAIT,
      ),
    ).toBeTruthy();

    await user.clear(address);
    await user.type(address, 'CX-GONE');
    expect(
      // The resolver's own (English) reason sits in an element of its own, marked lang="en".
      await screen.findByText(
        (_, element) =>
          element?.getAttribute('role') === 'status' &&
          /CX-GONE does not resolve from this PC \(not found by DNS or the hosts file\)\. Choose IP Address/.test(
            element.textContent ?? '',
          ),
        undefined,
        RESOLVER_WAIT,
      ),
    ).toBeTruthy();
    expect(api.callsTo('network:resolve').at(-1)).toEqual({ hosts: ['CX-GONE'] });
  });
});

describe('Add Route dialog: Self-Signed Certificate login', () => {
  afterEach(cleanup);

  it('turns Compare with green for the handshake fingerprint in another notation, and only then enables Add', async () => {
    const api = fakeServices();
    const user = open(api);
    await toLogin(user);
    expect(await screen.findByText(/3FA2 C0DE 9B1E/)).toBeTruthy();
    expect(api.callsTo('secure:server-certificate')).toEqual([{ address: '10.77.1.10' }]);
    // The handshake fingerprint goes to the clipboard whole, in the notation shown, e.g. to paste into a ticket.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.click(screen.getByRole('button', { name: 'Copy fingerprint' }));
    expect(writeText).toHaveBeenCalledWith(formatFingerprint(FINGERPRINT, 'upper'));
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
    await user.type(screen.getByLabelText('Password'), '1');
    const add = screen.getByRole('button', { name: 'Add' });
    expect(add).toHaveProperty('disabled', true);

    const compare = screen.getByRole('textbox', { name: 'Compare with' });
    await user.click(compare);
    await user.paste(OTHER_FINGERPRINT.toUpperCase());
    expect(screen.getByText('Fingerprints differ: do not continue unless you know why')).toBeTruthy();
    expect(compare.getAttribute('aria-invalid')).toBe('true');
    expect(add).toHaveProperty('disabled', true);

    await user.clear(compare);
    await user.paste((FINGERPRINT.toUpperCase().match(/../g) ?? []).join(':'));
    expect(screen.getByText('Fingerprints match')).toBeTruthy();
    expect(compare.getAttribute('aria-invalid')).toBe('false');
    expect(add).toHaveProperty('disabled', false);

    await user.click(add);
    expect(addRequests(api)).toHaveLength(1);
    expect(addRequests(api)[0]).toMatchObject({
      targets: [
        {
          settings: { routeName: 'CX-123', address: '10.77.1.10', security: 'ssc', remoteRouteName: 'ENG-PC' },
          expectedFingerprint: FINGERPRINT,
        },
      ],
      credentials: { kind: 'os', user: 'Administrator', password: '1' },
    });
    expect(addRequests(api)[0]?.targets[0]).toMatchObject({ fingerprintBasis: 'compared' });
  });

  it('the out-of-band tick pins the fingerprint the user was shown, never "any"', async () => {
    const api = fakeServices();
    const user = open(api);
    await toLogin(user);
    await screen.findByText(/3FA2 C0DE 9B1E/);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('checkbox', { name: 'I verified this fingerprint another way' }));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(addRequests(api)[0]?.targets).toEqual([
      expect.objectContaining({ expectedFingerprint: FINGERPRINT, fingerprintBasis: 'out-of-band' }),
    ]);
    expect(addRequests(api)[0]).not.toHaveProperty('fingerprintVerifiedOutOfBand');
  });

  it('a tick holds only for the fingerprint it was given for: a re-read certificate that differs needs a new decision', async () => {
    let fingerprint = FINGERPRINT;
    const api = fakeServices().handle('secure:server-certificate', () => ({
      certificate: {
        fingerprint,
        subject: 'CN=CX-123',
        issuer: 'CN=CX-123',
        notBefore: '2000-01-01',
        notAfter: '2061-01-01',
        selfSigned: true,
      },
      cipherSuite: 'DHE-RSA-AES256-GCM-SHA384',
      handshakeMs: 8,
    }));
    const user = open(api);
    await toLogin(user);
    await screen.findByText(/3FA2 C0DE 9B1E/);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
    await user.click(screen.getByRole('checkbox', { name: 'I verified this fingerprint another way' }));
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', false);
    // Back and forth re-reads the certificate; the target now shows another one.
    fingerprint = OTHER_FINGERPRINT;
    await user.click(screen.getByRole('button', { name: 'Back' }));
    await toLogin(user);
    await screen.findByText(/FFA2 C0DE 9B1E/);
    expect(screen.getByRole('checkbox', { name: 'I verified this fingerprint another way' })).toHaveProperty('checked', false);
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
  });

  it('a target whose certificate could not be read cannot be ticked', async () => {
    const api = fakeServices().fail('secure:server-certificate', { code: 'tls-failed', message: 'TCP 8016 refused' });
    const user = open(api);
    await toLogin(user);
    await screen.findByText(/Cannot read the certificate of CX-123/);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
    expect(screen.getByRole('checkbox', { name: 'I verified this fingerprint another way' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
    expect(screen.getByText('Cannot add CX-123: the certificate could not be read')).toBeTruthy();
  });

  it('shows why the live certificate could not be read', async () => {
    const api = fakeServices().fail('secure:server-certificate', { code: 'tls-failed', message: 'TCP 8016 refused' });
    const user = open(api);
    await toLogin(user);
    expect(await screen.findByText(/Cannot read the certificate of CX-123: TCP 8016 refused/)).toBeTruthy();
  });
});

describe('Add Route dialog: PSK and plain logins', () => {
  afterEach(cleanup);

  it('sends a 64-hex PSK key as keyHex, and a shorter key as a password', async () => {
    const api = fakeServices();
    const user = open(api);
    await user.click(screen.getByRole('radio', { name: 'Pre-Shared Key (PSK)' }));
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'Identity' }), 'service');
    const key = screen.getByLabelText(/^Key/);
    await user.click(key);
    await user.paste('ab'.repeat(32));
    expect(screen.getByText('64 hex digits: used as the key itself')).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(addRequests(api)[0]?.credentials).toEqual({ kind: 'psk', identity: 'service', keyHex: 'ab'.repeat(32) });
    expect(api.callsTo('secure:server-certificate')).toEqual([]);
  });

  it('sends the Shared CA files, the key password and Ignore CN as entered', async () => {
    const api = fakeServices();
    const user = open(api);
    await user.click(screen.getByRole('radio', { name: 'Shared CA' }));
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: /CA certificate/ }), '/pki/ca.pem');
    await user.type(screen.getByRole('textbox', { name: /Client certificate/ }), '/pki/eng-pc.der');
    await user.type(screen.getByRole('textbox', { name: /Private key/ }), '/pki/eng-pc.key');
    const keyPassword = screen.getByLabelText(/^Key password/);
    expect(keyPassword.getAttribute('type')).toBe('password');
    await user.type(keyPassword, 'k3y-pw');
    await user.click(screen.getByRole('checkbox', { name: 'Ignore CN' }));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(addRequests(api)[0]?.credentials).toEqual({
      kind: 'ca',
      caPath: '/pki/ca.pem',
      certPath: '/pki/eng-pc.der',
      keyPath: '/pki/eng-pc.key',
      keyPassword: 'k3y-pw',
      ignoreCn: true,
    });
    expect(api.callsTo('secure:server-certificate')).toEqual([]);
  });

  it('asks for a user name with no silent default and can show the password', async () => {
    const api = fakeServices();
    const user = open(api, [discovered('PLC-1', '10.77.1.20', { secureAds: false, fingerprint: null })]);
    expect(screen.getByRole('switch', { name: 'Secure ADS' })).toHaveProperty('checked', false);
    await toLogin(user);
    expect(screen.getByRole('textbox', { name: 'User name' })).toHaveProperty('value', '');
    expect(screen.getByText('Beckhoff CX and TwinCAT/BSD factory images use Administrator / 1')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Show password' }));
    expect(screen.getByLabelText('Password').getAttribute('type')).toBe('text');
  });
});

describe('Add Route dialog: login text and PSK strength', () => {
  afterEach(cleanup);

  it('refuses a password TwinCAT cannot receive before anything is sent, without quoting it', async () => {
    const api = fakeServices();
    const user = open(api, [discovered('PLC-1', '10.77.1.20', { secureAds: false, fingerprint: null })]);
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
    await user.type(screen.getByLabelText('Password'), 'пароль');
    expect(screen.getAllByText(/password contains a character TwinCAT cannot receive/).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', true);
    await user.keyboard('{Enter}');
    expect(addRequests(api)).toEqual([]);
    expect(document.body.textContent).not.toMatch(/[пароль]|043F/);
    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'Grüße€');
    expect(screen.getByRole('button', { name: 'Add' })).toHaveProperty('disabled', false);
  });

  it('warns about a weak PSK password and offers a random 64-hex key instead', async () => {
    const api = fakeServices();
    const user = open(api);
    await user.click(screen.getByRole('radio', { name: 'Pre-Shared Key (PSK)' }));
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'Identity' }), 'service');
    await user.type(screen.getByLabelText(/^Key/), 'plc123');
    expect(screen.getByText(/weak PSK password/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Use a random key' }));
    expect(screen.queryByText(/weak PSK password/)).toBeNull();
    expect(screen.getByText('64 hex digits: used as the key itself')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add' }));
    const credentials = addRequests(api)[0]?.credentials as { keyHex?: string; password?: string };
    expect(credentials.keyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(credentials.password).toBeUndefined();
  });
});

describe('Add Route dialog: progress', () => {
  afterEach(cleanup);

  it('renders the live steps, even those that arrive before routes:add answers, and ends with a summary', async () => {
    const api = fakeServices();
    const answer = api.defer('routes:add');
    const user = open(api, [discovered('PLC-1', '10.77.1.20', { secureAds: false, fingerprint: null })]);
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator{Enter}');
    await screen.findByRole('region', { name: 'Progress' });
    api.emit('routes:step', step('b1', '10.77.1.20', 'resolve', 'ok', { ms: 1 }));
    answer.resolve({ batchId: 'b1' });
    api.emit('routes:step', step('other', '10.77.1.20', 'connect', 'failed'));
    await waitFor(() => expect(document.querySelector('[data-step="resolve"]')?.getAttribute('data-status')).toBe('ok'));
    api.emit('routes:step', step('b1', '10.77.1.20', 'connect', 'running'));
    await waitFor(() => expect(document.querySelector('[data-step="connect"]')?.getAttribute('data-status')).toBe('running'));
    api.emit('routes:step', step('b1', '10.77.1.20', 'connect', 'ok', { ms: 3 }));
    api.emit('routes:done', {
      batchId: 'b1',
      results: [{ target: '10.77.1.20', ok: true, netId: '10.77.1.20.1.1', fingerprint: null, error: null, ms: 412 }],
    });
    expect(await screen.findByText('Route to PLC-1 created and verified in 412 ms')).toBeTruthy();
    expect(screen.getByText('3 ms')).toBeTruthy();
  });

  it('names a refused login in plain words on the failed step, and offers Change login instead of a Retry that cannot help', async () => {
    const api = fakeServices();
    const user = open(api, [discovered('PLC-1', '10.77.1.20', { secureAds: false, fingerprint: null })]);
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
    await user.type(screen.getByLabelText('Password'), 'wrong{Enter}');
    await waitFor(() => expect(addRequests(api)).toHaveLength(1));
    const error = {
      code: 'auth-failed' as const,
      message: 'the target refused the credentials (TlsConnectInfo error 4: unknown user)',
      fix: 'Use an administrator account of the target OS',
    };
    api.emit('routes:step', step('b1', '10.77.1.20', 'credentials', 'failed', { error }));
    api.emit('routes:done', {
      batchId: 'b1',
      results: [{ target: '10.77.1.20', ok: false, netId: null, fingerprint: null, error, ms: 40 }],
    });
    const failed = await waitFor(() => {
      const item = document.querySelector<HTMLElement>('li[data-step="credentials"][data-status="failed"]');
      expect(item).not.toBeNull();
      return item!;
    });
    // The step is named for what it does, not for an outcome that did not happen.
    expect(failed.textContent).toContain('Send credentials');
    expect(failed.textContent).not.toMatch(/accepted/i);
    expect(within(failed).getByText('Wrong user name or password')).toBeTruthy();
    expect(within(failed).getByText(/^Fix: Use an administrator account of the target’s operating system/)).toBeTruthy();
    // The services' own words, marked as English, after "Details:".
    const details = within(failed).getByText(/TlsConnectInfo error 4/);
    expect(details.getAttribute('lang')).toBe('en');
    expect(details.parentElement?.textContent).toMatch(/^Details: .*TlsConnectInfo error 4/);
    // One icon, on the step itself; the error box beside it carries none of its own.
    expect(failed.querySelector('.MuiStepLabel-iconContainer [data-testid="ErrorIcon"]')).not.toBeNull();
    expect(failed.querySelector('.MuiAlert-icon')).toBeNull();

    expect(screen.queryByRole('button', { name: /^Retry/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Change login' }));
    expect(await screen.findByRole('textbox', { name: 'User name' })).toHaveProperty('value', 'Administrator');
    expect(screen.getByLabelText<HTMLInputElement>('Password').value).toBe('');
  });

  it('offers Retry, not Change login, for a failure that may pass on its own (a target that did not answer)', async () => {
    const api = fakeServices();
    const user = open(api, [discovered('PLC-1', '10.77.1.20', { secureAds: false, fingerprint: null })]);
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator{Enter}');
    await waitFor(() => expect(addRequests(api)).toHaveLength(1));
    const error = { code: 'timeout' as const, message: 'no answer from 10.77.1.20 on UDP 48899 within 3000 ms', fix: null };
    api.emit('routes:step', step('b1', '10.77.1.20', 'connect', 'failed', { error }));
    api.emit('routes:done', {
      batchId: 'b1',
      results: [{ target: '10.77.1.20', ok: false, netId: null, fingerprint: null, error, ms: 3000 }],
    });
    expect(await screen.findByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change login' })).toBeNull();
  });

  it('points a PSK identity the target does not know to the target’s own server section and to the Secure ADS server page', async () => {
    const api = fakeServices();
    const user = open(api, [discovered('PLC-1', '10.77.1.20', { secureAds: false, fingerprint: null })]);
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator{Enter}');
    await waitFor(() => expect(addRequests(api)).toHaveLength(1));
    const error = { code: 'psk-unknown' as const, message: 'PSK identity unknown on the target or wrong key', fix: null };
    api.emit('routes:step', step('b1', '10.77.1.20', 'tls', 'failed', { error }));
    api.emit('routes:done', {
      batchId: 'b1',
      results: [{ target: '10.77.1.20', ok: false, netId: null, fingerprint: null, error, ms: 30 }],
    });
    const hint = await screen.findByTestId('server-page-hint');
    expect(screen.getByText(/^Fix: Add the identity and key on the target itself: .* the target’s StaticRoutes\.xml/)).toBeTruthy();
    expect(within(hint).getByRole('link', { name: 'Open the Secure ADS server page' }).getAttribute('href')).toBe('#/server');
  });

  it('shows a target as created the moment its own result arrives, while another of the batch still runs', async () => {
    const api = fakeServices();
    const targets = ['10.77.1.10', '10.77.1.11'].map((address, i) =>
      discovered(`CX-${i + 1}`, address, { secureAds: false, fingerprint: null }),
    );
    const user = open(api, targets);
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
    await user.type(screen.getByLabelText('Password'), '1{Enter}');
    await waitFor(() => expect(addRequests(api)).toHaveLength(1));
    api.emit('routes:step', step('b1', '10.77.1.11', 'credentials', 'running'));
    api.emit('routes:result', {
      batchId: 'b1',
      result: { target: '10.77.1.10', ok: true, netId: '10.77.1.10.1.1', fingerprint: null, error: null, ms: 80 },
    });
    const rowOf = (name: string) =>
      within(screen.getByRole('table', { name: 'Route results' })).getByRole('row', { name: new RegExp(name) });
    await waitFor(() => expect(within(rowOf('CX-1')).getByText('Created')).toBeTruthy());
    expect(within(rowOf('CX-2')).getByText('Running')).toBeTruthy();
    expect(screen.getByText('1 of 2 done…')).toBeTruthy();
  });

  it('retries only the failed targets with the same settings and login', async () => {
    const api = fakeServices();
    const targets = ['10.77.1.10', '10.77.1.11', '10.77.1.12'].map((address, i) =>
      discovered(`CX-${i + 1}`, address, { secureAds: false, fingerprint: null }),
    );
    const user = open(api, targets);
    expect(within(screen.getByRole('table', { name: 'Selected targets' })).getAllByRole('row')).toHaveLength(4);
    await toLogin(user);
    await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
    await user.type(screen.getByLabelText('Password'), '1{Enter}');
    await waitFor(() => expect(addRequests(api)).toHaveLength(1));
    const refused = { code: 'refused' as const, message: 'TCP 48898 refused', fix: 'Open the port in the target firewall' };
    api.emit('routes:done', {
      batchId: 'b1',
      results: [
        { target: '10.77.1.10', ok: true, netId: null, fingerprint: null, error: null, ms: 100 },
        { target: '10.77.1.11', ok: false, netId: null, fingerprint: null, error: refused, ms: 50 },
        { target: '10.77.1.12', ok: true, netId: null, fingerprint: null, error: null, ms: 120 },
      ],
    });
    expect(await screen.findByText('2 of 3 routes created, 1 failed')).toBeTruthy();
    api.respond('routes:add', { batchId: 'b2' });
    await user.click(screen.getByRole('button', { name: 'Retry failed' }));
    await waitFor(() => expect(addRequests(api)).toHaveLength(2));
    const [first, retry] = addRequests(api);
    expect(retry?.targets.map((target) => target.settings.address)).toEqual(['10.77.1.11']);
    expect(retry?.targets[0]).toEqual(first?.targets[1]);
    expect(retry?.credentials).toEqual({ kind: 'os', user: 'Administrator', password: '1' });
    api.emit('routes:done', {
      batchId: 'b2',
      results: [{ target: '10.77.1.11', ok: true, netId: null, fingerprint: null, error: null, ms: 90 }],
    });
    expect(await screen.findByText('All 3 routes created and verified')).toBeTruthy();
    // The retried target says it needed a second attempt; the others ran once.
    const results = screen.getByRole('table', { name: 'Route results' });
    expect(within(within(results).getByRole('row', { name: /CX-2/ })).getByText('Attempt 2')).toBeTruthy();
    expect(within(results).getAllByText(/^Attempt/)).toHaveLength(1);
  });
});
