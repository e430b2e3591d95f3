import Divider from '@mui/material/Divider';
import LinearProgress from '@mui/material/LinearProgress';
import { PageLayout } from '../../components/PageLayout';
import { useTranslation } from '../../i18n';
import { CaSection } from './CaSection';
import { DevicesSection } from './DevicesSection';
import { ExpirySection } from './ExpirySection';
import { IdentitySection } from './IdentitySection';
import { InspectSection } from './InspectSection';
import { KnownFingerprintsSection } from './KnownFingerprintsSection';
import { ThisPcSection } from './ThisPcSection';
import { useCertificatesOverview, useIdentity } from './use-certificates';
import { ServiceErrorAlert } from '../../components/ServiceError';
import type { IssuedDevice } from '../../../shared/ipc/channels/certificates';

/**
 * Expiry first (what needs doing), then this PC, the plant CA, device certificates, inspection, known fingerprints.
 * `onInstallOnTarget` offers each issued device's "Install on target…"; the app decides where that leads.
 */
export function CertificatesPage({ onInstallOnTarget }: { onInstallOnTarget?(device: IssuedDevice): void }) {
  const { t } = useTranslation('certificates');
  const { data: overview, error } = useCertificatesOverview();
  const identity = useIdentity();
  return (
    <PageLayout title={t('title')} description={t('description')}>
      {!overview && !error && <LinearProgress aria-label={t('loading')} sx={{ mb: 2 }} />}
      {error && <ServiceErrorAlert error={error} sx={{ mb: 2 }} />}
      {overview && <ExpirySection overview={overview} />}
      <Divider sx={{ mb: 3 }} />
      <IdentitySection />
      {overview && (
        <>
          <Divider sx={{ mb: 3 }} />
          <CaSection overview={overview} />
          <DevicesSection overview={overview} {...(onInstallOnTarget ? { onInstall: onInstallOnTarget } : {})} />
          <ThisPcSection overview={overview} hostname={identity.data?.hostname ?? ''} />
        </>
      )}
      <Divider sx={{ mb: 3 }} />
      <InspectSection />
      <Divider sx={{ mb: 3 }} />
      <KnownFingerprintsSection />
    </PageLayout>
  );
}
