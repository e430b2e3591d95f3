// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import type { RequestOf } from '../../../shared/ipc/contract';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { serverCertificate } from '../../test-utils/sample-services';
import { AddRouteDialog } from './AddRouteDialog';
import { discovered, FINGERPRINT, OTHER_FINGERPRINT } from './test-fixtures';

const THIRD = 'aa'.repeat(32);
const byAddress: Record<string, string> = { '10.77.1.10': FINGERPRINT, '10.77.1.11': OTHER_FINGERPRINT, '10.77.1.12': THIRD };

function services() {
  return new FakeApi()
    .respond('identity:get', {
      fingerprint: FINGERPRINT,
      subject: 'CN=ENG-PC',
      notAfter: '2061-01-01T00:00:00Z',
      localNetId: '10.77.1.1.1.1',
      hostname: 'ENG-PC',
    })
    .handle('secure:server-certificate', ({ address }) => {
      const fingerprint = byAddress[address];
      if (!fingerprint) throw Object.assign(new Error('TCP 8016 refused'), { code: 'tls-failed' });
      return serverCertificate(address, fingerprint);
    })
    .respond('routes:add', { batchId: 'b1' });
}

function open(api: FakeApi, targets: ReturnType<typeof discovered>[], known: KnownFingerprint[] = []) {
  const user = userEvent.setup({ delay: null });
  renderWithApi(<AddRouteDialog open targets={targets} knownFingerprints={known} onClose={() => {}} />, api);
  return user;
}

async function toLogin(user: ReturnType<typeof userEvent.setup>) {
  await waitFor(() => expect(screen.getByRole('button', { name: 'Add Route' })).toHaveProperty('disabled', false));
  await user.click(screen.getByRole('button', { name: 'Add Route' }));
  await screen.findByRole('form', { name: 'Login' });
  await user.type(screen.getByRole('textbox', { name: 'User name' }), 'Administrator');
}

const addRequests = (api: FakeApi) => api.callsTo('routes:add') as Array<RequestOf<'routes:add'>>;
const add = () => screen.getByRole('button', { name: 'Add' });

