import type { FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import WifiTetheringOutlined from '@mui/icons-material/WifiTetheringOutlined';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { AdapterChoice } from './AdapterChoice';
import { SearchEta } from './SearchEta';
import { sweepWindowMs, type DiscoveryState, type SearchKind } from './use-discovery';
import { useFormat, useTranslation } from '../../i18n';
import { MAX_SWEEP_ADDRESSES } from '../../../shared/discovery/search-entry';
import { hostsProblem, rangesProblem, type InputProblem } from './search-input';

export const TIMEOUT_CHOICES_MS = [1000, 3000, 5000, 10_000] as const;
export const DEFAULT_TIMEOUT_MS = 3000;

/** "PLC1, 10.0.0.5 10.0.0.6" → three entries: people paste lists from spreadsheets and mails in either style. */
export function splitEntries(text: string): string[] {
  return text.split(/[\s,;]+/).filter(Boolean);
}

/** Like splitEntries, but "10.0.0.1 - 10.0.0.9" stays one span. */
export function splitRanges(text: string): string[] {
  return splitEntries(text.replace(/\s*[-–]\s*/g, '-'));
}

export interface SearchFields {
  hosts: string;
  ranges: string;
  timeoutMs: number;
  adapters: ReadonlySet<string>;
}

interface SearchPanelProps {
  fields: SearchFields;
  onFieldsChange(change: Partial<SearchFields>): void;
  onToggleAdapter(key: string): void;
  adapters: readonly NetworkAdapter[] | undefined;
  adaptersError: string | undefined;
  discovery: DiscoveryState;
  onSearch(kind: SearchKind): void;
  onCancel(): void;
}

function SearchProgress({ discovery, onCancel, timeoutMs }: { discovery: DiscoveryState; onCancel(): void; timeoutMs: number }) {
  const { t } = useTranslation('targets');
  const progress = discovery.progress;
  // Once every request is out the search only waits for late answers: a full bar would look finished, so it pulses.
  const sending = progress !== null && progress.total > 0 && progress.sent < progress.total;
  const value = sending ? (100 * progress.sent) / progress.total : undefined;
  let text: string = t('search.searching');
  if (progress && sending) text = t('search.sending', { answered: progress.answered, sent: progress.sent, total: progress.total });
  else if (progress) text = t('search.waitingLate', { answered: progress.answered });
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mt: 2 }}>
      <Box sx={{ flexGrow: 1 }}>
        <LinearProgress aria-label={t('search.progress')} variant={value === undefined ? 'indeterminate' : 'determinate'} value={value} />
        <Typography variant="caption" color="text.secondary" role="status">
          {text}
          {progress && sending && discovery.startedAt !== null && (
            <SearchEta progress={progress} startedAt={discovery.startedAt} perHostWindowMs={sweepWindowMs(timeoutMs)} />
          )}
        </Typography>
      </Box>
      <Button variant="outlined" onClick={onCancel} disabled={discovery.phase !== 'searching'}>
        {t('search.cancel')}
      </Button>
    </Stack>
  );
}

function useProblemText(): (problem: InputProblem | null) => string | null {
  const { t } = useTranslation('targets');
  const format = useFormat();
  return (problem) => {
    if (!problem) return null;
    if (problem.key === 'tooBig')
      return t('search.invalid.tooBig', { addresses: format.number(problem.addresses), limit: format.number(MAX_SWEEP_ADDRESSES) });
    return t(`search.invalid.${problem.key}`, { entry: problem.entry });
  };
}

/** The top of the XAE dialog: broadcast per adapter, unicast to hosts, a sweep of a range, one shared timeout. */
export function SearchPanel(props: SearchPanelProps) {
  const { t } = useTranslation('targets');
  const { fields, onFieldsChange, discovery } = props;
  const busy = discovery.phase === 'starting' || discovery.phase === 'searching';
  const problemText = useProblemText();
  // Checked as the user types: a search that cannot start must not cost the results already on screen.
  const hosts = splitEntries(fields.hosts);
  const ranges = splitRanges(fields.ranges);
  const hostsError = problemText(hostsProblem(hosts));
  const rangesError = problemText(rangesProblem(ranges));
  const canSearch = { host: hosts.length > 0 && !hostsError, range: ranges.length > 0 && !rangesError };
  const submit = (kind: 'host' | 'range') => (event: FormEvent) => {
    event.preventDefault();
    if (!busy && canSearch[kind]) props.onSearch(kind);
  };

  return (
    <Paper variant="outlined" component="section" aria-label={t('search.region')} sx={{ p: 2, mb: 2 }}>
      <Stack spacing={2}>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
          <Box sx={{ flexGrow: 1 }}>
            <AdapterChoice
              adapters={props.adapters}
              error={props.adaptersError}
              chosen={fields.adapters}
              disabled={busy}
              onToggle={props.onToggleAdapter}
            />
          </Box>
          <TextField
            select
            label={t('search.timeout')}
            value={fields.timeoutMs}
            onChange={(event) => onFieldsChange({ timeoutMs: Number(event.target.value) })}
            disabled={busy}
            sx={{ width: 110 }}
          >
            {TIMEOUT_CHOICES_MS.map((ms) => (
              <MenuItem key={ms} value={ms}>
                {t('search.seconds', { value: ms / 1000 })}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant="contained"
            startIcon={<WifiTetheringOutlined />}
            onClick={() => props.onSearch('broadcast')}
            disabled={busy || fields.adapters.size === 0}
          >
            {t('search.broadcast')}
          </Button>
        </Stack>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
          <Stack component="form" direction="row" spacing={1} onSubmit={submit('host')} sx={{ flex: 1, alignItems: 'flex-start' }}>
            <TextField
              fullWidth
              label={t('search.hosts')}
              placeholder="CX-1234, 192.168.1.20"
              helperText={hostsError ?? t('search.hostsHelp')}
              error={hostsError !== null}
              value={fields.hosts}
              onChange={(event) => onFieldsChange({ hosts: event.target.value })}
              disabled={busy}
            />
            <Button
              type="submit"
              variant="outlined"
              startIcon={<SearchOutlined />}
              disabled={busy || !canSearch.host}
              sx={{ whiteSpace: 'nowrap', height: 40, flexShrink: 0 }}
            >
              {t('search.searchHost')}
            </Button>
          </Stack>
          <Stack component="form" direction="row" spacing={1} onSubmit={submit('range')} sx={{ flex: 1, alignItems: 'flex-start' }}>
            <TextField
              fullWidth
              label={t('search.ranges')}
              placeholder={t('search.rangesPlaceholder')}
              helperText={rangesError ?? t('search.rangesHelp')}
              error={rangesError !== null}
              value={fields.ranges}
              onChange={(event) => onFieldsChange({ ranges: event.target.value })}
              disabled={busy}
            />
            <Button
              type="submit"
              variant="outlined"
              startIcon={<SearchOutlined />}
              disabled={busy || !canSearch.range}
              sx={{ whiteSpace: 'nowrap', height: 40, flexShrink: 0 }}
            >
              {t('search.searchRange')}
            </Button>
          </Stack>
        </Stack>
      </Stack>
      {busy && <SearchProgress discovery={discovery} onCancel={props.onCancel} timeoutMs={fields.timeoutMs} />}
    </Paper>
  );
}
