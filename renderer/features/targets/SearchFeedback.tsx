import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import type { DiscoveryState } from './use-discovery';

const FALLBACK_HINT =
  'No TwinCAT system answered. Check that the target is in Config or Run mode, that UDP 48899 is not blocked, and ' +
  'that the right adapter is ticked; for a target in another subnet search by host name, IP address or range.';

/** Under the table: what went wrong per host, and why nothing was found, in words a commissioning engineer can act on. */
export function SearchFeedback({ discovery }: { discovery: DiscoveryState }) {
  const { hostErrors, summary, phase, targets, startError } = discovery;
  const nothingFound = phase === 'done' && summary !== null && !summary.cancelled && summary.found === 0 && targets.length === 0;
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 1 }}>
      {startError && (
        <Alert severity="error" role="alert">
          <AlertTitle>The search could not start</AlertTitle>
          {startError}
        </Alert>
      )}
      {hostErrors.length > 0 && (
        <Alert severity="warning" role="status" aria-label="Problems during the search">
          <AlertTitle>{hostErrors.length === 1 ? 'One host or adapter had a problem' : `${hostErrors.length} hosts or adapters had problems`}</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {hostErrors.map((problem, index) => (
              <li key={`${problem.host}#${index}`}>
                <strong>{problem.host}</strong>: {problem.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      {nothingFound && (
        <Alert severity="info" role="alert">
          <AlertTitle>Nothing found</AlertTitle>
          {summary.hint ?? FALLBACK_HINT}
        </Alert>
      )}
    </Box>
  );
}
