import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import IosShareOutlined from '@mui/icons-material/IosShareOutlined';
import LockOutlined from '@mui/icons-material/LockOutlined';
import type { LocalRoute } from '../../../shared/domain/route';
import type { TwinCatRoutes } from '../../../shared/ipc/channels/twincat-routes';
import { useTranslation } from '../../i18n';
import { RouteExportDialog } from './RouteExportDialog';

function FileRoutes({ data }: { data: TwinCatRoutes & { path: string } }) {
  const { t } = useTranslation('routes');
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>
        {t('twincat.file', { path: data.path })}
      </Typography>
      <Alert severity="info" sx={{ my: 1 }}>
        {t('twincat.restartNote')}
        {data.routes.some((r) => r.secure) && <Box sx={{ mt: 0.5 }}>{t('twincat.secureNote')}</Box>}
      </Alert>
      {data.error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {t('twincat.unreadable', { path: data.path, error: data.error.message })}
        </Alert>
      )}
      {!data.error && !data.exists && <Typography color="text.secondary">{t('twincat.missingFile', { path: data.path })}</Typography>}
      {!data.error && data.exists && data.routes.length === 0 && <Typography color="text.secondary">{t('twincat.empty')}</Typography>}
      {data.routes.length > 0 && (
        <Paper variant="outlined">
          <Table aria-label={t('twincat.tableLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('table.route')}</TableCell>
                <TableCell>{t('table.netId')}</TableCell>
                <TableCell>{t('table.address')}</TableCell>
                <TableCell>{t('table.security')}</TableCell>
                <TableCell>{t('table.type')}</TableCell>
                <TableCell>{t('twincat.flags')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.routes.map((route, index) => (
                <TableRow key={`${route.name}#${index}`}>
                  <TableCell>
                    {route.secure && (
                      <LockOutlined
                        fontSize="inherit"
                        titleAccess={t('twincat.secure')}
                        sx={{ mr: 0.5, verticalAlign: '-2px', color: 'success.main' }}
                      />
                    )}
                    {route.name}
                  </TableCell>
                  <TableCell>{route.netId}</TableCell>
                  <TableCell>{route.address}</TableCell>
                  <TableCell>{route.secure ? t('twincat.secure') : t('twincat.plain')}</TableCell>
                  <TableCell>
                    {route.type}
                    {route.unidirectional && <Chip label={t('table.unidirectional')} variant="outlined" sx={{ ml: 1 }} />}
                    {route.subRoutes > 0 && (
                      <Chip label={t('twincat.subRoutes', { count: route.subRoutes })} variant="outlined" sx={{ ml: 1 }} />
                    )}
                  </TableCell>
                  <TableCell>{route.flags ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </>
  );
}

function ExportList({ tried, routes }: { tried: string[]; routes: readonly LocalRoute[] }) {
  const { t } = useTranslation('routes');
  const [exporting, setExporting] = useState<string | null>(null);
  return (
    <>
      <Typography color="text.secondary">{t('twincat.noTwinCat', { folders: tried.join(', ') })}</Typography>
      {routes.length > 0 && (
        <List dense aria-label={t('twincat.title')}>
          {routes.map((route) => (
            <ListItem
              key={route.name}
              secondaryAction={
                <Tooltip title={t('twincat.exportRoute', { name: route.name })}>
                  <IconButton aria-label={t('twincat.exportRoute', { name: route.name })} onClick={() => setExporting(route.name)}>
                    <IosShareOutlined fontSize="small" />
                  </IconButton>
                </Tooltip>
              }
            >
              <ListItemText primary={route.name} secondary={`${route.address} · ${route.netId}`} />
            </ListItem>
          ))}
        </List>
      )}
      <RouteExportDialog name={exporting} onClose={() => setExporting(null)} />
    </>
  );
}

/**
 * This PC's own TwinCAT routes below the app's: the routes in its StaticRoutes.xml when it has TwinCAT, else an
 * export of each of the app's routes for setting it up elsewhere. The page holds the file's routes
 * (`useTwinCatRoutes`), since its remove offers them too.
 */
export function TwinCatRoutesView({
  routes,
  data,
  error,
}: {
  routes: readonly LocalRoute[];
  data: TwinCatRoutes | undefined;
  error: string | undefined;
}) {
  const { t } = useTranslation('routes');
  if (error) return null;
  if (!data) return null;
  return (
    <Box component="section" aria-labelledby="twincat-routes-title" sx={{ mt: 3 }}>
      <Typography id="twincat-routes-title" variant="h6" component="h2" sx={{ mb: 0.5 }}>
        {t('twincat.title')}
      </Typography>
      {data.found && data.path !== null ? (
        <FileRoutes data={{ ...data, path: data.path }} />
      ) : (
        <ExportList tried={data.tried} routes={routes} />
      )}
    </Box>
  );
}
