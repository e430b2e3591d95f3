import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import type { CertificatesOverview } from '../../../shared/ipc/channels/certificates';
import { formatFingerprint } from '../../../shared/protocol/fingerprint';
import { useFormat, useTranslation } from '../../i18n';
import { CreateCaForm, LoadCaForm } from './CaForms';
import { CopyButton } from '../../components/CopyButton';
import { SectionHeading } from './SectionHeading';

/** The plant CA: its summary when there is one, else (or to replace it) create or load. */
export function CaSection({ overview }: { overview: CertificatesOverview }) {
  const { t } = useTranslation(['certificates', 'common']);
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const [mode, setMode] = useState<'create' | 'load'>('create');
  const [notice, setNotice] = useState<string | null>(null);
  const ca = overview.ca;
  const caExpiry = overview.expiry.find((e) => e.role === 'ca');
  const showForms = !ca || editing;
  const done = (message: string) => {
    setNotice(message);
    setEditing(false);
  };

  return (
    <Box component="section" aria-labelledby="ca-heading" sx={{ mb: 4 }}>
      <SectionHeading
        id="ca-heading"
        title={t('ca.heading')}
        description={t('ca.description')}
        actions={ca && !editing ? <Button onClick={() => setEditing(true)}>{t('ca.replace')}</Button> : undefined}
      />
      {notice && (
        <Alert severity="success" sx={{ mb: 1.5 }} onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {ca && (
        <Box
          component="dl"
          data-testid="ca-summary"
          sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, mb: 2, '& dd': { m: 0 } }}
        >
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('ca.subject')}
          </Typography>
          <Typography component="dd" variant="body2">
            {ca.certificate.subject}
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('ca.validity')}
          </Typography>
          <Typography component="dd" variant="body2">
            {t('identity.validRange', { from: format.date(ca.certificate.notBefore), to: format.date(ca.certificate.notAfter) })}
            {caExpiry?.daysLeft != null && caExpiry.daysLeft > 0 && ` (${t('expiry.days', { count: caExpiry.daysLeft })})`}
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('identity.key')}
          </Typography>
          <Typography component="dd" variant="body2">
            {t('identity.keyValue', { type: ca.certificate.keyType.toUpperCase(), bits: ca.certificate.keyBits ?? '?' })}
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('ca.fingerprint')}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ typography: 'mono' }}>
            {formatFingerprint(ca.certificate.fingerprint, 'grouped')}
            <CopyButton text={formatFingerprint(ca.certificate.fingerprint, 'upper')} label={t('identity.copy')} />
          </Typography>
          <Typography component="dt" variant="body2" color="text.secondary">
            {t('identity.file')}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ typography: 'mono', wordBreak: 'break-all' }}>
            {ca.path}
          </Typography>
        </Box>
      )}
      {!ca && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {t('ca.none')}
        </Typography>
      )}
      {showForms && (
        <Paper variant="outlined" sx={{ p: 2, maxWidth: 900 }}>
          <Tabs value={mode} onChange={(_, value: 'create' | 'load') => setMode(value)} aria-label={t('ca.heading')} sx={{ mb: 2 }}>
            <Tab value="create" label={t('ca.create')} id="ca-tab-create" aria-controls="ca-panel-create" />
            <Tab value="load" label={t('ca.load')} id="ca-tab-load" aria-controls="ca-panel-load" />
          </Tabs>
          <Box role="tabpanel" id={`ca-panel-${mode}`} aria-labelledby={`ca-tab-${mode}`}>
            {mode === 'create' ? <CreateCaForm replace={Boolean(ca)} onDone={done} /> : <LoadCaForm replace={Boolean(ca)} onDone={done} />}
          </Box>
          {ca && (
            <Button sx={{ mt: 1 }} onClick={() => setEditing(false)}>
              {t('common:cancel')}
            </Button>
          )}
        </Paper>
      )}
    </Box>
  );
}
