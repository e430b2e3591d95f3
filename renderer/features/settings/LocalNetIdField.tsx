import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useTranslation } from '../../i18n';

export interface AdapterNetId {
  adapter: string;
  address: string;
  netId: string;
}

interface Props {
  fixed: boolean;
  netId: string;
  invalid: boolean;
  adapterNetIds: readonly AdapterNetId[] | undefined;
  onChange(next: { fixed: boolean; netId: string }): void;
}

/**
 * The AMS NetId targets store for this PC. Unless one is fixed, each target gets the address of the adapter this PC
 * reaches it over plus ".1.1" (the route service derives it per target), so a single value would be misleading.
 */
export function LocalNetIdField({ fixed, netId, invalid, adapterNetIds, onChange }: Props) {
  const { t } = useTranslation('settings');
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }} aria-labelledby="netid-heading">
      <Typography variant="subtitle2" component="legend" id="netid-heading" sx={{ mb: 0.5 }}>
        {t('identity.netId')}
      </Typography>
      <FormControlLabel
        control={<Switch checked={fixed} onChange={(event) => onChange({ fixed: event.target.checked, netId })} />}
        label={t('identity.netIdFixed')}
      />
      {fixed ? (
        <TextField
          label={t('identity.netIdFixedLabel')}
          value={netId}
          error={invalid}
          helperText={invalid ? t('identity.netIdInvalid') : t('identity.netIdFixedHelp', { netId })}
          onChange={(event) => onChange({ fixed, netId: event.target.value.trim() })}
          sx={{ mt: 1, display: 'flex', maxWidth: 320 }}
        />
      ) : (
        <Box data-testid="netid-derivation">
          <Typography variant="body2" color="text.secondary">
            {t('identity.netIdDerived')}
          </Typography>
          {adapterNetIds && adapterNetIds.length > 0 && (
            <Box component="ul" aria-label={t('identity.netIdPerAdapter')} sx={{ my: 0.5, pl: 3 }}>
              {adapterNetIds.map((entry) => (
                <Typography component="li" variant="body2" key={`${entry.adapter}/${entry.address}`}>
                  {t('identity.netIdForAdapter', { ...entry })}
                </Typography>
              ))}
            </Box>
          )}
        </Box>
      )}
    </Box>
  );
}
