import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { useTranslation } from '../../i18n';

export function adapterKey(adapter: NetworkAdapter): string {
  return `${adapter.name}@${adapter.address}`;
}

/** Broadcasting on a 169.254 adapter rarely finds anything, so those start unticked (the user may still tick them). */
export function defaultAdapterChoice(adapters: readonly NetworkAdapter[]): Set<string> {
  return new Set(adapters.filter((adapter) => !adapter.linkLocal).map(adapterKey));
}

interface AdapterChoiceProps {
  adapters: readonly NetworkAdapter[] | undefined;
  error: string | undefined;
  chosen: ReadonlySet<string>;
  disabled: boolean;
  onToggle(key: string): void;
}

/** One checkbox per adapter address: the broadcast goes out on exactly the ticked ones. */
export function AdapterChoice({ adapters, error, chosen, disabled, onToggle }: AdapterChoiceProps) {
  const { t } = useTranslation('targets');
  if (error) return <Alert severity="error">{t('adapters.error', { error })}</Alert>;
  if (!adapters) return <Skeleton variant="rounded" height={32} width={320} aria-label={t('adapters.loading')} />;
  if (adapters.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('adapters.none')}
      </Typography>
    );
  }
  return (
    <FormGroup row aria-label={t('adapters.group')} sx={{ columnGap: 2 }}>
      {adapters.map((adapter) => {
        const key = adapterKey(adapter);
        return (
          <FormControlLabel
            key={key}
            disabled={disabled}
            control={<Checkbox checked={chosen.has(key)} onChange={() => onToggle(key)} />}
            label={
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <span>
                  {adapter.name} — {adapter.address}/{adapter.prefixLength}
                </span>
                {adapter.linkLocal && (
                  <Chip color="warning" variant="outlined" label={t('adapters.linkLocal')} title={t('adapters.linkLocalHint')} />
                )}
              </Stack>
            }
          />
        );
      })}
    </FormGroup>
  );
}
