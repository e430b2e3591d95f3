import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { addressOf, type FormErrors, type RouteForm, type TargetEntry } from './route-form';
import { useTranslation } from '../../i18n';

/** Several targets: each keeps its own route name and NetId, the rest of the form applies to all. */
export function TargetsSettingsTable({
  form,
  errors,
  onTargetChange,
}: {
  form: RouteForm;
  errors: FormErrors;
  onTargetChange(key: string, update: Partial<TargetEntry>): void;
}) {
  const { t } = useTranslation('addRoute');
  return (
    <Table aria-label={t('settings.selectedTargets')}>
      <TableHead>
        <TableRow>
          <TableCell>{t('settings.routeName')}</TableCell>
          <TableCell>{t('settings.netId')}</TableCell>
          <TableCell>{t('settings.address')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {form.targets.map((target) => {
          const error = errors.targets[target.key];
          const who = target.hostname || target.ip;
          return (
            <TableRow key={target.key}>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <TextField
                  value={target.routeName}
                  onChange={(event) => onTargetChange(target.key, { routeName: event.target.value })}
                  error={Boolean(error?.routeName)}
                  helperText={error?.routeName}
                  fullWidth
                  slotProps={{ htmlInput: { 'aria-label': t('settings.routeNameOf', { name: who }) } }}
                />
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top' }}>
                <TextField
                  value={target.netId}
                  onChange={(event) => onTargetChange(target.key, { netId: event.target.value })}
                  error={Boolean(error?.netId)}
                  helperText={error?.netId}
                  fullWidth
                  slotProps={{ htmlInput: { 'aria-label': t('settings.netIdOf', { name: who }), spellCheck: false } }}
                />
              </TableCell>
              <TableCell sx={{ verticalAlign: 'top', pt: 2 }}>{addressOf(target, form.addressKind)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
