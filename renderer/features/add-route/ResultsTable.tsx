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
import { STATUS_TEXT, StepIcon } from './StepIcon';

const OUTCOME: Record<TargetOutcome, { text: string; color: 'default' | 'primary' | 'success' | 'error' }> = {
  pending: { text: 'Waiting', color: 'default' },
  running: { text: 'Running', color: 'primary' },
  ok: { text: 'Created', color: 'success' },
  failed: { text: 'Failed', color: 'error' },
};

/** The eight steps as a row of small icons; each names its step and state for screen readers and on hover. */
function MiniSteps({ row }: { row: TargetProgress }) {
  return (
    <Stack component="ol" direction="row" spacing={0.25} aria-label={`Steps of ${row.label}`} sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {STEPS.map(({ step, label }) => {
        const state = row.steps[step];
        const status = state?.status ?? 'waiting';
        const text = `${label}: ${STATUS_TEXT[status]}${state?.ms != null && status === 'ok' ? ` in ${state.ms} ms` : ''}`;
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
  return (
    <Table aria-label="Route results">
      <TableHead>
        <TableRow>
          <TableCell>Target</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Steps</TableCell>
          <TableCell align="right">Time</TableCell>
          <TableCell>Details</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const outcome = OUTCOME[row.outcome];
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
                <Chip label={outcome.text} color={outcome.color} variant={row.outcome === 'pending' ? 'outlined' : 'filled'} />
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <MiniSteps row={row} />
              </TableCell>
              <TableCell align="right" sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                {row.ms !== null ? `${row.ms} ms` : ''}
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top', maxWidth: 320 }}>
                {row.attempt > 1 && (
                  <Typography variant="body2" color="text.secondary">
                    Attempt {row.attempt}
                  </Typography>
                )}
                {error && (
                  <>
                    <Typography variant="body2" color="error" sx={{ fontWeight: 600 }}>
                      {failed ? `${failed.label}: ` : ''}
                      {error.message}
                    </Typography>
                    {error.fix && <Typography variant="body2">Fix: {error.fix}</Typography>}
                  </>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
