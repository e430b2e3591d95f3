import { describe, expect, it } from 'vitest';
import { forgeAnchorCopy, makeCa, makeCertificate, makeLeaf, testKey, type TestCertificate } from './testing/forged-certificates';
import { verifyChain } from './verify-chain';

// A handful of keys serve every certificate: RSA key generation is the slow part.
const caKey = testKey();
const serverKey = testKey();
const attackerKey = testKey();
const ca = makeCa('Plant Root CA', caKey);
const server = makeLeaf('CX-PLANT', serverKey, ca);
const DAY = 86_400_000;

function verdict(chain: TestCertificate[], purpose: 'tls-server' | 'tls-client' = 'tls-server', anchors: TestCertificate[] = [ca]) {
  return verifyChain(
    chain.map((c) => c.certDer),
    anchors.map((a) => a.certPem),
    new Date(),
    purpose,
  );
}

describe('verifyChain: what a shared-CA peer must prove', () => {
  it('accepts a leaf issued by the CA, with or without the CA repeated in the chain, for both roles', () => {
    expect(verdict([server])).toEqual({ ok: true });
    expect(verdict([server, ca])).toEqual({ ok: true });
    expect(verdict([server], 'tls-client')).toEqual({ ok: true });
  });

  it('refuses a forged anchor: the CA serial, issuer and signature copied onto another key and CN', () => {
    const forged = forgeAnchorCopy(ca, 'CX-PLANT', attackerKey);
    expect(forged.cert.serialNumber).toBe(ca.cert.serialNumber);
    expect(forged.cert.signature).toBe(ca.cert.signature);
    expect(verdict([forged])).toMatchObject({ ok: false, reason: 'bad-signature' });
    // A leaf the forged "CA" signed, with the forgery sent along as its issuer.
    const child = makeLeaf('CX-PLANT', serverKey, forged);
    expect(verdict([child, forged])).toMatchObject({ ok: false });
  });

  it('refuses a leaf signed by a certificate that is not a CA, even one the CA issued', () => {
    const notCa = makeLeaf('ordinary device', attackerKey, ca);
    const child = makeLeaf('CX-PLANT', serverKey, notCa);
    expect(verdict([child, notCa])).toMatchObject({ ok: false, reason: 'not-a-ca' });
    const noBasicConstraints = makeCertificate({ cn: 'no constraints', key: attackerKey, issuer: ca });
    expect(verdict([makeLeaf('CX-PLANT', serverKey, noBasicConstraints), noBasicConstraints])).toMatchObject({
      ok: false,
      reason: 'not-a-ca',
    });
  });

  it('refuses an intermediate CA without keyCertSign, and one beyond its issuer pathLen', () => {
    const noCertSign = makeCa('no cert sign', attackerKey, { issuer: ca, keyUsage: { digitalSignature: true } });
    expect(verdict([makeLeaf('CX-PLANT', serverKey, noCertSign), noCertSign])).toMatchObject({ ok: false, reason: 'not-a-ca' });

    const rootNoDepth = makeCa('Root pathLen 0', caKey, { pathLength: 0 });
    const intermediate = makeCa('Intermediate', attackerKey, { issuer: rootNoDepth });
    const leaf = makeLeaf('CX-PLANT', serverKey, intermediate);
    expect(verdict([leaf, intermediate], 'tls-server', [rootNoDepth])).toMatchObject({ ok: false, reason: 'path-length' });
    const rootOneDeep = makeCa('Root pathLen 1', caKey, { pathLength: 1 });
    const allowed = makeCa('Intermediate', attackerKey, { issuer: rootOneDeep });
    expect(verdict([makeLeaf('CX-PLANT', serverKey, allowed), allowed], 'tls-server', [rootOneDeep])).toEqual({ ok: true });
  });

  it('refuses an expired or not-yet-valid leaf and an expired CA', () => {
    const expired = makeLeaf('CX-PLANT', serverKey, ca, {
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    expect(verdict([expired])).toMatchObject({ ok: false, reason: 'expired' });
    const future = makeLeaf('CX-PLANT', serverKey, ca, {
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 30 * DAY),
    });
    expect(verdict([future])).toMatchObject({ ok: false, reason: 'not-yet-valid' });
    const oldCa = makeCa('Old CA', caKey, { notBefore: new Date(Date.now() - 30 * DAY), notAfter: new Date(Date.now() - DAY) });
    expect(verdict([makeLeaf('CX-PLANT', serverKey, oldCa)], 'tls-server', [oldCa])).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses SHA-1 and MD5 signatures on the leaf and on an intermediate', () => {
    expect(verdict([makeLeaf('CX-PLANT', serverKey, ca, { hash: 'sha1' })])).toMatchObject({
      ok: false,
      reason: 'weak-signature',
      message: expect.stringContaining('SHA-1'),
    });
    expect(verdict([makeLeaf('CX-PLANT', serverKey, ca, { hash: 'md5' })])).toMatchObject({
      ok: false,
      reason: 'weak-signature',
      message: expect.stringContaining('MD5'),
    });
    const sha1Intermediate = makeCa('SHA-1 intermediate', attackerKey, { issuer: ca, hash: 'sha1' });
    expect(verdict([makeLeaf('CX-PLANT', serverKey, sha1Intermediate), sha1Intermediate])).toMatchObject({
      ok: false,
      reason: 'weak-signature',
    });
  });

  it('checks the leaf purpose: a client-only certificate cannot serve, a server-only one cannot log in, keyUsage must allow signing', () => {
    const clientOnly = makeLeaf('CX-PLANT', serverKey, ca, { extKeyUsage: { clientAuth: true } });
    expect(verdict([clientOnly])).toMatchObject({ ok: false, reason: 'wrong-usage' });
    expect(verdict([clientOnly], 'tls-client')).toEqual({ ok: true });
    const serverOnly = makeLeaf('CX-PLANT', serverKey, ca, { extKeyUsage: { serverAuth: true } });
    expect(verdict([serverOnly], 'tls-client')).toMatchObject({ ok: false, reason: 'wrong-usage' });
    const encipherOnly = makeLeaf('CX-PLANT', serverKey, ca, { keyUsage: { keyEncipherment: true } });
    expect(verdict([encipherOnly])).toMatchObject({ ok: false, reason: 'wrong-usage' });
    // Without keyUsage and extendedKeyUsage a certificate is good for anything (RFC 5280).
    expect(verdict([makeCertificate({ cn: 'CX-PLANT', key: serverKey, issuer: ca })])).toEqual({ ok: true });
  });

  it('does not let a CA copy in the chain, another CA of the same name, or a missing CA file decide', () => {
    const impostorCa = makeCa('Plant Root CA', attackerKey);
    const impostorLeaf = makeLeaf('CX-PLANT', serverKey, impostorCa);
    expect(verdict([impostorLeaf, impostorCa])).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyChain([server.certDer], [])).toMatchObject({ ok: false, reason: 'untrusted' });
  });
});
