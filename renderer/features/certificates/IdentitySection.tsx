import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { useFormat, useTranslation } from '../../i18n';
import { CopyButton } from '../../components/CopyButton';
import { ExportIdentityDialog, RegenerateDialog } from './IdentityDialogs';
import { SectionHeading } from './SectionHeading';
import { useIdentity } from './use-certificates';
import { ServiceErrorAlert } from '../../components/ServiceError';

/** This PC's client certificate, as "About TwinCAT" shows a system's own: fingerprint first, large, with copy. */
export function IdentitySection() {
  const { t } = useTranslation('certificates');
  const format = useFormat();
  const { data, error, loading } = useIdentity();
  const [dialog, setDialog] = useState<'export' | 'regenerate' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const cert = data?.certificate;
  const twincat = data?.twincat;

  return (
    <Box component="section" aria-labelledby="identity-heading" sx={{ mb: 4 }}>
      <SectionHeading id="identity-heading" title={t('identity.heading')} description={t('identity.description')} />
      {loading && !data && <LinearProgress aria-label={t('loading')} />}
      {error && <ServiceErrorAlert error={error} />}
      {data && cert && (
        <Stack spacing={1.5} sx={{ maxWidth: 900 }}>
          <Box>
            <Typography variant="caption" color="text.secondary" component="div" id="identity-fingerprint-label">
              {t('identity.fingerprint')}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography
                component="div"
                aria-labelledby="identity-fingerprint-label"
                data-testid="identity-fingerprint"
                sx={{ typography: 'mono', fontSize: '1.35rem', fontWeight: 500, letterSpacing: '0.02em', wordBreak: 'break-word' }}
              >
                {formatFingerprint(cert.fingerprint, 'grouped')}
              </Typography>
              <CopyButton text={formatFingerprint(cert.fingerprint, 'upper')} label={t('identity.copyLabel')} size="medium" />
            </Stack>
          </Box>
          <Box
            component="dl"
            sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, '& dd': { m: 0 } }}
          >
            <Typography component="dt" variant="body2" color="text.secondary">
              {t('identity.subject')}
            </Typography>
            <Typography component="dd" variant="body2">
              {cert.subject}
            </Typography>
            <Typography component="dt" variant="body2" color="text.secondary">
              {t('identity.validity')}
            </Typography>
            <Typography component="dd" variant="body2">
              {t('identity.validRange', { from: format.date(cert.notBefore), to: format.date(cert.notAfter) })}
            </Typography>
            <Typography component="dt" variant="body2" color="text.secondary">
              {t('identity.key')}
            </Typography>
            <Typography component="dd" variant="body2">
              {t('identity.keyValue', { type: cert.keyType.toUpperCase(), bits: cert.keyBits ?? '?' })}
            </Typography>
            <Typography component="dt" variant="body2" color="text.secondary">
              {t('identity.file')}
            </Typography>
            <Typography component="dd" variant="body2" sx={{ typography: 'mono', wordBreak: 'break-all' }}>
              {data.certPath}
            </Typography>
          </Box>
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" onClick={() => setDialog('export')}>
              {t('identity.export')}
            </Button>
            <Button
              variant="outlined"
              color="warning"
              // The light theme's warning colour is too pale for text on white; its dark shade keeps AA contrast.
              sx={(theme) =>
                theme.palette.mode === 'light' ? { color: theme.palette.warning.dark, borderColor: theme.palette.warning.dark } : {}
              }
              onClick={() => setDialog('regenerate')}
            >
              {t('identity.regenerate')}
            </Button>
          </Stack>
          {notice && (
            <Alert severity="success" onClose={() => setNotice(null)}>
              {notice}
            </Alert>
          )}
          {twincat && (
            <Box sx={{ pt: 1 }}>
              <Typography variant="h3" component="h3" sx={{ fontSize: '1rem', fontWeight: 600, mb: 0.5 }}>
                {t('identity.twincatHeading')}
              </Typography>
              {twincat.status === 'found' ? (
                <>
                  <Typography variant="body2" color="text.secondary">
                    {t('identity.twincatFound', { path: twincat.path })}
                  </Typography>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Typography component="div" data-testid="twincat-fingerprint" sx={{ typography: 'mono', fontSize: '1.1rem' }}>
                      {formatFingerprint(twincat.certificate.fingerprint, 'grouped')}
                    </Typography>
                    <CopyButton text={formatFingerprint(twincat.certificate.fingerprint, 'upper')} label={t('identity.twincatCopy')} />
                  </Stack>
                </>
              ) : twincat.status === 'unreadable' ? (
                <Alert severity="warning">{t('identity.twincatUnreadable', { path: twincat.path, reason: twincat.reason })}</Alert>
              ) : (
                <Typography variant="body2" color="text.secondary">
                  {t('identity.twincatNone', { folders: twincat.searched.join(', ') })}
                </Typography>
              )}
            </Box>
          )}
        </Stack>
      )}
      {dialog === 'export' && (
        <ExportIdentityDialog
          onClose={(message) => {
            setDialog(null);
            if (message) setNotice(message);
          }}
        />
      )}
      {dialog === 'regenerate' && (
        <RegenerateDialog
          onClose={(message) => {
            setDialog(null);
            if (message) setNotice(message);
          }}
        />
      )}
    </Box>
  );
}
