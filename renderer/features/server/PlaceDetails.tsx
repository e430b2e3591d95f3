import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import type { ReactNode } from 'react';
import type { IpcError } from '../../../shared/ipc/result';
import { useTranslation } from '../../i18n';
import { FileRoutesTable, SwitchesTable } from './FileTables';
import { NoTwincat } from './NoTwincat';
import { useServerErrorMeaning } from './use-server-error-meaning';
import type { Place, PlaceRead } from './places';
import { usePlaceName, useStateName } from './PlacesTable';
import { ServiceErrorAlert } from '../../components/ServiceError';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-label={title} sx={{ mt: 2 }}>
      <Typography variant="subtitle1" component="h3" sx={{ mb: 0.5, fontWeight: 600 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

export interface DetailActions {
  onRemoveIdentity(identity: string): void;
  onSecureOnly(on: boolean): void;
  onClearTls(): void;
  onCredentials(place: Place): void;
  onSetLocalFolder(folder: string | null): Promise<IpcError | null>;
}

/** What one system's StaticRoutes.xml says about who may connect, with the one-system changes at hand. */
export function PlaceDetails({ place, read, actions }: { place: Place; read: PlaceRead | undefined; actions: DetailActions }) {
  const { t } = useTranslation('server');
  const name = usePlaceName()(place);
  const stateName = useStateName();
  const meaning = useServerErrorMeaning();
  const result = read?.result ?? null;
  const model = result?.model ?? null;
  return (
    <Paper variant="outlined" sx={{ p: 2, mt: 2 }} component="section" aria-label={t('details.heading', { name })}>
      <Typography variant="h2" component="h2">
        {t('details.heading', { name })}
      </Typography>
      {read?.reading && <LinearProgress aria-label={t('loading')} sx={{ my: 1 }} />}
      {place.needsSecret && (
        <Alert
          severity="warning"
          sx={{ mt: 1 }}
          action={<Button onClick={() => actions.onCredentials(place)}>{t('details.giveSecret')}</Button>}
        >
          {t('details.needsSecret', { name, identity: place.route?.tls?.pskIdentity ?? '' })}
        </Alert>
      )}
      {result?.error?.code === 'no-twincat' && <NoTwincat tried={result.tried} onSetFolder={actions.onSetLocalFolder} />}
      {result?.error && result.error.code !== 'no-twincat' && (
        <ServiceErrorAlert
          error={result.error}
          lead={t('details.readFailed', { name, message: meaning(result.error.code) })}
          sx={{ mt: 1 }}
        />
      )}
      {result?.ok && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {/* A target's folder is described by the services in English; this PC's is a real path. */}
          {result.folder && t('details.folder', { folder: place.name === null ? result.folder : t('details.targetFolder') })}
          {place.route && ` · ${t('details.adsState', { state: stateName(result.adsState) })}`}
        </Typography>
      )}
      {result?.ok && !result.exists && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {t('details.noFile')}
        </Alert>
      )}
      {model && (
        <>
          <Section title={t('details.secureOnly')}>
            <FormControlLabel
              control={
                <Switch
                  checked={model.secureOnly}
                  onChange={(event) => actions.onSecureOnly(event.target.checked)}
                  slotProps={{ input: { 'aria-label': t('details.secureOnlyToggle', { name }) } }}
                />
              }
              label={t(model.secureOnly ? 'details.secureOnlyOn' : 'details.secureOnlyOff')}
              slotProps={{ typography: { variant: 'body2' } }}
            />
          </Section>
          <Section title={t('details.identities')}>
            {model.psk.length === 0 ? (
              <Typography color="text.secondary">{t('details.noIdentities')}</Typography>
            ) : (
              <Table aria-label={t('details.identitiesTable', { name })}>
                <TableBody>
                  {model.psk.map(({ identity }) => (
                    <TableRow key={identity}>
                      <TableCell sx={{ typography: 'mono' }}>{identity}</TableCell>
                      <TableCell align="right" sx={{ py: 0 }}>
                        <IconButton
                          aria-label={t('details.removeIdentity', { identity })}
                          onClick={() => actions.onRemoveIdentity(identity)}
                        >
                          <DeleteOutline fontSize="small" />
                        </IconButton>
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
          </Section>
          <Section title={t('details.tls')}>
            {model.tls === null ? (
              <Typography color="text.secondary">{t('details.noTls')}</Typography>
            ) : (
              <>
                <Table aria-label={t('details.tls')}>
                  <TableBody>
                    {(['ca', 'cert', 'key'] as const).map((field) => (
                      <TableRow key={field}>
                        <TableCell component="th" scope="row" sx={{ width: 160 }}>
                          {t(`details.${field}`)}
                        </TableCell>
                        <TableCell sx={{ typography: 'mono' }}>{model.tls![field] ?? '—'}</TableCell>
                      </TableRow>
                    ))}
                    <TableRow>
                      <TableCell component="th" scope="row">
                        {t('details.ignoreCn')}
                      </TableCell>
                      <TableCell>{t(model.tls.ignoreCn ? 'details.yes' : 'details.no')}</TableCell>
                    </TableRow>
                    {model.tls.keyPassword && (
                      <TableRow>
                        <TableCell component="th" scope="row">
                          {t('details.keyPassword')}
                        </TableCell>
                        <TableCell>{t('details.stored')}</TableCell>
                      </TableRow>
                    )}
                  </TableBody>
                </Table>
                <Button color="error" onClick={actions.onClearTls} sx={{ mt: 1 }}>
                  {t('actions.clearCa')}
                </Button>
              </>
            )}
          </Section>
          <Section title={t('details.routes')}>
            <FileRoutesTable name={name} routes={model.routes} />
          </Section>
        </>
      )}
      {result?.switches && (
        <Section title={t('details.switches')}>
          <SwitchesTable switches={result.switches} />
        </Section>
      )}
    </Paper>
  );
}
