import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import DownloadOutlined from '@mui/icons-material/DownloadOutlined';
import DeleteSweepOutlined from '@mui/icons-material/DeleteSweepOutlined';
import { useTranslation } from '../../i18n';
import type { LogFilter } from './log-filter';
import { LOG_LEVELS, type LogLevel } from './merge-log';

interface LogToolbarProps {
  filter: LogFilter;
  onFilterChange(change: Partial<LogFilter>): void;
  sources: readonly string[];
  targets: readonly string[];
  canExport: boolean;
  onExport(format: 'csv' | 'json'): void;
  onClear(): void;
}

/** Filters on the left narrow what the table shows; the exports take exactly what it shows. */
export function LogToolbar({ filter, onFilterChange, sources, targets, canExport, onExport, onClear }: LogToolbarProps) {
  const { t } = useTranslation('log');
  return (
    <Stack
      direction="row"
      useFlexGap
      spacing={1.5}
      sx={{ flexWrap: 'wrap', alignItems: 'center', mb: 1.5 }}
      role="search"
      aria-label={t('filters')}
    >
      <TextField
        select
        label={t('minimumLevel')}
        value={filter.minimum}
        onChange={(event) => onFilterChange({ minimum: event.target.value as LogLevel })}
        sx={{ minWidth: 140 }}
      >
        {LOG_LEVELS.map((level) => (
          <MenuItem key={level} value={level}>
            {t(`levels.${level}`)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('source')}
        value={filter.source}
        onChange={(event) => onFilterChange({ source: event.target.value })}
        sx={{ minWidth: 140 }}
      >
        <MenuItem value="">{t('all')}</MenuItem>
        {sources.map((source) => (
          <MenuItem key={source} value={source} lang="en">
            {source}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        label={t('target')}
        value={filter.target}
        onChange={(event) => onFilterChange({ target: event.target.value })}
        sx={{ minWidth: 150 }}
      >
        <MenuItem value="">{t('all')}</MenuItem>
        {targets.map((target) => (
          <MenuItem key={target} value={target}>
            {target}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        type="search"
        label={t('search')}
        value={filter.text}
        onChange={(event) => onFilterChange({ text: event.target.value })}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchOutlined fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
        sx={{ flexGrow: 1, minWidth: 200 }}
      />
      <Button startIcon={<DownloadOutlined />} disabled={!canExport} onClick={() => onExport('csv')}>
        {t('exportCsv')}
      </Button>
      <Button startIcon={<DownloadOutlined />} disabled={!canExport} onClick={() => onExport('json')}>
        {t('exportJson')}
      </Button>
      <Button color="error" startIcon={<DeleteSweepOutlined />} onClick={onClear}>
        {t('clear')}
      </Button>
    </Stack>
  );
}
