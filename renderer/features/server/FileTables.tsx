import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ServerModel, ServerReadResult } from '../../../shared/ipc/channels/server-config';
import { useTranslation } from '../../i18n';

/** The routes StaticRoutes.xml holds (read-only here: the Routes page manages this PC's routes). */
export function FileRoutesTable({ name, routes }: { name: string; routes: ServerModel['routes'] }) {
  const { t } = useTranslation('server');
  if (routes.length === 0) return <Typography color="text.secondary">{t('details.noRoutes')}</Typography>;
  return (
    <Table aria-label={t('details.routesTable', { name })}>
      <TableHead>
        <TableRow>
          <TableCell>{t('details.routeColumns.name')}</TableCell>
          <TableCell>{t('details.routeColumns.netId')}</TableCell>
          <TableCell>{t('details.routeColumns.address')}</TableCell>
          <TableCell>{t('details.routeColumns.kind')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {routes.map((route, index) => (
          <TableRow key={`${index}-${route.name}`}>
            <TableCell>{route.name}</TableCell>
            <TableCell sx={{ typography: 'mono' }}>{route.netId}</TableCell>
            <TableCell sx={{ typography: 'mono' }}>{route.address}</TableCell>
            <TableCell>
              {t(route.secure ? 'details.secureRoute' : 'details.plainRoute')}
              {route.subRoutes > 0 && `, ${t('details.subRoutes', { count: route.subRoutes })}`}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The Windows registry switches that turn the router's listeners off: shown, never changed here. */
export function SwitchesTable({ switches }: { switches: NonNullable<ServerReadResult['switches']> }) {
  const { t } = useTranslation('server');
  return (
    <Table aria-label={t('details.switchesTable')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('details.switchColumns.name')}</TableCell>
          <TableCell>{t('details.switchColumns.value')}</TableCell>
          <TableCell>{t('details.switchColumns.what')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {switches.map((entry) => (
          <TableRow key={entry.name}>
            <TableCell sx={{ typography: 'mono' }}>{entry.name}</TableCell>
            <TableCell>{entry.value === null ? t('details.notSet') : entry.value}</TableCell>
            <TableCell>{t(`details.switchWhat.${entry.name}`)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
