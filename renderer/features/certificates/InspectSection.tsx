import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { useApi } from '../../api/ApiProvider';
import { PathField } from '../../components/PathField';
import { useFormat, useTranslation } from '../../i18n';
import type { certificates as CERTIFICATES_EN } from '../../i18n/locales/en/certificates';
import { CopyButton } from '../../components/CopyButton';
import { SectionHeading } from './SectionHeading';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IpcError } from '../../../shared/ipc/result';

type ChainReasons = (typeof CERTIFICATES_EN)['inspect']['chainReason'];

/** Any certificate file in plain words, and whether it chains to a chosen CA. */
export function InspectSection() {
  const { t, i18n } = useTranslation(['certificates', 'common']);
  const chainReason = (reason: string) =>
    i18n.exists(`certificates:inspect.chainReason.${reason}`)
      ? t(`inspect.chainReason.${reason as keyof ChainReasons}`)
      : t('inspect.chainReason.other');
  const format = useFormat();
  const api = useApi();
  const [path, setPath] = useState('');
  const [caPath, setCaPath] = useState('');
  const [result, setResult] = useState<ResponseOf<'certificates:inspect'> | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const answer = await api.invoke('certificates:inspect', { path: path.trim(), ...(caPath.trim() ? { caPath: caPath.trim() } : {}) });
    setBusy(false);
    if (answer.ok) setResult(answer.data);
    else {
      setResult(null);
      setError(answer.error);
    }
  };

  const leaf = result?.certificates[0];
  const rows: Array<[string, string]> = leaf
    ? [
        [t('inspect.subject'), leaf.subject],
        [t('inspect.issuer'), leaf.issuer],
        [t('inspect.validity'), t('identity.validRange', { from: format.dateTime(leaf.notBefore), to: format.dateTime(leaf.notAfter) })],
        [t('inspect.key'), t('identity.keyValue', { type: leaf.keyType.toUpperCase(), bits: leaf.keyBits ?? '?' })],
        [t('inspect.signature'), leaf.signatureAlgorithm],
        [t('inspect.selfSigned'), leaf.selfSigned ? t('common:yes') : t('common:no')],
        [t('inspect.isCa'), leaf.isCa ? t('common:yes') : t('common:no')],
      ]
    : [];

  return (
    <Box component="section" aria-labelledby="inspect-heading" sx={{ mb: 4 }}>
      <SectionHeading id="inspect-heading" title={t('inspect.heading')} description={t('inspect.description')} />
      <Stack
        component="form"
        spacing={2}
        sx={{ maxWidth: 900 }}
        aria-label={t('inspect.heading')}
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim()) void submit();
        }}
      >
        <PathField label={t('inspect.file')} value={path} onChange={setPath} accept=".pem,.der,.crt,.cer" />
        <PathField label={t('inspect.ca')} value={caPath} onChange={setCaPath} required={false} accept=".pem,.der,.crt,.cer" />
        <div>
          <Button type="submit" variant="outlined" disabled={!path.trim() || busy}>
            {t('inspect.submit')}
          </Button>
        </div>
      </Stack>
      {error && <ServiceErrorAlert error={error} sx={{ mt: 2 }} />}
      {leaf && result && (
        <Box data-testid="inspect-result" sx={{ mt: 2 }}>
          <Box
            component="dl"
            sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, '& dd': { m: 0 } }}
          >
            {rows.map(([label, value]) => (
              <Box key={label} sx={{ display: 'contents' }}>
                <Typography component="dt" variant="body2" color="text.secondary">
                  {label}
                </Typography>
                <Typography component="dd" variant="body2">
                  {value}
                </Typography>
              </Box>
            ))}
            <Typography component="dt" variant="body2" color="text.secondary">
              {t('inspect.fingerprint')}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ typography: 'mono' }}>
              {formatFingerprint(leaf.fingerprint, 'grouped')}
              <CopyButton text={formatFingerprint(leaf.fingerprint, 'upper')} label={t('identity.copy')} />
            </Typography>
          </Box>
          {result.certificates.length > 1 && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              {t('inspect.more', { count: result.certificates.length - 1 })}
            </Typography>
          )}
          {result.chainsToCa && (
            <Alert severity={result.chainsToCa.ok ? 'success' : 'error'} sx={{ mt: 1.5 }} data-testid="inspect-chain">
              <strong>{t('inspect.chain')}: </strong>
              {result.chainsToCa.ok ? (
                t('inspect.chainOk')
              ) : (
                <>
                  {t('inspect.chainFailed', { reason: chainReason(result.chainsToCa.reason) })}{' '}
                  <span lang="en">({result.chainsToCa.message})</span>
                </>
              )}
            </Alert>
          )}
        </Box>
      )}
    </Box>
  );
}
