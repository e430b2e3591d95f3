import { useEffect } from 'react';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import type { RendererApi } from '../../shared/ipc/transport';
import { ApiProvider } from '../api/ApiProvider';
import { AppFrame } from './AppFrame';
import { HandOverProvider } from './hand-over';
import { findNavigationItem, matchNavigationItem } from './navigation';
import { useAppTheme } from '../theme/theme';
import { useHashRoute } from './use-hash-route';

export function App({ api }: { api: RendererApi }) {
  const theme = useAppTheme();
  const { path } = useHashRoute();
  const current = findNavigationItem(path);
  const { Page } = current;

  useEffect(() => {
    // An empty or unknown hash shows the default page; say so in the address bar without adding a history entry.
    if (!matchNavigationItem(path)) window.history.replaceState(null, '', `#${current.path}`);
  }, [path, current]);

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <ApiProvider api={api}>
        <HandOverProvider>
          <AppFrame current={current}>
            {/* A fresh page per route: leaving a page drops its subscriptions and state. */}
            <Page key={current.path} />
          </AppFrame>
        </HandOverProvider>
      </ApiProvider>
    </ThemeProvider>
  );
}
