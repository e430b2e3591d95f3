import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { i18n } from '../i18n';
import type { ComponentProps } from 'react';
import { App } from './App';

/** Test helper for the German sweeps: the whole app at `hash`, in German, once its page heading is there. */
export async function openInGerman(api: ComponentProps<typeof App>['api'], hash: string) {
  window.history.replaceState(null, '', `/${hash}`);
  await act(() => i18n.changeLanguage('de'));
  render(<App api={api} />);
  await screen.findByRole('heading', { level: 1 });
  return userEvent.setup({ delay: null });
}

/** Clicks into a field and pastes: one change instead of a re-render per keystroke keeps the sweep fast. */
export async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}
