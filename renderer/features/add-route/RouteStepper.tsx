import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { STEPS, type TargetProgress } from './route-progress';
import { StepIcon, type ShownStatus } from './StepIcon';
import { useFormat, useTranslation, type Formatters } from '../../i18n';
import type { TFunction } from 'i18next';
import { RouteErrorText } from '../../components/RouteErrorText';

function caption(t: TFunction<'addRoute'>, format: Formatters, status: ShownStatus, ms: number | null, detail: string | null): string {
  const parts = [status === 'ok' && ms !== null ? format.duration(ms) : t(`steps.status.${status}`)];
  if (detail) parts.push(detail);
  return parts.join(' · ');
}

/** One target: the steps as the services run them, live, with timings; a failed step carries its message and fix. */
export function RouteStepper({ row }: { row: TargetProgress }) {
  const { t } = useTranslation('addRoute');
  const format = useFormat();
  const activeIndex = STEPS.findIndex(({ step }) => row.steps[step]?.status === 'running');
  return (
    <Stepper
      orientation="vertical"
      activeStep={activeIndex}
      aria-label={t('steps.of', { name: row.label })}
      component="ol"
      sx={{ '& .MuiStepConnector-line': { minHeight: 8 } }}
    >
      {STEPS.map(({ step }) => {
        const state = row.steps[step];
        const status: ShownStatus = state?.status ?? 'waiting';
        const error = status === 'failed' ? state?.error : null;
        return (
          <Step key={step} completed={status === 'ok'} component="li" data-step={step} data-status={status}>
            <StepLabel
              error={status === 'failed'}
              icon={<StepIcon status={status} />}
              optional={
                <Box>
                  <Typography variant="caption" color={status === 'failed' ? 'error' : 'text.secondary'}>
                    {caption(t, format, status, state?.ms ?? null, state?.detail ?? null)}
                  </Typography>
                  {/* The step's own icon says it failed; a second icon in the box would stand beside the wrong thing. */}
                  {error && (
                    <Alert severity="error" icon={false} sx={{ mt: 0.5 }}>
                      <RouteErrorText error={error} />
                    </Alert>
                  )}
                </Box>
              }
              sx={{
                py: 0.25,
                '& .MuiStepLabel-label': { color: status === 'waiting' || status === 'skipped' ? 'text.secondary' : undefined },
              }}
            >
              {t(`steps.${step}`)}
            </StepLabel>
          </Step>
        );
      })}
    </Stepper>
  );
}
