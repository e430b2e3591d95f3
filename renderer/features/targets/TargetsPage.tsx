import { PageLayout } from '../../app/PageLayout';

/** Placeholder: the discovery engineer replaces this page with the search and the list of found systems. */
export function TargetsPage() {
  return <PageLayout title="Targets" description="Search the connected networks for TwinCAT systems and add routes to them." />;
}
