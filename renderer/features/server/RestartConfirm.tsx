import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import { useApi } from '../../api/ApiProvider';
import { useTranslation } from '../../i18n';
import { targetOf, type Place } from './places';
import { usePlaceName, useStateName } from './PlacesTable';
import type { RestartMode } from './use-server-batch';

type StateLine = { ok: true; adsState: number | null } | { ok: false; message: string };

/** Names every system with its state as read just now, and what stops, before TwinCAT restarts on them. */
export function RestartConfirm({
  mode,
  places,
  onCancel,
  onConfirm,
}: {
  mode: RestartMode;
  places: Place[];
  onCancel(): void;
  onConfirm(): void;
}) {
  const { t } = useTranslation('server');
  const api = useApi();
  const nameOf = usePlaceName();
  const stateName = useStateName();
  const targets = places.filter((place) => targetOf(place));
  const [states, setStates] = useState<StateLine[] | null>(null);

  useEffect(() => {
    let live = true;
    if (targets.length === 0) return;
    void api.invoke('server-config:state', { targets: targets.map((place) => targetOf(place)!) }).then((answer) => {
      if (!live) return;
      setStates(
        targets.map((_, index) => {
          if (!answer.ok) return { ok: false, message: answer.error.message };
          const result = answer.data[index]!;
          return result.ok ? { ok: true, adsState: result.adsState } : { ok: false, message: result.error?.message ?? '' };
        }),
      );
    });
    return () => {
      live = false;
    };
    // The list is read once per confirmation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  return (
    <Dialog open onClose={onCancel} aria-labelledby="server-restart-title" maxWidth="sm" fullWidth>
      <DialogTitle id="server-restart-title">{t(`restart.title.${mode}`)}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{t(`restart.stops.${mode}`)}</DialogContentText>
        {targets.length > 0 && states === null && <LinearProgress aria-label={t('restart.reading')} />}
        {states && (
          <Box component="ul" aria-label={t('places.table')} sx={{ pl: 3 }}>
            {targets.map((place, index) => {
              const line = states[index]!;
              const names = { name: nameOf(place), netId: place.netId ?? '' };
              return (
                <li key={place.key}>
                  {line.ok
                    ? t('restart.row', { ...names, state: stateName(line.adsState) })
                    : // The services' reason is English; it is marked so, as everywhere in the app.
                      [
                        t('restart.rowFailed', names),
                        ' (',
                        <span key="why" lang="en">
                          {line.message}
                        </span>,
                        ')',
                      ]}
                </li>
              );
            })}
          </Box>
        )}
        {places.some((place) => !place.route) && <Alert severity="info">{t('restart.localSkipped')}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          {t('change.cancel')}
        </Button>
        <Button variant="contained" color="warning" disabled={targets.length === 0 || states === null} onClick={onConfirm}>
          {t('restart.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
