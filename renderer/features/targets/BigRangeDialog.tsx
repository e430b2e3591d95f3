import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useFormat, useTranslation } from '../../i18n';

export interface BigRangeQuestion {
  addresses: number;
  estimatedMs: number;
}

/** "Search 2,046 addresses? … up to 6 s": shown before a range search over BIG_RANGE_ADDRESSES starts. */
export function BigRangeDialog({
  question,
  onConfirm,
  onCancel,
}: {
  question: BigRangeQuestion | null;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useTranslation('bigRange');
  const format = useFormat();
  const addresses = question ? format.number(question.addresses) : '';
  return (
    <Dialog open={question !== null} onClose={onCancel} aria-labelledby="big-range-title" aria-describedby="big-range-body">
      <DialogTitle id="big-range-title">{t('title', { addresses })}</DialogTitle>
      <DialogContent>
        <DialogContentText id="big-range-body">
          {t('body', { addresses, duration: question ? format.duration(question.estimatedMs) : '' })}
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{t('cancel')}</Button>
        <Button variant="contained" onClick={onConfirm} autoFocus>
          {t('confirm', { addresses })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
