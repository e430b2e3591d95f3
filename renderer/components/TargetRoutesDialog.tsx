import { useCallback, useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteOutline from '@mui/icons-material/DeleteOutlined';
import WarningAmberOutlined from '@mui/icons-material/WarningAmberOutlined';
import type { TargetConnectionInput, TargetRoute, TargetRouteList } from '../../shared/ipc/channels/target-routes';
import { useApi } from '../api/ApiProvider';
import { useTranslation } from '../i18n';
import type { IpcError } from '../../shared/ipc/result';
import { ServiceErrorAlert } from './ServiceError';

export type TargetSecurity = TargetConnectionInput['security'];

/** Which target the panel shows and how to reach it; credentials the user types stay in the dialog. */
export interface TargetRoutesSubject {
  name: string;
  address: string;
  netId: string;
  security: TargetSecurity;
  pskIdentity?: string | null;
  ca?: { caPath: string; certPath: string; keyPath: string; ignoreCn: boolean } | null;
}

/** The connection the services need for a subject plus what the user typed (PSK password, key password). */
export function connectionOf(
  subject: TargetRoutesSubject,
  typed: { security: TargetSecurity; pskIdentity: string; pskPassword: string; keyPassword: string },
): TargetConnectionInput {
  return {
    address: subject.address,
    netId: subject.netId,
    security: typed.security,
    ...(typed.security === 'psk' ? { psk: { identity: typed.pskIdentity, password: typed.pskPassword } } : {}),
    ...(typed.security === 'ca' && subject.ca
      ? { ca: { ...subject.ca, ...(typed.keyPassword ? { keyPassword: typed.keyPassword } : {}) } }
      : {}),
  };
}

/** What went wrong in the user's language; the services' English text goes along as the details. */
interface PanelError {
  text: string;
  error?: IpcError;
}

function errorText(t: ReturnType<typeof useTranslation<'targetRoutes'>>['t'], target: string, error: IpcError): PanelError {
  if (error.code === 'no-route-back') return { text: t('error.noRouteBack', { target }) };
  if (error.code === 'fingerprint-unverified') return { text: t('error.fingerprint', { target }) };
  return { text: t('error.read', { target }), error };
}

function RouteRow({ route, onRemove }: { route: TargetRoute; onRemove(route: TargetRoute): void }) {
  const { t } = useTranslation('targetRoutes');
  const odd = route.notes.length > 0;
  return (
    <TableRow hover data-testid="target-route-row">
      <TableCell sx={{ fontWeight: 500 }}>
        {odd && (
          <Tooltip
            title={
              <>
                {t('oddRecord', { raw: route.raw })} <span lang="en">({route.notes.join('; ')})</span>
              </>
            }
          >
            <WarningAmberOutlined
              fontSize="inherit"
              color="warning"
              aria-label={t('oddRecord', { raw: route.raw })}
              sx={{ mr: 0.5, verticalAlign: '-2px' }}
            />
          </Tooltip>
        )}
        {route.name || '—'}
        {route.thisPc && <Chip color="primary" variant="outlined" label={t('thisPc')} title={t('thisPcHint')} sx={{ ml: 1 }} />}
      </TableCell>
      <TableCell sx={{ typography: 'mono' }}>{route.netId ?? '—'}</TableCell>
      <TableCell sx={{ typography: 'mono' }}>{route.address || '—'}</TableCell>
      <TableCell align="right" sx={{ py: 0 }}>
        <Tooltip title={t('remove')}>
          <span>
            <IconButton aria-label={t('removeLabel', { name: route.name })} onClick={() => onRemove(route)} disabled={!route.name}>
              <DeleteOutline fontSize="small" />
            </IconButton>
          </span>
        </Tooltip>
      </TableCell>
    </TableRow>
  );
}

/**
 * "Routes on <target>": the target's own route table over ADS, each entry removable after a confirmation that
 * says so loudly when the entry is this PC's way in.
 */
export function TargetRoutesDialog({ subject, onClose }: { subject: TargetRoutesSubject | null; onClose(): void }) {
  // A new subject starts a fresh panel: nothing typed or read for another target carries over.
  return subject ? <TargetRoutesPanel key={`${subject.address}|${subject.netId}`} subject={subject} onClose={onClose} /> : null;
}

function TargetRoutesPanel({ subject, onClose }: { subject: TargetRoutesSubject; onClose(): void }) {
  const { t } = useTranslation('targetRoutes');
  const api = useApi();
  const [security, setSecurity] = useState<TargetSecurity>(subject.security);
  const [pskIdentity, setPskIdentity] = useState(subject.pskIdentity ?? '');
  const [pskPassword, setPskPassword] = useState('');
  const [keyPassword, setKeyPassword] = useState('');
  const [list, setList] = useState<TargetRouteList | null>(null);
  const [busy, setBusy] = useState(subject.security !== 'psk');
  const [error, setError] = useState<PanelError | null>(null);
  const [notice, setNotice] = useState<{ severity: 'success' | 'warning'; text: string } | null>(null);
  const [confirm, setConfirm] = useState<TargetRoute | null>(null);

  const needsSecret = security === 'psk';
  const target = subject.name;

  const read = useCallback(
    async (typed: { security: TargetSecurity; pskIdentity: string; pskPassword: string; keyPassword: string }) => {
      setBusy(true);
      setError(null);
      const result = await api.invoke('target-routes:list', connectionOf(subject, typed));
      setBusy(false);
      if (result.ok) setList(result.data);
      else {
        setList(null);
        setError(errorText(t, subject.name, result.error));
      }
    },
    [api, subject, t],
  );

  useEffect(() => {
    // Without a secret to type, the list is read at once.
    if (subject.security === 'psk') return;
    let live = true;
    void api
      .invoke(
        'target-routes:list',
        connectionOf(subject, { security: subject.security, pskIdentity: '', pskPassword: '', keyPassword: '' }),
      )
      .then((result) => {
        if (!live) return;
        setBusy(false);
        if (result.ok) setList(result.data);
        else setError(errorText(t, subject.name, result.error));
      });
    return () => {
      live = false;
    };
  }, [api, subject, t]);

  const remove = async (route: TargetRoute) => {
    setConfirm(null);
    setBusy(true);
    setNotice(null);
    const result = await api.invoke('target-routes:remove', {
      ...connectionOf(subject, { security, pskIdentity, pskPassword, keyPassword }),
      name: route.name,
    });
    setBusy(false);
    if (!result.ok) {
      setError({ text: t('error.removeFailed', { name: route.name }), error: result.error });
      return;
    }
    const outcome = result.data;
    if (outcome.accessLost) {
      setList(null);
      setNotice({ severity: 'warning', text: t('removedOwn', { name: route.name, target }) });
    } else {
      setList(outcome.after);
      setNotice(
        outcome.removed
          ? { severity: 'success', text: t('removed', { name: route.name, target }) }
          : { severity: 'warning', text: t('stillThere', { name: route.name, target }) },
      );
    }
  };

  const typed = { security, pskIdentity, pskPassword, keyPassword };
  return (
    <>
      <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="target-routes-title">
        <DialogTitle id="target-routes-title">{t('title', { target })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('intro', { target, netId: subject.netId })}</DialogContentText>
          <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center', flexWrap: 'wrap' }}>
            <TextField
              select
              label={t('security')}
              value={security}
              onChange={(e) => setSecurity(e.target.value as TargetSecurity)}
              sx={{ minWidth: 220 }}
            >
              {(['none', 'ssc', 'psk', 'ca'] as const).map((mode) => (
                <MenuItem key={mode} value={mode}>
                  {t(`securityOption.${mode}`)}
                </MenuItem>
              ))}
            </TextField>
            {needsSecret && <TextField label={t('pskIdentity')} value={pskIdentity} onChange={(e) => setPskIdentity(e.target.value)} />}
            {needsSecret && (
              <TextField type="password" label={t('pskPassword')} value={pskPassword} onChange={(e) => setPskPassword(e.target.value)} />
            )}
            {security === 'ca' && (
              <TextField type="password" label={t('keyPassword')} value={keyPassword} onChange={(e) => setKeyPassword(e.target.value)} />
            )}
            <Button variant="outlined" onClick={() => void read(typed)} disabled={busy || (needsSecret && (!pskIdentity || !pskPassword))}>
              {list ? t('refresh') : t('connect')}
            </Button>
          </Stack>
          {busy && <LinearProgress aria-label={t('loading')} sx={{ mb: 1 }} />}
          {notice && (
            <Alert severity={notice.severity} sx={{ mb: 1 }} onClose={() => setNotice(null)}>
              {notice.text}
            </Alert>
          )}
          {error &&
            (error.error ? (
              <ServiceErrorAlert error={error.error} lead={error.text} sx={{ mb: 1 }} />
            ) : (
              <Alert severity="error" sx={{ mb: 1 }}>
                {error.text}
              </Alert>
            ))}
          {list?.state && list.state.adsState === 15 && (
            <Alert severity="info" sx={{ mb: 1 }}>
              {t('configMode', { target })}
            </Alert>
          )}
          {list?.endNote && (
            <Alert severity="warning" sx={{ mb: 1 }}>
              {t('incomplete')} <span lang="en">({list.endNote})</span>
            </Alert>
          )}
          {list && (
            <Box>
              <Typography variant="body2" role="status" sx={{ mb: 1, fontWeight: 500 }}>
                {t('count', { count: list.routes.length })}
                {list.state && ` · ${t('state', { state: list.state.name })}`}
              </Typography>
              {list.routes.length === 0 ? (
                <Typography color="text.secondary">{t('empty')}</Typography>
              ) : (
                <Table aria-label={t('title', { target })}>
                  <TableHead>
                    <TableRow>
                      <TableCell>{t('columns.name')}</TableCell>
                      <TableCell>{t('columns.netId')}</TableCell>
                      <TableCell>{t('columns.address')}</TableCell>
                      <TableCell align="right">{t('columns.actions')}</TableCell>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {list.routes.map((route, index) => (
                      <RouteRow key={`${index}-${route.name}`} route={route} onRemove={setConfirm} />
                    ))}
                  </TableBody>
                </Table>
              )}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('close')}</Button>
        </DialogActions>
      </Dialog>
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)} aria-labelledby="target-route-remove-title">
        <DialogTitle id="target-route-remove-title">{t('confirmTitle', { name: confirm?.name ?? '', target })}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {t('confirmText', { name: confirm?.name ?? '', target, netId: confirm?.netId ?? '?', address: confirm?.address ?? '' })}
          </DialogContentText>
          {confirm?.thisPc && (
            <Alert severity="warning" sx={{ mt: 2 }}>
              {t('confirmOwn', { target })}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(null)} autoFocus>
            {t('cancel')}
          </Button>
          <Button color="error" variant="contained" onClick={() => confirm && void remove(confirm)}>
            {t('confirmRemove')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
