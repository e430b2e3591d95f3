import type { ReactElement } from 'react';
import Badge from '@mui/material/Badge';
import { useTranslation } from '../../i18n';
import { useCertificatesOverview } from './use-certificates';

/**
 * The navigation icon with the number of certificates that expire within 30 days, have expired or cannot be read:
 * orange for warnings, red once one is within 7 days or past. The number is hidden from the link's name (which stays
 * "Certificates"); `descriptionId` carries it as the link's description.
 */
export function CertificatesNavBadge({ children, descriptionId }: { children: ReactElement; descriptionId: string }) {
  const { t } = useTranslation('certificates');
  const { data } = useCertificatesOverview();
  const count = data?.attention ?? 0;
  const urgent = data?.expiry.some((e) => e.level === 'expired' || e.level === 'critical' || e.level === 'unreadable') ?? false;
  if (count === 0) {
    return (
      <>
        {children}
        <span id={descriptionId} hidden />
      </>
    );
  }
  return (
    <>
      <Badge
        badgeContent={count}
        color={urgent ? 'error' : 'warning'}
        data-testid="certificates-badge"
        slotProps={{ badge: { 'aria-hidden': true } }}
      >
        {children}
      </Badge>
      <span id={descriptionId} hidden>
        {t('badge', { count })}
      </span>
    </>
  );
}
