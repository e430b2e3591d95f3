import { PageLayout } from '../../components/PageLayout';

export function CertificatesPage() {
  return (
    <PageLayout
      title="Certificates"
      description="This PC's client certificate, trusted fingerprints and CA files for Secure ADS will be created, imported and inspected here."
    />
  );
}
