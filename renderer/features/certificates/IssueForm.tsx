import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { DEVICE_DEFAULT_DAYS } from '../../../shared/ipc/channels/certificates';
import { useApi } from '../../api/ApiProvider';
import { useRequest } from '../../api/use-request';
import { SecretField } from '../../components/SecretField';
import { useTranslation } from '../../i18n';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';

const DEFAULT_INSTALL_DIR = 'C:\\TwinCAT\\3.1\\Target\\CACerts';

/** The names typed one per line (commas too), trimmed, without blanks or repeats. */
export function namesFromText(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}

/** Issues one certificate per selected route and typed name; the CN is the name used to connect. */
export function IssueForm({ onDone }: { onDone(message: string): void }) {
  const { t } = useTranslation('certificates');
  const api = useApi();
  const routes = useRequest('routes:list', {});
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [cnFrom, setCnFrom] = useState<'name' | 'address'>('name');
  const [more, setMore] = useState('');
  const [days, setDays] = useState(String(DEVICE_DEFAULT_DAYS));
  const [keyPassword, setKeyPassword] = useState('');
  const [ignoreCn, setIgnoreCn] = useState(false);
  const [installDir, setInstallDir] = useState(DEFAULT_INSTALL_DIR);
  const [caPassword, setCaPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const routeList = useMemo(() => routes.data ?? [], [routes.data]);
  const names = useMemo(() => {
    const fromRoutes = routeList
      .filter((route) => selected.has(route.name))
      .map((route) => (cnFrom === 'name' ? route.name : route.address));
    return [...new Set([...fromRoutes, ...namesFromText(more)])];
  }, [routeList, selected, cnFrom, more]);
  const daysValue = Number(days);
  const daysValid = Number.isInteger(daysValue) && daysValue >= 1 && daysValue <= 36_500;
  const tooLong = names.find((name) => name.length > 64);
  const valid = names.length > 0 && !tooLong && daysValid && caPassword.length > 0 && !busy;
  const allSelected = routeList.length > 0 && routeList.every((route) => selected.has(route.name));

  const toggle = (name: string) => {
    const next = new Set(selected);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setSelected(next);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await api.invoke('certificates:issue', {
      caPassword,
      commonNames: names,
      days: daysValue,
      ...(keyPassword ? { keyPassword } : {}),
      ignoreCn,
      installDir: installDir.trim() || DEFAULT_INSTALL_DIR,
    });
    setBusy(false);
    if (result.ok) {
      setCaPassword('');
      onDone(t('devices.issued', { count: result.data.issued.length }));
    } else {
      setError(result.error);
    }
  };

  return (
    <Stack
      component="form"
      spacing={2}
      aria-label={t('devices.heading')}
      onSubmit={(event) => {
        event.preventDefault();
        if (valid) void submit();
      }}
    >
      <Typography variant="subtitle2" component="h3">
        {t('devices.routes')}
      </Typography>
      {routeList.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('devices.noRoutes')}
        </Typography>
      ) : (
        <Table aria-label={t('devices.routesTable')} sx={{ maxWidth: 700 }}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={allSelected}
                  indeterminate={selected.size > 0 && !allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(routeList.map((route) => route.name)))}
                  slotProps={{ input: { 'aria-label': t('devices.selectAll') } }}
                />
              </TableCell>
              <TableCell>{t('devices.cnRouteName')}</TableCell>
              <TableCell>{t('devices.cnAddress')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {routeList.map((route) => (
              <TableRow
                key={route.name}
                hover
                selected={selected.has(route.name)}
                onClick={() => toggle(route.name)}
                sx={{ cursor: 'pointer' }}
              >
                <TableCell padding="checkbox">
                  <Checkbox
                    checked={selected.has(route.name)}
                    onClick={(event) => event.stopPropagation()}
                    onChange={() => toggle(route.name)}
                    slotProps={{ input: { 'aria-label': t('devices.select', { name: route.name }) } }}
                  />
                </TableCell>
                <TableCell>{route.name}</TableCell>
                <TableCell>{route.address}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {routeList.length > 0 && (
        <FormControl>
          <FormLabel id="cn-from-label">{t('devices.cnFrom')}</FormLabel>
          <RadioGroup
            row
            aria-labelledby="cn-from-label"
            value={cnFrom}
            onChange={(event) => setCnFrom(event.target.value as 'name' | 'address')}
          >
            <FormControlLabel value="name" control={<Radio />} label={t('devices.cnRouteName')} />
            <FormControlLabel value="address" control={<Radio />} label={t('devices.cnAddress')} />
          </RadioGroup>
        </FormControl>
      )}
      <TextField
        label={t('devices.more')}
        value={more}
        onChange={(event) => setMore(event.target.value)}
        multiline
        minRows={2}
        sx={{ maxWidth: 500 }}
        helperText={tooLong ? `${tooLong.slice(0, 20)}…: 1–64` : t('devices.moreHelp')}
        error={Boolean(tooLong)}
        slotProps={{ htmlInput: { spellCheck: false } }}
      />
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
        <TextField
          label={t('devices.days')}
          value={days}
          onChange={(event) => setDays(event.target.value)}
          sx={{ width: 160 }}
          error={!daysValid}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        <TextField
          label={t('devices.installDir')}
          value={installDir}
          onChange={(event) => setInstallDir(event.target.value)}
          sx={{ flex: 1, maxWidth: 420 }}
          helperText={t('devices.installDirHelp')}
          slotProps={{ htmlInput: { spellCheck: false } }}
        />
      </Stack>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ maxWidth: 860 }}>
        <SecretField
          label={t('devices.keyPassword')}
          value={keyPassword}
          onChange={setKeyPassword}
          toggleLabel={t('ca.showPassword')}
          autoComplete="new-password"
          helperText={t('devices.keyPasswordHelp')}
        />
        <SecretField
          label={t('devices.caPassword')}
          value={caPassword}
          onChange={setCaPassword}
          toggleLabel={t('ca.showPassword')}
          required
        />
      </Stack>
      <FormControlLabel
        control={<Checkbox checked={ignoreCn} onChange={(event) => setIgnoreCn(event.target.checked)} />}
        label={t('devices.ignoreCn')}
      />
      {error && <ServiceErrorAlert error={error} />}
      <div>
        <Button type="submit" variant="contained" disabled={!valid}>
          {busy ? t('devices.issuing') : t('devices.issue', { count: names.length })}
        </Button>
      </div>
    </Stack>
  );
}
