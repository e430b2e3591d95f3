import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Trans, useTranslation } from '../../i18n';

export interface PlainTarget {
  key: string;
  label: string;
  address: string;
}

export interface PlainTargetsChoiceProps {
  targets: readonly PlainTarget[];
  /** Keys of the targets the user confirmed for plain ADS; every other one is left out. */
  confirmed: ReadonlySet<string>;
  onChange(key: string, plain: boolean): void;
  /** Plain ADS needs an OS login; PSK and CA batches do not collect one. */
  plainPossible: boolean;
}

/**
 * Targets of a Secure ADS batch that do not offer Secure ADS. They are left out unless the user confirms, per
 * target, a plain route whose login travels unencrypted.
 */
export function PlainTargetsChoice({ targets, confirmed, onChange, plainPossible }: PlainTargetsChoiceProps) {
  // The target stays named while the confirmation fades out.
  const { t } = useTranslation('trust');
  const [asked, setAsked] = useState<{ target: PlainTarget; open: boolean } | null>(null);
  const asking = asked?.target;
  const close = () => setAsked((current) => (current ? { ...current, open: false } : null));
  if (targets.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="plain-targets-heading">
      <Typography id="plain-targets-heading" variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {t('plain.heading')}
      </Typography>
      <Stack spacing={1}>
        {targets.map((target) => {
          const plain = confirmed.has(target.key);
          return (
            <Alert
              key={target.key}
              severity={plain ? 'warning' : 'info'}
              data-testid="plain-target"
              action={
                plain ? (
                  <Button color="inherit" onClick={() => onChange(target.key, false)}>
                    {t('plain.leaveOut')}
                  </Button>
                ) : plainPossible ? (
                  <Button color="inherit" onClick={() => setAsked({ target, open: true })}>
                    {t('plain.useButton')}
                  </Button>
                ) : undefined
              }
            >
              <Trans
                t={t}
                i18nKey={plain ? 'plain.included' : plainPossible ? 'plain.leftOut' : 'plain.leftOutNoLogin'}
                values={{ name: target.label, address: target.address }}
                components={[<strong key="name" />]}
              />
            </Alert>
          );
        })}
      </Stack>
      <Dialog open={asked?.open ?? false} onClose={close} aria-labelledby="plain-confirm-title" aria-describedby="plain-confirm-text">
        <DialogTitle id="plain-confirm-title">{t('plain.confirmTitle', { name: asking?.label ?? '' })}</DialogTitle>
        <DialogContent>
          <DialogContentText id="plain-confirm-text">
            {t('plain.confirmText', { name: asking?.label ?? '', address: asking?.address ?? '' })}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} autoFocus>
            {t('plain.cancel')}
          </Button>
          <Button
            color="warning"
            variant="contained"
            onClick={() => {
              if (asking) onChange(asking.key, true);
              close();
            }}
          >
            {t('plain.confirmButton', { name: asking?.label ?? '' })}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
