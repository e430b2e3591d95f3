import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { PageLayout } from '../../components/PageLayout';
import { useEvent } from '../../api/use-event';
import { useRequest } from '../../api/use-request';
import { LogTable } from './LogTable';
import { atLeast, LOG_LEVELS, LOG_VIEW_CAPACITY, mergeLog, type LogEntry, type LogLevel } from './merge-log';

export function LogPage() {
  const recent = useRequest('log:recent', {});
  const [live, setLive] = useState<LogEntry[]>([]);
  const [minimum, setMinimum] = useState<LogLevel>('debug');

  useEvent('log:entry', (entry) => {
    setLive((lines) => (lines.length >= LOG_VIEW_CAPACITY ? [...lines.slice(1), entry] : [...lines, entry]));
  });

  const entries = useMemo(() => mergeLog(recent.data ?? [], live).filter((entry) => atLeast(entry.level, minimum)), [recent.data, live, minimum]);

  return (
    <PageLayout
      title="Log"
      description="What the services did, newest first: searches, route changes, TLS handshakes and errors."
      actions={
        <TextField
          select
          size="small"
          label="Minimum level"
          value={minimum}
          onChange={(event) => setMinimum(event.target.value as LogLevel)}
          sx={{ minWidth: 150 }}
        >
          {LOG_LEVELS.map((level) => (
            <MenuItem key={level} value={level}>
              {level}
            </MenuItem>
          ))}
        </TextField>
      }
    >
      {recent.loading && <LinearProgress aria-label="Loading the log" sx={{ mb: 1 }} />}
      {recent.error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {recent.error.message}
        </Alert>
      )}
      <LogTable entries={entries} emptyText={recent.loading ? 'Loading…' : 'No log lines yet.'} />
    </PageLayout>
  );
}
