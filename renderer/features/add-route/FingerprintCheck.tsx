import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import ContentCopy from '@mui/icons-material/ContentCopy';
import { fingerprintsEqual, formatFingerprint } from '../../../shared/protocol/fingerprint';
import { compareFingerprint } from './login';
import type { LiveCertificate } from './use-live-certificates';
import { canTick, type TargetTrust } from './trust-decisions';
import { Trans, useFormat, useTranslation } from '../../i18n';

export interface FingerprintTarget {
  address: string;
  label: string;
  netId: string;
  discoveryFingerprint: string | null;
}

export interface FingerprintCheckProps {
  targets: readonly FingerprintTarget[];
  certificates: Record<string, LiveCertificate>;
  refetch(address: string): void;
  compares: Record<string, string>;
  onCompareChange(address: string, value: string): void;
  /** Per target address: its own decision, from its own compare, tick or remembered fingerprint. */
  trusts: Record<string, TargetTrust>;
  /** Per target address: the fingerprint the user ticked "verified another way" for. */
  ticks: Record<string, string>;
  onTick(address: string, fingerprint: string | null): void;
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const { t } = useTranslation('addRoute');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Tooltip title={copied ? t('fingerprint.copied') : label}>
      <IconButton aria-label={label} onClick={() => void copy()} onBlur={() => setCopied(false)}>
        <ContentCopy fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}

/** The fingerprint from the handshake, grouped for reading aloud; a spinner while it comes, its error when it fails. */
function LiveFingerprint({
  target,
  certificate,
  refetch,
  copyLabel,
}: {
  target: FingerprintTarget;
  certificate: LiveCertificate | undefined;
  refetch(address: string): void;
  copyLabel: string;
}) {
  const { t } = useTranslation('addRoute');
  if (!certificate || certificate.status === 'loading') {
    return (
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <CircularProgress size={16} aria-label={t('fingerprint.fetching', { name: target.label })} />
        <Typography variant="body2" color="text.secondary">
          {t('fingerprint.handshake', { address: target.address })}
        </Typography>
      </Stack>
    );
  }
  if (certificate.status === 'error') {
    return (
      <Alert
        severity="error"
        sx={{ py: 0 }}
        action={
          <Button color="inherit" onClick={() => refetch(target.address)}>
            {t('fingerprint.tryAgain')}
          </Button>
        }
      >
        {t('fingerprint.cannotRead', { name: target.label, error: certificate.message })}
      </Alert>
    );
  }
  const changed = target.discoveryFingerprint !== null && !fingerprintsEqual(target.discoveryFingerprint, certificate.fingerprint);
  return (
    <Box>
      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
        <Typography
          component="code"
          data-testid="live-fingerprint"
          sx={{ typography: 'mono', fontSize: '0.85rem', letterSpacing: '0.02em', wordBreak: 'break-word' }}
        >
          {formatFingerprint(certificate.fingerprint, 'grouped')}
        </Typography>
        <CopyButton text={formatFingerprint(certificate.fingerprint, 'upper')} label={copyLabel} />
      </Stack>
      {changed && (
        <Typography variant="caption" color="warning.dark" sx={{ display: 'block' }}>
          {t('fingerprint.differsFromDiscovery')}
        </Typography>
      )}
    </Box>
  );
}

