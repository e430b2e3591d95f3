// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalRoute } from '../../shared/domain/route';
import { FakeApi } from '../test-utils/fake-api';
import { renderWithApi } from '../test-utils/render';
import { useLiveQuery } from './use-live-query';

const route = (name: string): LocalRoute => ({
  name,
  address: '10.77.1.10',
  netId: '10.77.1.10.1.1',
  virtualNetId: null,
  type: 'TCP_IP',
  flags: null,
  temporary: false,
  unidirectional: false,
  tls: null,
  createdAt: '2025-01-10T08:00:00.000Z',
  verifiedAt: null,
});

function Names() {
  const { data, reload } = useLiveQuery('routes:list', {}, 'routes:changed', (event) => event.routes);
  return (
    <>
      <output>{data === undefined ? 'loading' : data.map((r) => r.name).join(',') || 'none'}</output>
      <button onClick={reload}>reload</button>
    </>
  );
}

describe('useLiveQuery', () => {
  afterEach(cleanup);

  it('shows the loaded list, then each pushed one', async () => {
    const api = new FakeApi().respond('routes:list', [route('A')]);
    renderWithApi(<Names />, api);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('A'));
    act(() => api.emit('routes:changed', { routes: [route('A'), route('B')] }));
    expect(screen.getByRole('status').textContent).toBe('A,B');
  });

  it('lets a reload answered after a push replace the pushed list, so an old push never hides newer data', async () => {
    let routes = [route('A')];
    const api = new FakeApi().handle('routes:list', () => routes);
    renderWithApi(<Names />, api);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('A'));
    act(() => api.emit('routes:changed', { routes: [route('B')] }));
    routes = [route('C')];
    act(() => screen.getByRole('button', { name: 'reload' }).click());
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('C'));
  });
});
