import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import KeyOutlined from '@mui/icons-material/KeyOutlined';
import { useTranslation } from '../../i18n';
import { stateKey, type Place, type PlaceRead } from './places';

export function usePlaceName() {
  const { t } = useTranslation('server');
  return (place: Place) => place.name ?? t('thisPc');
}

export function useStateName() {
  const { t } = useTranslation('server');
  return (state: number | null | undefined) => t(`state.${stateKey(state)}`, { state: state ?? '' });
}

function statusOf(place: Place, read: PlaceRead | undefined): 'reading' | 'ok' | 'failed' | 'needsSecret' | 'noTwincat' {
  if (place.needsSecret) return 'needsSecret';
  if (!read || read.reading) return 'reading';
  if (read.result?.error?.code === 'no-twincat') return 'noTwincat';
  return read.result?.ok ? 'ok' : 'failed';
}

const STATUS_COLOUR = { reading: 'default', ok: 'success', failed: 'error', needsSecret: 'warning', noTwincat: 'default' } as const;

/** Every system the page can reach, with a box to select it for a change and a button to show its file. */
export function PlacesTable({
  places,
  reads,
  selected,
  focused,
  onToggle,
  onToggleAll,
  onFocus,
  onCredentials,
}: {
  places: Place[];
  reads: Record<string, PlaceRead>;
  selected: ReadonlySet<string>;
  focused: string | null;
  onToggle(key: string): void;
  onToggleAll(on: boolean): void;
  onFocus(key: string): void;
  onCredentials(place: Place): void;
}) {
  const { t } = useTranslation(['server', 'common']);
  const nameOf = usePlaceName();
  const stateName = useStateName();
  const all = places.length > 0 && places.every((place) => selected.has(place.key));
  const some = places.some((place) => selected.has(place.key));
  return (
    <Table aria-label={t('places.table')}>
      <TableHead>
        <TableRow>
          <TableCell padding="checkbox">
            <Checkbox
              checked={all}
              indeterminate={some && !all}
              onChange={(event) => onToggleAll(event.target.checked)}
              slotProps={{ input: { 'aria-label': t('places.selectAll') } }}
            />
          </TableCell>
          <TableCell>{t('places.columns.name')}</TableCell>
          <TableCell>{t('places.columns.netId')}</TableCell>
          <TableCell>{t('places.columns.route')}</TableCell>
          <TableCell>{t('places.columns.state')}</TableCell>
          <TableCell>{t('places.columns.secureOnly')}</TableCell>
          <TableCell align="right">{t('places.columns.identities')}</TableCell>
          <TableCell>{t('places.columns.status')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {places.map((place) => {
          const read = reads[place.key];
          const model = read?.result?.model;
          const status = statusOf(place, read);
          const name = nameOf(place);
          const needsCredentials = place.route?.tls?.mode === 'psk' || place.route?.tls?.mode === 'ca';
          return (
            <TableRow key={place.key} hover selected={focused === place.key} data-place={name}>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={selected.has(place.key)}
                  onChange={() => onToggle(place.key)}
                  slotProps={{ input: { 'aria-label': t('places.select', { name }) } }}
                />
              </TableCell>
              <TableCell>
                <Button
                  variant="text"
                  onClick={() => onFocus(place.key)}
                  aria-label={t('places.show', { name })}
                  aria-pressed={focused === place.key}
                  sx={{ textTransform: 'none', fontWeight: 500, minWidth: 0, px: 0.5 }}
                >
                  {name}
                </Button>
              </TableCell>
              <TableCell sx={{ typography: 'mono' }}>{place.netId ?? '—'}</TableCell>
              <TableCell>{place.route ? t(`common:security.${place.route.tls?.mode ?? 'none'}`) : t('places.local')}</TableCell>
              <TableCell>{place.route ? stateName(read?.result?.adsState) : '—'}</TableCell>
              <TableCell>{model ? t(model.secureOnly ? 'places.on' : 'places.off') : '—'}</TableCell>
              <TableCell align="right">{model ? model.psk.length : '—'}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                <Chip
                  label={t(`places.status.${status}`)}
                  color={STATUS_COLOUR[status]}
                  variant={STATUS_COLOUR[status] === 'default' ? 'outlined' : 'filled'}
                />
                {needsCredentials && (
                  <Tooltip title={t('places.credentials', { name })}>
                    <IconButton aria-label={t('places.credentials', { name })} onClick={() => onCredentials(place)} sx={{ ml: 0.5 }}>
                      <KeyOutlined fontSize="small" />
                    </IconButton>
                  </Tooltip>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
