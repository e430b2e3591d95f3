import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import RefreshIcon from '@mui/icons-material/Refresh';
import { PageLayout } from '../../components/PageLayout';
import { useRequest } from '../../api/use-request';
import { AdaptersTable } from './AdaptersTable';
import { ClientIdentitySection } from './ClientIdentitySection';
import { DataFolderSection } from './DataFolderSection';
import { LanguageSection } from './LanguageSection';
import { useTranslation } from '../../i18n';
import { ServiceErrorAlert } from '../../components/ServiceError';

function NetworkAdaptersSection() {
  const { t } = useTranslation('settings');
  const { data, error, loading, reload } = useRequest('network:adapters', {});
  return (
    <Box component="section" aria-labelledby="adapters-heading">
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 1 }}>
        <Typography variant="h2" component="h2" id="adapters-heading">
          {t('adapters.heading')}
        </Typography>
        <Button startIcon={<RefreshIcon />} onClick={reload} disabled={loading}>
          {t('adapters.refresh')}
        </Button>
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('adapters.description')}
      </Typography>
      {loading && <LinearProgress aria-label={t('adapters.loading')} sx={{ mb: 1 }} />}
      {error && <ServiceErrorAlert error={error} sx={{ mb: 1 }} />}
      {data && <AdaptersTable adapters={data} />}
    </Box>
  );
}

export function SettingsPage() {
  const { t } = useTranslation('settings');
  return (
    <PageLayout title={t('title')} description={t('description')}>
      <LanguageSection />
      <ClientIdentitySection />
      <NetworkAdaptersSection />
      <DataFolderSection />
    </PageLayout>
  );
}
