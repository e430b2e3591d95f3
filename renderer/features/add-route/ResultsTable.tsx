import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { STEPS, failedStep, type TargetOutcome, type TargetProgress } from './route-progress';
import { StepIcon } from './StepIcon';
import { useFormat, useTranslation } from '../../i18n';
import { RouteErrorText } from '../../components/RouteErrorText';

const OUTCOME_COLOUR: Record<TargetOutcome, 'default' | 'primary' | 'success' | 'error'> = {
  pending: 'default',
  running: 'primary',
  ok: 'success',
  failed: 'error',
};

/** The eight steps as a row of small icons; each names its step and state for screen readers and on hover. */
function MiniSteps({ row }: { row: TargetProgress }) {
  const { t } = useTranslation('addRoute');
  const format = useFormat();
  return (
    <Stack
      component="ol"
      direction="row"
      spacing={0.25}
      aria-label={t('steps.ofShort', { name: row.label })}
      sx={{ listStyle: 'none', m: 0, p: 0 }}
    >
      {STEPS.map(({ step }) => {
        const state = row.steps[step];
        const status = state?.status ?? 'waiting';
        const names = { step: t(`steps.${step}`), status: t(`steps.status.${status}`) };
        const text =
          state?.ms != null && status === 'ok'
            ? t('steps.stepStateIn', { ...names, time: format.duration(state.ms) })
            : t('steps.stepState', names);
        return (
          <Tooltip key={step} title={text}>
            <Box component="li" aria-label={text} data-status={status}>
              <StepIcon status={status} size={18} />
            </Box>
          </Tooltip>
        );
      })}
    </Stack>
  );
}

/** Several targets at once: one row each with its status, its steps, its time and what to do about a failure. */
export function ResultsTable({ rows }: { rows: readonly TargetProgress[] }) {
  const { t } = useTranslation('addRoute');
  const format = useFormat();
  return (
    <Table aria-label={t('results.table')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('results.target')}</TableCell>
          <TableCell>{t('results.status')}</TableCell>
          <TableCell>{t('results.steps')}</TableCell>
          <TableCell align="right">{t('results.time')}</TableCell>
          <TableCell>{t('results.details')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const failed = failedStep(row);
          const error = failed?.state.error ?? row.error;
          return (
            <TableRow key={row.address} data-target={row.address}>
              <TableCell sx={{ verticalAlign: 'top' }}>
                {row.label}
                <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                  {row.address}
                </Typography>
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <Chip
                  label={t(`outcome.${row.outcome}`)}
                  color={OUTCOME_COLOUR[row.outcome]}
                  variant={row.outcome === 'pending' ? 'outlined' : 'filled'}
                />
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <MiniSteps row={row} />
              </TableCell>
              <TableCell align="right" sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                {row.ms !== null ? format.duration(row.ms) : ''}
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top', maxWidth: 320 }}>
                {row.attempt > 1 && (
                  <Typography variant="body2" color="text.secondary">
                    {t('results.attempt', { attempt: row.attempt })}
                  </Typography>
                )}
                {error && <RouteErrorText error={error} prefix={failed ? t(`steps.${failed.step}`) : undefined} />}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
