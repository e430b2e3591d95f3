import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { PageLayout } from '../../components/PageLayout';
import { useApi } from '../../api/ApiProvider';
import { useEvent } from '../../api/use-event';
import { useRequest } from '../../api/use-request';
import { useTranslation } from '../../i18n';
import { LogTable } from './LogTable';
import { LogToolbar } from './LogToolbar';
import { download, exportFileName, logToCsv, logToJson } from './log-export';
import { filterChoices, filterLog, NO_FILTER, type LogFilter } from './log-filter';
import { LOG_VIEW_CAPACITY, mergeLog, type LogEntry } from './merge-log';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';

export function LogPage() {
  const { t } = useTranslation(['log', 'common']);
  const api = useApi();
  const recent = useRequest('log:recent', {});
  const [live, setLive] = useState<LogEntry[]>([]);
  // Lines from before a clear stay hidden even if the backlog answer predates it.
  const [clearedBacklog, setClearedBacklog] = useState(false);
  const [filter, setFilter] = useState<LogFilter>(NO_FILTER);
  const [confirmClear, setConfirmClear] = useState(false);
  const [clearError, setClearError] = useState<IpcError | null>(null);

  useEvent('log:entry', (entry) => {
    setLive((lines) => (lines.length >= LOG_VIEW_CAPACITY ? [...lines.slice(1), entry] : [...lines, entry]));
  });
  useEvent('log:cleared', () => {
    setClearedBacklog(true);
    setLive([]);
  });

  const all = useMemo(() => mergeLog(clearedBacklog ? [] : (recent.data ?? []), live), [recent.data, live, clearedBacklog]);
  const entries = useMemo(() => filterLog(all, filter), [all, filter]);
  const choices = useMemo(() => filterChoices(all), [all]);

  const exportVisible = (format: 'csv' | 'json') => {
    // Newest first, as the table shows them.
    const visible = [...entries].reverse();
    if (format === 'csv') download(logToCsv(visible), exportFileName(new Date(), 'csv'), 'text/csv;charset=utf-8');
    else download(logToJson(visible), exportFileName(new Date(), 'json'), 'application/json');
  };

  const clear = async () => {
    setConfirmClear(false);
    const result = await api.invoke('log:clear', {});
    if (result.ok) {
      setClearError(null);
      setClearedBacklog(true);
      setLive([]);
    } else setClearError(result.error);
  };

  return (
    <PageLayout title={t('title')} description={t('description')}>
      <LogToolbar
        filter={filter}
        onFilterChange={(change) => setFilter((current) => ({ ...current, ...change }))}
        sources={choices.sources}
        targets={choices.targets}
        canExport={entries.length > 0}
        onExport={exportVisible}
        onClear={() => setConfirmClear(true)}
      />
      {recent.loading && <LinearProgress aria-label={t('loading')} sx={{ mb: 1 }} />}
      {recent.error && <ServiceErrorAlert error={recent.error} sx={{ mb: 1 }} />}
      {clearError && <ServiceErrorAlert error={clearError} lead={t('clearFailed')} sx={{ mb: 1 }} onClose={() => setClearError(null)} />}
      <Typography variant="body2" color="text.secondary" role="status" sx={{ mb: 1 }}>
        {t('shown', { shown: entries.length, total: all.length })}
      </Typography>
      <LogTable entries={entries} emptyText={recent.loading ? t('common:loading') : all.length > 0 ? t('emptyFiltered') : t('empty')} />
      <Dialog open={confirmClear} onClose={() => setConfirmClear(false)} aria-labelledby="clear-log-title">
        <DialogTitle id="clear-log-title">{t('clearTitle')}</DialogTitle>
        <DialogContent>
          <DialogContentText>{t('clearText')}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirmClear(false)} autoFocus>
            {t('common:cancel')}
          </Button>
          <Button color="error" variant="contained" onClick={() => void clear()}>
            {t('clearConfirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </PageLayout>
  );
}
