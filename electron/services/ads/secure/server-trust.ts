import { fingerprintsEqual, formatFingerprint } from '../../../../shared/protocol/fingerprint';
import { describeCertificate, fingerprintOfCertificate, verifyChain } from '../../certificates/index';
import { RouteFailure } from '../route-failure';

/**
 * How the server's certificate is judged, decided before the TLS handshake may carry any credential. A session
 * (anything that sends a TlsConnectInfo) always has one of these: a pinned fingerprint, a CA, or PSK's none.
 */
export type ServerTrust =
  | { kind: 'fingerprint'; expected: string }
  | { kind: 'ca'; caPem: string[]; routeName: string; ignoreCn: boolean; now?: Date }
  /** PSK only: the shared key authenticates the server, which sends no certificate; one that arrives is refused. */
  | { kind: 'none' };

/**
 * Only for showing a target's certificate (the dialog's compare, `adsroute probe`): the handshake completes with a
 * throwaway client certificate and the caller hangs up without writing anything. Session options do not accept it.
 */
export interface InspectOnly {
  kind: 'inspect-only';
}

export interface TrustOutcome {
  /** SHA-256 of the leaf DER, lower-case hex; null when the server sent no certificate (PSK). */
  fingerprint: string | null;
  commonName: string | null;
}

/**
 * Builds the engine's verifyServer hook. It throws RouteFailure on any doubt; the engine then aborts with an alert,
 * so the TlsConnectInfo (with user and password) is never written.
 */
export function serverTrustHook(trust: ServerTrust | InspectOnly, outcome: TrustOutcome): (chainDer: Uint8Array[]) => void {
  return (chainDer) => {
    const leaf = chainDer[0];
    outcome.fingerprint = leaf ? fingerprintOfCertificate(leaf) : null;
    outcome.commonName = null;
    if (trust.kind === 'none') {
      // A certificate suite under "no check" would trust anyone: fail closed instead.
      throw new RouteFailure(
        'cert-untrusted',
        'the target presented a certificate, but no certificate check was configured for this connection',
        'choose how to verify the target (fingerprint or shared CA)',
      );
    }
    if (!leaf)
      throw new RouteFailure(
        'cert-untrusted',
        'the target sent no certificate',
        'check that the target runs Secure ADS with a certificate',
      );
    if (trust.kind === 'inspect-only') return;
    if (trust.kind === 'fingerprint') {
      if (!fingerprintsEqual(outcome.fingerprint ?? '', trust.expected)) {
        throw new RouteFailure(
          'fingerprint-mismatch',
          `fingerprint differs: the target presented ${formatFingerprint(outcome.fingerprint ?? '', 'grouped')}, expected ${formatFingerprint(trust.expected, 'grouped')}`,
          'stop unless you know why (certificate renewed? wrong target?): compare with "About TwinCAT" on the target',
        );
      }
      return;
    }
    checkCaChain(chainDer, trust, outcome);
  };
}

function checkCaChain(chainDer: Uint8Array[], trust: Extract<ServerTrust, { kind: 'ca' }>, outcome: TrustOutcome): void {
  const verdict = verifyChain(chainDer, trust.caPem, trust.now);
  if (!verdict.ok) {
    if (verdict.reason === 'expired' || verdict.reason === 'not-yet-valid') {
      throw new RouteFailure(
        'cert-expired',
        `the target's certificate is not valid now: ${verdict.message}`,
        'renew the target certificate with your CA, or check the clocks of this PC and the target',
      );
    }
    throw new RouteFailure(
      'cert-untrusted',
      `the target's certificate is not trusted by the configured CA: ${verdict.message}`,
      'select the CA that issued the target certificate, or issue the target certificate with this CA',
    );
  }
  const leaf = chainDer[0] as Uint8Array;
  const cn = describeCertificate(leaf).commonName;
  outcome.commonName = cn;
  if (!trust.ignoreCn && cn !== trust.routeName) {
    throw new RouteFailure(
      'cn-mismatch',
      `certificate CN '${cn ?? ''}' differs from route name '${trust.routeName}'`,
      `use IgnoreCn or rename the route to '${cn ?? ''}'`,
    );
  }
}
