import type { LocalRoute } from '../../../shared/domain/route';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import type { ServerApplyResult, ServerModel, ServerReadResult } from '../../../shared/ipc/channels/server-config';
import { FakeApi } from '../../test-utils/fake-api';
import { fileRoute } from '../../test-utils/twincat-file';

export const route = (name: string, last: number, tls: LocalRoute['tls'] = null): LocalRoute => ({
  name,
  address: `10.77.1.${last}`,
  netId: `10.77.1.${last}.1.1`,
  virtualNetId: null,
  type: 'TCP_IP',
  flags: null,
  temporary: false,
  unidirectional: false,
  tls,
  createdAt: '2026-01-10T08:00:00.000Z',
  verifiedAt: null,
});

export const ssc = (): LocalRoute['tls'] => ({
  mode: 'ssc',
  fingerprint: 'ab'.repeat(32),
  pskIdentity: null,
  ignoreCn: false,
  caFile: null,
  certFile: null,
  keyFile: null,
});

export const model = (overrides: Partial<ServerModel> = {}): ServerModel => ({
  secureOnly: false,
  psk: [{ identity: 'SERVICE' }],
  tls: null,
  routes: [fileRoute('ENG-PC', { address: '10.77.1.1', netId: '10.77.1.1.1.1', flags: null, secure: true })],
  ...overrides,
});

/** A place as a request carries it (the fake api sees requests before their defaults are applied). */
export type AnyPlace = { kind: 'local' } | { kind: 'target'; target: { name: string; netId: string } };

export const nameOf = (place: AnyPlace) => (place.kind === 'local' ? 'this PC' : `${place.target.name} (${place.target.netId})`);

export const readOk = (place: AnyPlace, overrides: Partial<ServerReadResult> = {}): ServerReadResult => ({
  place: nameOf(place),
  ok: true,
  folder: place.kind === 'local' ? 'C:\\TwinCAT\\3.1\\Target' : 'TwinCAT target folder',
  tried: [],
  exists: true,
  revision: `rev-${nameOf(place)}`,
  model: model(),
  switches: null,
  adsState: place.kind === 'local' ? null : 5,
  error: null,
  ...overrides,
});

export const noTwincat = (tried: string[]): ServerReadResult => ({
  place: 'this PC',
  ok: false,
  folder: null,
  tried,
  exists: false,
  revision: null,
  model: null,
  switches: null,
  adsState: null,
  error: { code: 'no-twincat', message: 'There is no TwinCAT on this PC', diff: null },
});

/** Three targets (plain, SSC, plain) and this PC with TwinCAT; every read succeeds. */
export function serverApi(routes: LocalRoute[] = [route('CX-ONE', 11), route('CX-TWO', 12, ssc()), route('CX-THREE', 13)]): FakeApi {
  return new FakeApi()
    .respond('routes:list', routes)
    .handle('server-config:read', ({ places }) => places.map((place) => readOk(place)))
    .handle('server-config:state', ({ targets }) =>
      targets.map((target) => ({ place: `${target.name} (${target.netId})`, ok: true, adsState: 5, error: null })),
    );
}

/** A change written to `place`'s file, which now holds `fileModel`. */
export const applied = (place: AnyPlace, fileModel: ServerModel = model()): ServerApplyResult => ({
  place: nameOf(place),
  ok: true,
  changed: true,
  backup: 'StaticRoutes.xml.bak-20260110T080000',
  revision: 'rev-2',
  model: fileModel,
  error: null,
});

/** A change `place` refused or never answered. */
export const applyFailed = (place: AnyPlace, error: NonNullable<ServerApplyResult['error']>): ServerApplyResult => ({
  place: nameOf(place),
  ok: false,
  changed: false,
  backup: null,
  revision: null,
  model: null,
  error,
});

/** The systems a request went to, by target name ('local' for this PC). */
export const placeNames = (request: unknown) =>
  (request as { places: AnyPlace[] }).places.map((place) => (place.kind === 'target' ? place.target.name : 'local'));

/** The systems a batch confirmation lists, as the user reads them. */
export const listedSystems = (dialog: HTMLElement) =>
  within(within(dialog).getByRole('list', { name: 'Systems' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

/** Ticks the systems `names`, waits until `reads` systems show Read (when given), and opens the toolbar's `action`. */
export async function selectAndOpen(names: string[], action: string, reads?: number) {
  const u = userEvent.setup({ delay: null });
  for (const name of names) await u.click(await screen.findByRole('checkbox', { name: `Select ${name}` }));
  if (reads !== undefined) await waitFor(() => expect(screen.getAllByText('Read')).toHaveLength(reads));
  const toolbar = screen.getByRole('toolbar', { name: 'Change the selected systems' });
  await u.click(within(toolbar).getByRole('button', { name: action }));
  return { u, dialog: screen.getByRole('dialog', { name: action }) };
}