function CompareField({
  label,
  live,
  value,
  onChange,
  hideLabel,
}: {
  label: string;
  live: string | undefined;
  value: string;
  onChange(value: string): void;
  hideLabel?: boolean;
}) {
  const { t } = useTranslation('addRoute');
  const result = compareFingerprint(live, value);
  const green = result === 'match';
  const red = result === 'differ' || result === 'malformed';
  return (
    <TextField
      label={hideLabel ? undefined : label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      fullWidth
      error={red}
      color={green ? 'success' : 'primary'}
      helperText={t(`fingerprint.compare.${result}`)}
      placeholder={t('fingerprint.placeholder')}
      slotProps={{
        htmlInput: { spellCheck: false, autoComplete: 'off', ...(hideLabel ? { 'aria-label': label } : {}), 'data-compare': result },
        formHelperText: { sx: green ? { color: 'success.main', fontWeight: 600 } : red ? { fontWeight: 600 } : undefined },
      }}
      sx={
        green
          ? {
              '& .MuiOutlinedInput-notchedOutline, & .MuiOutlinedInput-root:hover .MuiOutlinedInput-notchedOutline': {
                borderColor: 'success.main',
                borderWidth: 2,
              },
              '& .MuiInputLabel-root': { color: 'success.main' },
            }
          : undefined
      }
    />
  );
}

function liveFingerprint(certificate: LiveCertificate | undefined): string | undefined {
  return certificate?.status === 'ok' ? certificate.fingerprint : undefined;
}

/** What is remembered about this target's certificate: a loud warning when it changed, a quiet note when it is known. */
function KnownNote({ trust, label }: { trust: TargetTrust | undefined; label: string }) {
  const { t } = useTranslation('trust');
  const format = useFormat();
  if (trust?.kind !== 'undecided' && trust?.kind !== 'decided') return null;
  if (trust.changed) {
    return (
      <Alert severity="error" role="alert" data-testid="fingerprint-changed" sx={{ mt: 1, py: 0 }}>
        <Trans
          t={t}
          i18nKey="changedLogin"
          values={{ name: label, date: format.date(trust.changed.firstSeen) }}
          components={[<strong key="name" />]}
        />
      </Alert>
    );
  }
  if (trust.kind === 'decided' && trust.basis === 'known' && trust.known) {
    return (
      <Typography variant="caption" color="success.main" data-testid="fingerprint-known" sx={{ display: 'block', fontWeight: 600 }}>
        {t('known', { date: format.date(trust.known.lastSeen) })}
      </Typography>
    );
  }
  return null;
}

function TickBox({
  target,
  trust,
  tickedFor,
  onTick,
  single,
}: {
  target: FingerprintTarget;
  trust: TargetTrust | undefined;
  tickedFor: string | undefined;
  onTick(address: string, fingerprint: string | null): void;
  single: boolean;
}) {
  const shown = trust?.kind === 'undecided' || trust?.kind === 'decided' ? trust.fingerprint : undefined;
  const { t } = useTranslation('trust');
  const enabled = trust !== undefined && canTick(trust) && shown !== undefined;
  const label = single ? t('tickOne') : t('tickOf', { name: target.label });
  return (
    <FormControlLabel
      sx={{ mt: 0.5 }}
      disabled={!enabled}
      control={
        <Checkbox
          checked={enabled && tickedFor === shown}
          onChange={(event) => onTick(target.address, event.target.checked && shown ? shown : null)}
        />
      }
      label={label}
      slotProps={single ? undefined : { typography: { variant: 'caption' } }}
    />
  );
}

/**
 * SSC trust, one decision per target: each target's fingerprint from the handshake against the one the user copied
 * out of band, or the user's own tick for exactly the fingerprint shown. A target whose certificate could not be read
 * offers no tick.
 */
export function FingerprintCheck({
  targets,
  certificates,
  refetch,
  compares,
  onCompareChange,
  trusts,
  ticks,
  onTick,
}: FingerprintCheckProps) {
  const { t } = useTranslation(['trust', 'addRoute']);
  const single = targets.length === 1 ? targets[0] : undefined;
  return (
    <Box component="section" aria-labelledby="fingerprint-heading">
      <Typography id="fingerprint-heading" variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        {single ? t('addRoute:fingerprint.headingOne', { name: single.label }) : t('batchHeading')}
      </Typography>
      {single ? (
        <Stack spacing={1.5}>
          <Box>
            <LiveFingerprint
              target={single}
              certificate={certificates[single.address]}
              refetch={refetch}
              copyLabel={t('addRoute:fingerprint.copy')}
            />
            <KnownNote trust={trusts[single.address]} label={single.label} />
          </Box>
          <CompareField
            label={t('addRoute:fingerprint.compareWith')}
            live={liveFingerprint(certificates[single.address])}
            value={compares[single.address] ?? ''}
            onChange={(value) => onCompareChange(single.address, value)}
          />
          <TickBox target={single} trust={trusts[single.address]} tickedFor={ticks[single.address]} onTick={onTick} single />
        </Stack>
      ) : (
        <Table aria-label={t('addRoute:fingerprint.table')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('addRoute:fingerprint.target')}</TableCell>
              <TableCell>{t('addRoute:fingerprint.fingerprint')}</TableCell>
              <TableCell sx={{ width: '40%' }}>{t('addRoute:fingerprint.compareWith')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {targets.map((target) => (
              <TableRow key={target.address} data-testid="fingerprint-row">
                <TableCell sx={{ verticalAlign: 'top', pt: 1.5 }}>
                  {target.label}
                  <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
                    {target.address}
                  </Typography>
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top', pt: 1.5 }}>
                  <LiveFingerprint
                    target={target}
                    certificate={certificates[target.address]}
                    refetch={refetch}
                    copyLabel={t('addRoute:fingerprint.copyOf', { name: target.label })}
                  />
                  <KnownNote trust={trusts[target.address]} label={target.label} />
                </TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>
                  <CompareField
                    label={t('addRoute:fingerprint.compareWithOf', { name: target.label })}
                    hideLabel
                    live={liveFingerprint(certificates[target.address])}
                    value={compares[target.address] ?? ''}
                    onChange={(value) => onCompareChange(target.address, value)}
                  />
                  <TickBox
                    target={target}
                    trust={trusts[target.address]}
                    tickedFor={ticks[target.address]}
                    onTick={onTick}
                    single={false}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}
