import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import CheckCircle from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RadioButtonUnchecked from '@mui/icons-material/RadioButtonUnchecked';
import RemoveCircleOutline from '@mui/icons-material/RemoveCircleOutlined';
import type { StepStatus } from './route-progress';

export type ShownStatus = StepStatus | 'waiting';

/** One icon per step state; colour is never the only signal (each caller also says the state in words). */
export function StepIcon({ status, size = 22 }: { status: ShownStatus; size?: number }) {
  const sx = { fontSize: size, display: 'block' };
  switch (status) {
    case 'running':
      return (
        <Box sx={{ width: size, height: size, display: 'grid', placeItems: 'center' }}>
          <CircularProgress size={size - 6} aria-hidden />
        </Box>
      );
    case 'ok':
      return <CheckCircle color="success" sx={sx} aria-hidden />;
    case 'failed':
      return <ErrorIcon color="error" sx={sx} aria-hidden />;
    case 'skipped':
      return <RemoveCircleOutline sx={{ ...sx, color: 'text.disabled' }} aria-hidden />;
    case 'waiting':
      return <RadioButtonUnchecked sx={{ ...sx, color: 'text.disabled' }} aria-hidden />;
  }
}
