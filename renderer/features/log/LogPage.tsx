import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { PageLayout } from '../../components/PageLayout';
import { useEvent } from '../../api/use-event';
import { useRequest } from '../../api/use-request';
import { LogTable } from './LogTable';
import { useTranslation } from '../../i18n';
import { atLeast, LOG_LEVELS, LOG_VIEW_CAPACITY, mergeLog, type LogEntry, type LogLevel } from './merge-log';

export function LogPage() {
  const { t } = useTranslation(['log', 'common']);
  const recent = useRequest('log:recent', {});
  const [live, setLive] = useState<LogEntry[]>([]);
  const [minimum, setMinimum] = useState<LogLevel>('debug');

  useEvent('log:entry', (entry) => {
    setLive((lines) => (lines.length >= LOG_VIEW_CAPACITY ? [...lines.slice(1), entry] : [...lines, entry]));
  });

  const entries = useMemo(() => mergeLog(recent.data ?? [], live).filter((entry) => atLeast(entry.level, minimum)), [recent.data, live, minimum]);

  return (
    <PageLayout
      title={t('title')}
      description={t('description')}
      actions={
        <TextField
          select
          size="small"
          label={t('minimumLevel')}
          value={minimum}
          onChange={(event) => setMinimum(event.target.value as LogLevel)}
          sx={{ minWidth: 150 }}
        >
          {LOG_LEVELS.map((level) => (
            <MenuItem key={level} value={level}>
              {t(`levels.${level}`)}
            </MenuItem>
          ))}
        </TextField>
      }
    >
      {recent.loading && <LinearProgress aria-label={t('loading')} sx={{ mb: 1 }} />}
      {recent.error && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {recent.error.message}
        </Alert>
      )}
      <LogTable entries={entries} emptyText={recent.loading ? t('common:loading') : t('empty')} />
    </PageLayout>
  );
}
