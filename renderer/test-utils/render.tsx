import type { ReactElement } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { RendererApi } from '../../shared/ipc/transport';
import { ApiProvider } from '../api/ApiProvider';
import { createAppTheme } from '../theme/theme';
import { I18nextProvider } from 'react-i18next';
import { i18n, type Language } from '../i18n';
import { FakeApi } from './fake-api';

/**
 * Renders one view the way the app does (theme + ApiProvider + i18n) against a fake api the test controls. The
 * language is English unless the test asks for another; it never leaks into the next test.
 */
export function renderWithApi(
  ui: ReactElement,
  api: RendererApi = new FakeApi(),
  { language = 'en' }: { language?: Language } = {},
): RenderResult & { api: RendererApi } {
  const translations = i18n.cloneInstance({ lng: language, initAsync: false });
  const result = render(
    <I18nextProvider i18n={translations}>
      <ThemeProvider theme={createAppTheme('light', false, language)}>
        <CssBaseline />
        <ApiProvider api={api}>{ui}</ApiProvider>
      </ThemeProvider>
    </I18nextProvider>,
  );
  return { ...result, api };
}
