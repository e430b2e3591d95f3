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
  const [asked, setAsked] = useState<{ target: PlainTarget; open: boolean } | null>(null);
  const asking = asked?.target;
  const close = () => setAsked((current) => (current ? { ...current, open: false } : null));
  if (targets.length === 0) return null;
  return (
    <Box component="section" aria-labelledby="plain-targets-heading">
      <Typography id="plain-targets-heading" variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        Targets without Secure ADS
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
                  <Button color="inherit" size="small" onClick={() => onChange(target.key, false)}>
                    Leave out
                  </Button>
                ) : plainPossible ? (
                  <Button color="inherit" size="small" onClick={() => setAsked({ target, open: true })}>
                    Add with plain ADS…
                  </Button>
                ) : undefined
              }
            >
              <strong>{target.label}</strong> ({target.address}){' '}
              {plain
                ? 'gets a plain ADS route: the user name and password travel unencrypted.'
                : plainPossible
                  ? 'does not offer Secure ADS and is left out of this batch.'
                  : 'does not offer Secure ADS and is left out: a plain route needs an OS login; add it in a batch of its own.'}
            </Alert>
          );
        })}
      </Stack>
      <Dialog open={asked?.open ?? false} onClose={close} aria-labelledby="plain-confirm-title" aria-describedby="plain-confirm-text">
        <DialogTitle id="plain-confirm-title">Send the login to {asking?.label} unencrypted?</DialogTitle>
        <DialogContent>
          <DialogContentText id="plain-confirm-text">
            {asking?.label} ({asking?.address}) does not offer Secure ADS. Its route would be added with plain ADS, and the user name and password
            travel unencrypted over the network: anyone on the way can read them. The other targets keep Secure ADS.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} autoFocus>
            Cancel
          </Button>
          <Button
            color="warning"
            variant="contained"
            onClick={() => {
              if (asking) onChange(asking.key, true);
              close();
            }}
          >
            Use plain ADS for {asking?.label}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
