import { useEffect, useState } from 'react';
import { useFormat, useTranslation } from '../../i18n';
import { sweepEtaMs } from './big-range';

/** ", about 4 s left" after the progress text of a running sweep; re-read every second so it counts down. */
export function SearchEta({
  progress,
  startedAt,
  perHostWindowMs,
}: {
  progress: { sent: number; total: number };
  startedAt: number;
  perHostWindowMs: number;
}) {
  const { t } = useTranslation('bigRange');
  const format = useFormat();
  // Read on a one-second tick, not while rendering: the first estimate shows after a second of sweeping.
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (now === null) return null;
  const eta = sweepEtaMs(progress, now - startedAt, perHostWindowMs);
  if (eta === null) return null;
  return <>{`, ${t('eta', { duration: format.duration(Math.ceil(eta / 1000) * 1000) })}`}</>;
}
