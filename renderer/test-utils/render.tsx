import type { ReactElement } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { RendererApi } from '../../shared/ipc/transport';
import { ApiProvider } from '../api/ApiProvider';
import { createAppTheme } from '../theme/theme';
import { FakeApi } from './fake-api';

/** Renders one view the way the app does (theme + ApiProvider) against a fake api the test controls. */
export function renderWithApi(ui: ReactElement, api: RendererApi = new FakeApi()): RenderResult & { api: RendererApi } {
  const result = render(
    <ThemeProvider theme={createAppTheme('light')}>
      <CssBaseline />
      <ApiProvider api={api}>{ui}</ApiProvider>
    </ThemeProvider>,
  );
  return { ...result, api };
}