describe('Add Route dialog: one decision per target', () => {
  afterEach(cleanup);

  it('two SSC targets: one compare does not add the other; each needs its own compare or tick', async () => {
    const api = services();
    const user = open(api, [discovered('CX-1', '10.77.1.10'), discovered('CX-2', '10.77.1.11')]);
    await toLogin(user);
    await screen.findByText(/FFA2 C0DE/);
    await user.click(screen.getByRole('textbox', { name: 'Compare with (CX-1)' }));
    await user.paste(FINGERPRINT);
    expect(add()).toHaveProperty('disabled', true);
    expect(screen.getByText('Compare or confirm the fingerprint of CX-2')).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'I verified the fingerprint of CX-2 another way' }));
    expect(add()).toHaveProperty('disabled', false);
    await user.click(add());
    expect(addRequests(api)[0]?.targets.map((t) => [t.settings.address, t.expectedFingerprint, t.fingerprintBasis])).toEqual([
      ['10.77.1.10', FINGERPRINT, 'compared'],
      ['10.77.1.11', OTHER_FINGERPRINT, 'out-of-band'],
    ]);
  });

  it('a target whose certificate could not be read blocks the batch and offers no tick', async () => {
    const api = services();
    const user = open(api, [discovered('CX-1', '10.77.1.10'), discovered('CX-9', '10.77.1.99')]);
    await toLogin(user);
    await screen.findByText(/Cannot read the certificate of CX-9/);
    expect(screen.getByRole('checkbox', { name: 'I verified the fingerprint of CX-9 another way' })).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('checkbox', { name: 'I verified the fingerprint of CX-1 another way' }));
    expect(add()).toHaveProperty('disabled', true);
    expect(screen.getByText('Cannot add CX-9: the certificate could not be read')).toBeTruthy();
  });

  it('a mixed batch keeps Secure ADS for the others and leaves the plain target out unless a confirmation naming it is accepted', async () => {
    const api = services();
    const user = open(api, [
      discovered('CX-1', '10.77.1.10'),
      discovered('PLC-OLD', '10.77.1.30', { secureAds: false, fingerprint: null }),
    ]);
    expect(screen.getByRole('switch', { name: 'Secure ADS' })).toHaveProperty('checked', true);
    await toLogin(user);
    await screen.findByText(/3FA2 C0DE/);
    expect(within(screen.getByTestId('plain-target')).getByText(/left out of this batch/)).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'I verified this fingerprint another way' }));
    await user.click(add());
    expect(addRequests(api)[0]?.targets.map((t) => [t.settings.address, t.settings.security])).toEqual([['10.77.1.10', 'ssc']]);

    cleanup();
    const again = services();
    const user2 = open(again, [
      discovered('CX-1', '10.77.1.10'),
      discovered('PLC-OLD', '10.77.1.30', { secureAds: false, fingerprint: null }),
    ]);
    await toLogin(user2);
    await screen.findByText(/3FA2 C0DE/);
    await user2.click(screen.getByRole('button', { name: 'Add with plain ADS…' }));
    const confirm = await screen.findByRole('dialog', { name: 'Send the login to PLC-OLD unencrypted?' });
    expect(within(confirm).getByText(/user name and password\s+travel unencrypted/)).toBeTruthy();
    await user2.click(within(confirm).getByRole('button', { name: 'Use plain ADS for PLC-OLD' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /unencrypted\?/ })).toBeNull());
    expect(
      within(screen.getByTestId('plain-target')).getByText(/gets a plain ADS route: the user name and password travel unencrypted/),
    ).toBeTruthy();
    await user2.click(screen.getByRole('checkbox', { name: 'I verified this fingerprint another way' }));
    await user2.click(add());
    expect(addRequests(again)[0]?.targets.map((t) => [t.settings.address, t.settings.security])).toEqual([
      ['10.77.1.10', 'ssc'],
      ['10.77.1.30', 'none'],
    ]);
  });
});

describe('Add Route dialog: known fingerprints', () => {
  afterEach(cleanup);

  it('a target showing its remembered fingerprint counts as decided, pinned as known', async () => {
    const api = services();
    const known = [
      {
        netId: '10.77.1.10.1.1',
        address: '10.77.1.10',
        fingerprint: FINGERPRINT,
        firstSeen: '2026-01-02T12:00:00.000Z',
        lastSeen: '2026-02-03T00:00:00.000Z',
      },
    ];
    const user = open(api, [discovered('CX-1', '10.77.1.10', { netId: '10.77.1.10.1.1' })], known);
    await toLogin(user);
    expect(await screen.findByTestId('fingerprint-known')).toBeTruthy();
    await waitFor(() => expect(add()).toHaveProperty('disabled', false));
    await user.click(add());
    expect(addRequests(api)[0]?.targets[0]).toMatchObject({ expectedFingerprint: FINGERPRINT, fingerprintBasis: 'known' });
  });

  it('a changed fingerprint is a loud warning with the date and never turns green by itself', async () => {
    const api = services();
    const known = [
      {
        netId: '10.77.1.10.1.1',
        address: '10.77.1.10',
        fingerprint: THIRD,
        firstSeen: '2026-01-02T12:00:00.000Z',
        lastSeen: '2026-02-03T00:00:00.000Z',
      },
    ];
    const user = open(api, [discovered('CX-1', '10.77.1.10', { netId: '10.77.1.10.1.1' })], known);
    await toLogin(user);
    const warning = await screen.findByTestId('fingerprint-changed');
    expect(warning.textContent).toContain(
      'CX-1: Fingerprint changed since Jan 2, 2026: the target was reinstalled, or someone is in between.',
    );
    expect(screen.queryByTestId('fingerprint-known')).toBeNull();
    expect(add()).toHaveProperty('disabled', true);
  });
});
