// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { FakeApi } from '../test-utils/fake-api';

describe('Help menu', () => {
  afterEach(cleanup);

  it('lists the keyboard shortcuts from the "?" in the top bar, and Esc closes the list', async () => {
    const user = userEvent.setup();
    render(<App api={new FakeApi()} />);
    await user.click(within(screen.getByRole('banner')).getByRole('button', { name: 'Help' }));
    await user.click(screen.getByRole('menuitem', { name: 'Keyboard shortcuts' }));
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const rows = within(dialog)
      .getAllByRole('row')
      .slice(1)
      .map((row) => Array.from(row.querySelectorAll('td')).map((td) => td.textContent));
    expect(rows).toEqual(
      expect.arrayContaining([
        ['Ctrl+F', 'Targets: put the cursor in the filter'],
        ['F5', 'Targets: run the last search again (instead of reloading the page)'],
        ['Esc', 'Close the open dialog or menu'],
      ]),
    );
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });
});
