import { describe, expect, it } from 'vitest';
import { forgeAnchorCopy, makeCa, makeLeaf, testKey } from '../../certificates/testing/forged-certificates';
import { RouteFailure } from '../route-failure';
import { serverTrustHook, type ServerTrust, type TrustOutcome } from './server-trust';

const caKey = testKey();
const leafKey = testKey();
const ca = makeCa('Plant Root CA', caKey);
const good = makeLeaf('CX-PLANT', leafKey, ca);
const DAY = 86_400_000;

function judge(trust: ServerTrust, chain: Uint8Array[]): { error: RouteFailure | null; outcome: TrustOutcome } {
  const outcome: TrustOutcome = { fingerprint: null, commonName: null };
  try {
    serverTrustHook(trust, outcome)(chain);
    return { error: null, outcome };
  } catch (error) {
    if (!(error instanceof RouteFailure)) throw error;
    return { error, outcome };
  }
}

const caTrust = (extra: Partial<Extract<ServerTrust, { kind: 'ca' }>> = {}): ServerTrust => ({
  kind: 'ca',
  caPem: [ca.certPem],
  routeName: 'CX-PLANT',
  ignoreCn: false,
  ...extra,
});

describe('serverTrustHook in shared-CA mode', () => {
  it('accepts the CA-issued leaf with the route name as CN and records its CN', () => {
    expect(judge(caTrust(), [good.certDer])).toMatchObject({ error: null, outcome: { commonName: 'CX-PLANT' } });
  });

  it('maps every chain failure to cert-untrusted (expiry to cert-expired) and a wrong CN to cn-mismatch', () => {
    expect(judge(caTrust(), [forgeAnchorCopy(ca, 'CX-PLANT', testKey()).certDer]).error?.code).toBe('cert-untrusted');
    expect(judge(caTrust(), [makeLeaf('CX-PLANT', leafKey, ca, { hash: 'sha1' }).certDer]).error?.code).toBe('cert-untrusted');
    expect(judge(caTrust(), [makeLeaf('CX-PLANT', leafKey, ca, { extKeyUsage: { clientAuth: true } }).certDer]).error?.code).toBe(
      'cert-untrusted',
    );
    const expired = makeLeaf('CX-PLANT', leafKey, ca, { notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) });
    expect(judge(caTrust(), [expired.certDer]).error?.code).toBe('cert-expired');
    expect(judge(caTrust({ routeName: 'OTHER' }), [good.certDer]).error).toMatchObject({ code: 'cn-mismatch' });
    expect(judge(caTrust({ routeName: 'OTHER', ignoreCn: true }), [good.certDer]).error).toBeNull();
  });

  it('fails closed without CA certificates', () => {
    expect(judge(caTrust({ caPem: [] }), [good.certDer]).error?.code).toBe('cert-untrusted');
  });
});

describe('serverTrustHook without a certificate check (PSK)', () => {
  it('refuses any certificate that arrives, so a certificate suite can never run unchecked', () => {
    const { error, outcome } = judge({ kind: 'none' }, [good.certDer]);
    expect(error?.code).toBe('cert-untrusted');
    expect(outcome.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });
});
