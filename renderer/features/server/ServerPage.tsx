import { PageLayout } from '../../components/PageLayout';

export function ServerPage() {
  return (
    <PageLayout
      title="Secure ADS server"
      description="The Secure ADS server settings of a target (TLS on TCP 8016, accepted key methods, plain ADS on or off) will be shown and edited here."
    />
  );
}
