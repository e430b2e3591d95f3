import { describe, expect, it } from 'vitest';
import type { LocalRoute } from '../../../shared/domain/route';
import { preselectMethod } from './method-preselection';
import { discovered, FINGERPRINT } from './test-fixtures';

function route(netId: string, address: string, tls: LocalRoute['tls'], verifiedAt: string | null = null): LocalRoute {
  return {
    name: `R-${address}`,
    address,
    netId,
    virtualNetId: null,
    type: 'TCP_IP',
    flags: null,
    temporary: false,
    unidirectional: false,
    tls,
    createdAt: '2026-11-01T08:00:00.000Z',
    verifiedAt,
  };
}
const tlsOf = (mode: 'ssc' | 'psk' | 'ca', pskIdentity: string | null = null): LocalRoute['tls'] => ({
  mode,
  fingerprint: null,
  pskIdentity,
  ignoreCn: false,
  caFile: null,
  certFile: null,
  keyFile: null,
});

const bsd = discovered('TCBSD-PSK', '10.77.1.30');
const cx = discovered('CX-1', '10.77.1.31');

describe('which Secure ADS method the dialog preselects', () => {
  it('the method of an earlier route to the same NetId, with when it was verified and its PSK identity', () => {
    const result = preselectMethod([bsd], [route(bsd.netId, '10.77.9.9', tlsOf('psk', 'SERVICE'), '2026-11-20T10:00:00.000Z')]);
    expect(result).toEqual({
      kind: 'known',
      method: 'psk',
      all: false,
      evidence: { method: 'psk', verifiedAt: '2026-11-20T10:00:00.000Z', createdAt: '2026-11-01T08:00:00.000Z', pskIdentity: 'SERVICE' },
    });
  });

  it('falls back to the address when the NetId is not known, and ignores plain routes', () => {
    expect(preselectMethod([bsd], [route('1.2.3.4.1.1', bsd.address, tlsOf('ca'))])).toMatchObject({ kind: 'known', method: 'ca' });
    expect(preselectMethod([bsd], [route(bsd.netId, bsd.address, null)])).toEqual({ kind: 'default', method: 'ssc' });
  });

  it('a fingerprint remembered after a verified self-signed route counts, even when the route is gone', () => {
    const known = [{ netId: cx.netId, address: cx.address, fingerprint: FINGERPRINT, firstSeen: '2026-10-01', lastSeen: '2026-11-02' }];
    expect(preselectMethod([cx], [], known)).toMatchObject({ kind: 'known', method: 'ssc', evidence: { verifiedAt: '2026-11-02' } });
  });

  it('a batch gets a preselection only when every Secure ADS target accepted the same method', () => {
    const bsdRoute = route(bsd.netId, bsd.address, tlsOf('psk'));
    expect(preselectMethod([bsd, cx], [bsdRoute])).toEqual({ kind: 'default', method: 'ssc' });
    expect(preselectMethod([bsd, cx], [bsdRoute, route(cx.netId, cx.address, tlsOf('ssc'))])).toEqual({ kind: 'default', method: 'ssc' });
    expect(preselectMethod([bsd, cx], [bsdRoute, route(cx.netId, cx.address, tlsOf('psk'))])).toMatchObject({
      kind: 'known',
      method: 'psk',
      all: true,
    });
    // A target without Secure ADS has no say in the method.
    const plain = discovered('PLC', '10.77.1.32', { secureAds: false, fingerprint: null });
    expect(preselectMethod([bsd, plain], [bsdRoute])).toMatchObject({ kind: 'known', method: 'psk', all: false });
  });
});
