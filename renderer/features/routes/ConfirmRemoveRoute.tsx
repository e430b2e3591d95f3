import { useState } from 'react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import type { LocalRoute } from '../../../shared/domain/route';
import { useTranslation } from '../../i18n';

export interface RemoveChoice {
  alsoOnTarget: boolean;
  fromTwinCat: boolean;
}

/**
 * Remove asks first, as XAE does: a route removed by mistake needs the target's login to come back. `twinCatPath` is
 * this PC's StaticRoutes.xml when it holds a route of this name: then its entry can go in the same step.
 */
export function ConfirmRemoveRoute({
  route,
  twinCatPath,
  onCancel,
  onConfirm,
  busy,
}: {
  route: LocalRoute | undefined;
  twinCatPath: string | null;
  onCancel(): void;
  onConfirm(choice: RemoveChoice): void;
  busy: boolean;
}) {
  const { t } = useTranslation(['targetRoutes', 'routes', 'common']);
  const [alsoOnTarget, setAlsoOnTarget] = useState(false);
  // Checked by default: one removal is expected to clean up both places on this PC.
  const [fromTwinCat, setFromTwinCat] = useState(true);
  return (
    <Dialog open={route !== undefined} onClose={onCancel} aria-labelledby="remove-route-title">
      <DialogTitle id="remove-route-title">{t('routes:confirm.title', { name: route?.name ?? '' })}</DialogTitle>
      <DialogContent>
        <DialogContentText>{t('routes:confirm.text', { address: route?.address ?? '', netId: route?.netId ?? '' })}</DialogContentText>
        {twinCatPath !== null && (
          <>
            <FormControlLabel
              sx={{ mt: 1 }}
              control={<Checkbox checked={fromTwinCat} onChange={(e) => setFromTwinCat(e.target.checked)} />}
              label={t('routes:confirm.fromTwinCat')}
            />
            <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
              {t('routes:confirm.fromTwinCatHint', { path: twinCatPath })}
            </Typography>
          </>
        )}
        <FormControlLabel
          sx={{ mt: 1 }}
          control={<Checkbox checked={alsoOnTarget} onChange={(e) => setAlsoOnTarget(e.target.checked)} />}
          label={t('localRemove.alsoOnTarget')}
        />
        <Typography variant="body2" color="text.secondary">
          {t('localRemove.alsoOnTargetHint')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          {t('common:cancel')}
        </Button>
        <Button
          color="error"
          variant="contained"
          onClick={() => onConfirm({ alsoOnTarget, fromTwinCat: twinCatPath !== null && fromTwinCat })}
          disabled={busy}
        >
          {t('routes:confirm.remove')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
