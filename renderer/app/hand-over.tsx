import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { IssuedDevice } from '../../shared/ipc/channels/certificates';
import { CertificatesPage } from '../features/certificates/CertificatesPage';
import type { CaHandOver } from '../features/server/HandOverBanner';
import { ServerPage } from '../features/server/ServerPage';
import { useHashRoute } from './use-hash-route';

/**
 * Features never import each other: a device certificate the Certificates page hands to the Secure ADS server page
 * waits here, in memory only (no paths in the address bar, never a password), until the server page takes it.
 */
const HandOverContext = createContext<{ pending: CaHandOver | null; setPending(handOver: CaHandOver | null): void }>({
  pending: null,
  setPending: () => undefined,
});

export function HandOverProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<CaHandOver | null>(null);
  const value = useMemo(() => ({ pending, setPending }), [pending]);
  return <HandOverContext.Provider value={value}>{children}</HandOverContext.Provider>;
}

export function handOverOf(device: IssuedDevice): CaHandOver {
  return { name: device.commonName, ...device.files, ignoreCn: device.ignoreCn, keyEncrypted: device.keyEncrypted };
}

/** The Certificates page whose "Install on target…" opens the server page with that device's files. */
export function CertificatesWithInstall() {
  const { setPending } = useContext(HandOverContext);
  const { navigate } = useHashRoute();
  return (
    <CertificatesPage
      onInstallOnTarget={(device) => {
        setPending(handOverOf(device));
        navigate('/server');
      }}
    />
  );
}

/** The server page, given what was handed over; taken once, so coming back to the page later starts clean. */
export function ServerWithHandOver() {
  const { pending, setPending } = useContext(HandOverContext);
  useEffect(() => setPending(null), [setPending]);
  // The page keeps the first value it was given; the null that follows the taking changes nothing there.
  return <ServerPage handOver={pending} />;
}
