import { PageLayout } from '../../app/PageLayout';

export function RoutesPage() {
  return (
    <PageLayout
      title="Routes"
      description="The ADS and Secure ADS routes of this PC, with their security mode and the result of their last verification, will be listed here."
    />
  );
}
