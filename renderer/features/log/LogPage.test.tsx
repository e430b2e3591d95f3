// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import userEvent from '@testing-library/user-event';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { FakeApi } from '../../test-utils/fake-api';
import { renderWithApi } from '../../test-utils/render';
import { LogPage } from './LogPage';
import type { LogEntry } from './merge-log';

const started: LogEntry = { time: '2025-01-10T08:00:00.000Z', level: 'info', source: 'web-host', target: null, message: 'host started' };
const searched: LogEntry = {
  time: '2025-01-10T08:00:01.500Z',
  level: 'info',
  source: 'discovery',
  target: null,
  message: 'search on Ethernet 2',
};
const refused: LogEntry = {
  time: '2025-01-10T08:00:02.250Z',
  level: 'error',
  source: 'routes',
  target: null,
  message: 'route refused by CX-1234',
};

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
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Time', 'Level', 'Source', 'Target', 'Message']);
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

  describe('filters, export and clear', () => {
    const lines: LogEntry[] = [
      { time: '2025-01-10T08:00:00.000Z', level: 'info', source: 'discovery', target: null, message: 'search on Ethernet 2' },
      {
        time: '2025-01-10T08:00:01.000Z',
        level: 'warn',
        source: 'routes',
        target: '10.77.1.20',
        message: 'TCP 8016 refused by 10.77.1.20',
      },
      {
        time: '2025-01-10T08:00:02.000Z',
        level: 'error',
        source: 'routes/secure',
        target: '10.77.1.21',
        message: 'route to 10.77.1.21 failed: wrong user name or password',
      },
      { time: '2025-01-10T08:00:03.000Z', level: 'debug', source: 'discovery', target: '10.77.1.21', message: 'reply from 10.77.1.21' },
    ];

    async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
      await user.click(screen.getByRole('combobox', { name: label }));
      await user.click(await screen.findByRole('option', { name: option }));
    }

    it('narrows the lines by level, source, target and text, and says how many it shows', async () => {
      const user = userEvent.setup();
      renderWithApi(<LogPage />, new FakeApi().respond('log:recent', lines));
      await waitFor(() => expect(messages()).toHaveLength(4));
      await choose(user, 'Minimum level', 'warning');
      expect(messages()).toEqual(['route to 10.77.1.21 failed: wrong user name or password', 'TCP 8016 refused by 10.77.1.20']);
      await choose(user, 'Target', '10.77.1.20');
      expect(messages()).toEqual(['TCP 8016 refused by 10.77.1.20']);
      await choose(user, 'Target', 'All');
      await choose(user, 'Minimum level', 'debug');
      await choose(user, 'Source', 'discovery');
      expect(messages()).toEqual(['reply from 10.77.1.21', 'search on Ethernet 2']);
      await choose(user, 'Source', 'All');
      await user.type(screen.getByRole('searchbox', { name: 'Search the text' }), 'WRONG password');
      expect(messages()).toEqual(['route to 10.77.1.21 failed: wrong user name or password']);
      expect(screen.getByText('1 of 4 lines')).toBeTruthy();
      await user.type(screen.getByRole('searchbox', { name: 'Search the text' }), 'nowhere');
      expect(screen.getByText('No log line matches the filters.')).toBeTruthy();
    });

    it('exports exactly the visible lines as CSV and as JSON', async () => {
      const user = userEvent.setup();
      const files: Array<{ name: string; text: string }> = [];
      const originalCreate = URL.createObjectURL;
      const blobs = new Map<string, Blob>();
      URL.createObjectURL = (blob: Blob) => {
        const url = `blob:test/${blobs.size}`;
        blobs.set(url, blob);
        return url;
      };
      const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        const blob = blobs.get(this.href);
        if (blob) void blob.text().then((text) => files.push({ name: this.download, text }));
      });
      try {
        renderWithApi(<LogPage />, new FakeApi().respond('log:recent', lines));
        await waitFor(() => expect(messages()).toHaveLength(4));
        await choose(user, 'Source', 'routes');
        await user.click(screen.getByRole('button', { name: 'Export CSV' }));
        await user.click(screen.getByRole('button', { name: 'Export JSON' }));
        await waitFor(() => expect(files).toHaveLength(2));
        const [csv, json] = files;
        expect(csv?.name).toMatch(/^ads-route-studio-log-\d{8}-\d{6}\.csv$/);
        expect(csv?.text.split('\r\n')).toEqual([
          'time,level,source,target,message',
          '2025-01-10T08:00:02.000Z,error,routes/secure,10.77.1.21,route to 10.77.1.21 failed: wrong user name or password',
          '2025-01-10T08:00:01.000Z,warn,routes,10.77.1.20,TCP 8016 refused by 10.77.1.20',
          '',
        ]);
        expect(json?.name).toMatch(/\.json$/);
        expect(JSON.parse(json?.text ?? '')).toEqual([lines[2], lines[1]]);
      } finally {
        click.mockRestore();
        URL.createObjectURL = originalCreate;
      }
    });

    it('clears the log after confirmation, and also when another window cleared it', async () => {
      const user = userEvent.setup();
      const api = new FakeApi().respond('log:recent', lines).respond('log:clear', { cleared: true });
      renderWithApi(<LogPage />, api);
      await waitFor(() => expect(messages()).toHaveLength(4));
      await user.click(screen.getByRole('button', { name: 'Clear log' }));
      await user.click(within(await screen.findByRole('dialog', { name: 'Clear the log?' })).getByRole('button', { name: 'Clear' }));
      await screen.findByText('No log lines yet.');
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      act(() => api.emit('log:entry', refused));
      expect(messages()).toEqual(['route refused by CX-1234']);
      act(() => api.emit('log:cleared', {}));
      await screen.findByText('No log lines yet.');
    });

    it('reads in German, levels and headers included', async () => {
      renderWithApi(<LogPage />, new FakeApi().respond('log:recent', lines), { language: 'de' });
      const table = await screen.findByRole('table', { name: 'Protokoll' });
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual(['Zeit', 'Stufe', 'Quelle', 'Zielsystem', 'Meldung']);
      await waitFor(() => expect(within(table).getByText('Warnung')).toBeTruthy());
      expect(screen.getByRole('button', { name: 'CSV exportieren' })).toBeTruthy();
    });
  });
});
