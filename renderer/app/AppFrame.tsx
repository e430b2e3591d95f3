import { useEffect, type KeyboardEvent, type ReactNode } from 'react';
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Drawer from '@mui/material/Drawer';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import LanOutlined from '@mui/icons-material/LanOutlined';
import { navigation, type NavigationItem } from './navigation';
import { ConnectionBanner } from './ConnectionBanner';
import { HelpMenu } from './HelpMenu';
import { useTranslation } from '../i18n';

const DRAWER_WIDTH = 232;

/** Arrow keys, Home and End move between the nav links, as in a menu; Tab still leaves the nav in one step. */
function moveFocusInNav(event: KeyboardEvent<HTMLElement>): void {
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('a[href]'));
  const index = links.indexOf(document.activeElement as HTMLElement);
  const last = links.length - 1;
  const next = { ArrowDown: index < last ? index + 1 : 0, ArrowUp: index > 0 ? index - 1 : last, Home: 0, End: last }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  links[next]?.focus();
}

export function AppFrame({ current, children }: { current: NavigationItem; children: ReactNode }) {
  const { t } = useTranslation(['app', 'common']);
  const pageLabel = t(`nav.${current.labelKey}`);
  useEffect(() => {
    document.title = t('windowTitle', { page: pageLabel });
  }, [t, pageLabel]);

  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <AppBar position="fixed" color="primary" sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar variant="dense" sx={{ gap: 1.5 }}>
          <LanOutlined aria-hidden />
          <Typography component="p" variant="h6" sx={{ fontSize: '1.05rem', fontWeight: 600 }}>
            {t('common:appName')}
          </Typography>
          <HelpMenu />
        </Toolbar>
      </AppBar>
      <Drawer
        variant="permanent"
        sx={{
          width: DRAWER_WIDTH,
          flexShrink: 0,
          '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box' },
        }}
      >
        <Toolbar variant="dense" />
        <Box component="nav" aria-label={t('nav.label')} onKeyDown={moveFocusInNav}>
          <List dense sx={{ px: 1 }}>
            {navigation.map((item) => {
              const selected = item.path === current.path;
              return (
                <ListItem key={item.path} disablePadding>
                  <ListItemButton
                    component="a"
                    href={`#${item.path}`}
                    selected={selected}
                    aria-current={selected ? 'page' : undefined}
                    aria-describedby={item.Badge ? `nav-badge-${item.labelKey}` : undefined}
                    sx={{ borderRadius: 1, mb: 0.25 }}
                  >
                    <ListItemIcon sx={{ minWidth: 36 }}>
                      {item.Badge ? <item.Badge descriptionId={`nav-badge-${item.labelKey}`}>{item.icon}</item.Badge> : item.icon}
                    </ListItemIcon>
                    <ListItemText primary={t(`nav.${item.labelKey}`)} />
                  </ListItemButton>
                </ListItem>
              );
            })}
          </List>
        </Box>
      </Drawer>
      <Box component="main" sx={{ flexGrow: 1, minWidth: 0, p: 3 }}>
        <Toolbar variant="dense" />
        <ConnectionBanner />
        {children}
      </Box>
    </Box>
  );
}
