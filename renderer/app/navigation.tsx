import type { ComponentType, ReactElement } from 'react';
import DnsOutlined from '@mui/icons-material/DnsOutlined';
import AltRouteOutlined from '@mui/icons-material/AltRouteOutlined';
import ShieldOutlined from '@mui/icons-material/ShieldOutlined';
import WorkspacePremiumOutlined from '@mui/icons-material/WorkspacePremiumOutlined';
import ReceiptLongOutlined from '@mui/icons-material/ReceiptLongOutlined';
import SettingsOutlined from '@mui/icons-material/SettingsOutlined';
import { TargetsPage } from '../features/targets/TargetsPage';
import { AddRouteDialog } from '../features/add-route/AddRouteDialog';
import { RoutesPage } from '../features/routes/RoutesPage';
import { CertificatesNavBadge } from '../features/certificates/CertificatesNavBadge';
import { LogPage } from '../features/log/LogPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import type { app } from '../i18n/locales/en/app';
import { CertificatesWithInstall, ServerWithHandOver } from './hand-over';

export type NavigationLabelKey = Exclude<keyof typeof app.nav, 'label'>;

export interface NavigationItem {
  /** Hash path, e.g. "/routes" for "#/routes". */
  path: string;
  /** Key of the nav link's text in the app catalogue (`app:nav.*`); pages use the same words for their h1. */
  labelKey: NavigationLabelKey;
  icon: ReactElement;
  Page: ComponentType;
  /** Wraps the icon with a count that needs the user's attention; `descriptionId` names the element describing it. */
  Badge?: ComponentType<{ children: ReactElement; descriptionId: string }>;
}

/** Features never import each other: the app is where the Targets view meets the Add Route dialog. */
function TargetsWithAddRoute() {
  return <TargetsPage AddRouteDialog={AddRouteDialog} />;
}

/** The app's pages in nav order; the first is the default. */
export const navigation: readonly NavigationItem[] = [
  { path: '/targets', labelKey: 'targets', icon: <DnsOutlined />, Page: TargetsWithAddRoute },
  { path: '/routes', labelKey: 'routes', icon: <AltRouteOutlined />, Page: RoutesPage },
  { path: '/server', labelKey: 'server', icon: <ShieldOutlined />, Page: ServerWithHandOver },
  {
    path: '/certificates',
    labelKey: 'certificates',
    icon: <WorkspacePremiumOutlined />,
    Page: CertificatesWithInstall,
    Badge: CertificatesNavBadge,
  },
  { path: '/log', labelKey: 'log', icon: <ReceiptLongOutlined />, Page: LogPage },
  { path: '/settings', labelKey: 'settings', icon: <SettingsOutlined />, Page: SettingsPage },
];

/** The item a hash path belongs to: an exact match or a sub-path ("/routes/x", "/routes?id=1"). */
export function matchNavigationItem(path: string): NavigationItem | undefined {
  return navigation.find((item) => path === item.path || path.startsWith(`${item.path}/`) || path.startsWith(`${item.path}?`));
}

/** The item a hash path shows; unknown paths show the default page. */
export function findNavigationItem(path: string): NavigationItem {
  return matchNavigationItem(path) ?? (navigation[0] as NavigationItem);
}
