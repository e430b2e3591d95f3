import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import { useApi } from '../../api/ApiProvider';

export type LiveCertificate =
  | { status: 'loading' }
  | { status: 'ok'; fingerprint: string; subject: string; handshakeMs: number }
  | { status: 'error'; message: string };

function toLive(result: IpcResult<ResponseOf<'secure:server-certificate'>>): LiveCertificate {
  if (!result.ok) return { status: 'error', message: result.error.message };
  const { certificate, handshakeMs } = result.data;
  return { status: 'ok', fingerprint: certificate.fingerprint, subject: certificate.subject, handshakeMs };
}

/**
 * The certificate each target presents in a real TLS handshake (no credentials sent), fetched when the login step
 * opens: that, not the unauthenticated discovery value, is what the user compares.
 */
export function useLiveCertificates(addresses: readonly string[]): {
  certificates: Record<string, LiveCertificate>;
  refetch(address: string): void;
} {
  const api = useApi();
  const [certificates, setCertificates] = useState<Record<string, LiveCertificate>>(() =>
    Object.fromEntries(addresses.map((address) => [address, { status: 'loading' }])),
  );
  const key = JSON.stringify(addresses);

  const fetchOne = useCallback(
    (address: string, isCurrent: () => boolean) => {
      void api.invoke('secure:server-certificate', { address }).then((result) => {
        if (isCurrent()) setCertificates((all) => ({ ...all, [address]: toLive(result) }));
      });
    },
    [api],
  );

  useEffect(() => {
    let current = true;
    for (const address of JSON.parse(key) as string[]) fetchOne(address, () => current);
    return () => {
      current = false;
    };
  }, [fetchOne, key]);

  const refetch = useCallback(
    (address: string) => {
      setCertificates((all) => ({ ...all, [address]: { status: 'loading' } }));
      fetchOne(address, () => true);
    },
    [fetchOne],
  );
  return { certificates, refetch };
}
