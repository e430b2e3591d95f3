import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { STEPS, type TargetProgress } from './route-progress';
import { STATUS_TEXT, StepIcon, type ShownStatus } from './StepIcon';

function caption(status: ShownStatus, ms: number | null, detail: string | null): string {
  const parts = [status === 'ok' ? (ms !== null ? `${ms} ms` : 'done') : STATUS_TEXT[status]];
  if (detail) parts.push(detail);
  return parts.join(' · ');
}

/** One target: the steps as the services run them, live, with timings; a failed step carries its message and fix. */
export function RouteStepper({ row }: { row: TargetProgress }) {
  const activeIndex = STEPS.findIndex(({ step }) => row.steps[step]?.status === 'running');
  return (
    <Stepper orientation="vertical" activeStep={activeIndex} aria-label={`Steps of the route to ${row.label}`} component="ol" sx={{ '& .MuiStepConnector-line': { minHeight: 8 } }}>
      {STEPS.map(({ step, label }) => {
        const state = row.steps[step];
        const status: ShownStatus = state?.status ?? 'waiting';
        return (
          <Step key={step} completed={status === 'ok'} component="li" data-step={step} data-status={status}>
            <StepLabel
              error={status === 'failed'}
              icon={<StepIcon status={status} />}
              optional={
                <Box>
                  <Typography variant="caption" color={status === 'failed' ? 'error' : 'text.secondary'}>
                    {caption(status, state?.ms ?? null, state?.detail ?? null)}
                  </Typography>
                  {status === 'failed' && state?.error && (
                    <Alert severity="error" sx={{ mt: 0.5 }}>
                      <AlertTitle sx={{ mb: state.error.fix ? 0.5 : 0 }}>{state.error.message}</AlertTitle>
                      {state.error.fix && <Typography variant="body2">Fix: {state.error.fix}</Typography>}
                    </Alert>
                  )}
                </Box>
              }
              sx={{ py: 0.25, '& .MuiStepLabel-label': { color: status === 'waiting' || status === 'skipped' ? 'text.secondary' : undefined } }}
            >
              {label}
            </StepLabel>
          </Step>
        );
      })}
    </Stepper>
  );
}
