import { describe, expect, it } from 'vitest';
import type { KnownFingerprint } from '../../../shared/domain/known-fingerprint';
import { canTick, trustOf } from './trust-decisions';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const target = { address: '10.0.0.5', netId: '5.1.2.3.1.1' };
const ok = (fingerprint: string) => ({ status: 'ok' as const, fingerprint, subject: 'CN=x', handshakeMs: 1 });
const knownA: KnownFingerprint = {
  netId: target.netId,
  address: target.address,
  fingerprint: A,
  firstSeen: '2026-01-02T00:00:00.000Z',
  lastSeen: '2026-01-03T00:00:00.000Z',
};

describe('trustOf: one decision per target', () => {
  it('waits for the certificate, and an unreadable one can neither be decided nor ticked', () => {
    expect(trustOf(target, undefined, A, A, [])).toEqual({ kind: 'waiting' });
    const unreadable = trustOf(target, { status: 'error', message: 'refused' }, A, A, [knownA]);
    expect(unreadable).toEqual({ kind: 'unreadable' });
    expect(canTick(unreadable)).toBe(false);
  });

  it('a green compare decides with the live fingerprint', () => {
    expect(trustOf(target, ok(A), A.toUpperCase(), undefined, [])).toMatchObject({ kind: 'decided', fingerprint: A, basis: 'compared' });
    expect(trustOf(target, ok(A), B, undefined, [])).toMatchObject({ kind: 'undecided' });
  });

  it('a tick decides only for the fingerprint it was given for', () => {
    expect(trustOf(target, ok(A), '', A, [])).toMatchObject({ kind: 'decided', fingerprint: A, basis: 'out-of-band' });
    expect(trustOf(target, ok(B), '', A, [])).toMatchObject({ kind: 'undecided', fingerprint: B });
  });

  it('the remembered fingerprint decides only when the handshake shows exactly it; a changed one is flagged and never decides by itself', () => {
    expect(trustOf(target, ok(A), '', undefined, [knownA])).toMatchObject({ kind: 'decided', basis: 'known', known: knownA });
    const changed = trustOf(target, ok(B), '', undefined, [knownA]);
    expect(changed).toEqual({ kind: 'undecided', fingerprint: B, changed: knownA });
    // The user may still decide for the new one, and the warning stays attached.
    expect(trustOf(target, ok(B), B, undefined, [knownA])).toMatchObject({ kind: 'decided', basis: 'compared', changed: knownA });
    // Another NetId's memory says nothing about this target.
    expect(trustOf({ ...target, netId: '9.9.9.9.1.1' }, ok(B), '', undefined, [knownA])).toEqual({
      kind: 'undecided',
      fingerprint: B,
      changed: null,
    });
  });
});
