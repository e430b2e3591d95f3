// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { LogPage } from './LogPage';
import type { LogEntry } from './merge-log';

const started: LogEntry = { time: '2025-01-10T08:00:00.000Z', level: 'info', source: 'web-host', message: 'host started' };
const searched: LogEntry = { time: '2025-01-10T08:00:01.500Z', level: 'info', source: 'discovery', message: 'search on Ethernet 2' };
const refused: LogEntry = { time: '2025-01-10T08:00:02.250Z', level: 'error', source: 'routes', message: 'route refused by CX-1234' };

function messages(): string[] {
  const table = screen.getByRole('table', { name: 'Log' });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell').at(-1)?.textContent ?? '');
}

describe('Log page', () => {
  afterEach(cleanup);

  it('shows the backlog and then every live log line, newest first, each once', async () => {
    const api = new FakeApi();
    const backlog = api.defer('log:recent');
    renderWithApi(<LogPage />, api);
    const table = screen.getByRole('table', { name: 'Log' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Time', 'Level', 'Source', 'Message']);
    expect(api.listenerCount('log:entry')).toBe(1);

    // This line is live before the backlog answer arrives and is also part of that backlog.
    act(() => api.emit('log:entry', searched));
    backlog.resolve([started, searched]);
    await waitFor(() => expect(messages()).toEqual(['search on Ethernet 2', 'host started']));

    act(() => api.emit('log:entry', refused));
    expect(messages()).toEqual(['route refused by CX-1234', 'search on Ethernet 2', 'host started']);
    const newest = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(newest).getByText('error')).toBeTruthy();
    expect(within(newest).getByText('routes')).toBeTruthy();
  });

  it('stops listening when the page closes', async () => {
    const api = new FakeApi().respond('log:recent', []);
    const view = renderWithApi(<LogPage />, api);
    await screen.findByText('No log lines yet.');
    view.unmount();
    expect(api.listenerCount('log:entry')).toBe(0);
  });

  it('shows why the backlog could not be loaded, and still shows live lines', async () => {
    const api = new FakeApi().fail('log:recent', { code: 'internal', message: 'log unavailable' });
    renderWithApi(<LogPage />, api);
    expect((await screen.findByRole('alert')).textContent).toContain('log unavailable');
    act(() => api.emit('log:entry', refused));
    expect(messages()).toEqual(['route refused by CX-1234']);
  });
});
