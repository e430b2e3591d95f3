import { describe, expect, it } from 'vitest';
import { TlsConnectError, TlsConnectFlag, type TlsConnectInfo } from '../../shared/protocol/tls-connect-info';
import { forgeAnchorCopy, makeCa, makeLeaf, testKey, type TestCertificate } from '../services/certificates/testing/forged-certificates';
import { resolveTargetConfig } from './config';
import { RouteTable } from './route-table';
import { decideTlsConnect } from './tls-connect-policy';

// The target's CA-mode check of a client certificate: the same verifier as the client's, judging a TLS client.
const caKey = testKey();
const clientKey = testKey();
const attackerKey = testKey();
const ca = makeCa('Plant Root CA', caKey);
const targetLeaf = makeLeaf('CX-TARGET', testKey(), ca);
const config = resolveTargetConfig({
  name: 'CX-TARGET',
  address: '127.0.0.2',
  ca: { caPem: ca.certPem, certPem: targetLeaf.certPem, keyPem: targetLeaf.keyPem },
});
const DAY = 86_400_000;

function connectInfo(hostname = 'ENG-PC'): TlsConnectInfo {
  return { length: 64, flags: TlsConnectFlag.AmsAllowed, version: 1, error: 0, netId: '10.0.0.7.1.1', hostname };
}

function decide(chain: TestCertificate[], hostname?: string) {
  return decideTlsConnect(
    connectInfo(hostname),
    { suite: 'certificate', chainDer: chain.map((c) => c.certDer), fingerprint: 'aa'.repeat(32), ip: '127.0.0.1' },
    config,
    new RouteTable(),
  );
}

describe('virtual target: CA-mode client certificate', () => {
  it('accepts a client certificate the CA issued for this host name', () => {
    expect(decide([makeLeaf('ENG-PC', clientKey, ca)])).toMatchObject({ error: 0 });
  });

  it('refuses a forged anchor copy, a non-CA issuer, an expired or SHA-1 certificate with UnknownCert', () => {
    const forged = forgeAnchorCopy(ca, 'ENG-PC', attackerKey);
    const notCa = makeLeaf('ordinary', attackerKey, ca);
    const cases: Array<[string, TestCertificate[]]> = [
      ['chain-bad-signature', [forged]],
      ['chain-not-a-ca', [makeLeaf('ENG-PC', clientKey, notCa), notCa]],
      [
        'chain-expired',
        [makeLeaf('ENG-PC', clientKey, ca, { notBefore: new Date(Date.now() - 10 * DAY), notAfter: new Date(Date.now() - DAY) })],
      ],
      ['chain-weak-signature', [makeLeaf('ENG-PC', clientKey, ca, { hash: 'sha1' })]],
    ];
    for (const [reason, chain] of cases) expect(decide(chain), reason).toMatchObject({ error: TlsConnectError.UnknownCert, reason });
  });

  it('refuses a certificate meant only for servers, and a CN that is not the host name', () => {
    expect(decide([makeLeaf('ENG-PC', clientKey, ca, { extKeyUsage: { serverAuth: true } })])).toMatchObject({
      error: TlsConnectError.UnknownCert,
      reason: 'chain-wrong-usage',
    });
    expect(decide([makeLeaf('OTHER-PC', clientKey, ca)])).toMatchObject({ error: TlsConnectError.CnMismatch, reason: 'cn-mismatch' });
  });
});
