import { describe, expect, it } from 'vitest';
import { routeSettingsSchema, type RouteCredentials } from '../../../shared/domain/route';
import { TlsConnectFlag } from '../../../shared/protocol/tls-connect-info';
import { RouteFailure } from '../ads/route-failure';
import { connectInfoFor, localRouteRecord, planRoute, verifyConnectInfo } from './route-plan';

const FP = 'ab'.repeat(32);
const os: RouteCredentials = { kind: 'os', user: 'Administrator', password: 'pw' };
const local = { netId: '10.0.0.1.1.1', hostname: 'ENG-PC' };
const settings = (over: Record<string, unknown>) =>
  routeSettingsSchema.parse({
    routeName: 'CX-1',
    netId: '5.1.2.3.1.1',
    address: '10.0.0.5',
    remoteRouteName: 'ENGINEERING-LAPTOP',
    security: 'ssc',
    ...over,
  });

function failureOf(run: () => unknown): RouteFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof RouteFailure) return error;
  }
  throw new Error('expected a RouteFailure');
}

describe('planRoute', () => {
  it('SSC pins exactly the given fingerprint (any notation) and keeps how the user trusted it', () => {
    const plan = planRoute({ settings: settings({}), expectedFingerprint: FP.toUpperCase(), fingerprintBasis: 'out-of-band' }, os);
    expect(plan.trust).toEqual({ kind: 'pinned', fingerprint: FP, basis: 'out-of-band' });
    expect(plan.addRemote).toBe(true);
  });

  it('SSC without a fingerprint has no plan: fingerprint-unverified, never "accept any"', () => {
    expect(
      failureOf(() => planRoute({ settings: settings({}), expectedFingerprint: null, fingerprintBasis: 'out-of-band' }, os)).code,
    ).toBe('fingerprint-unverified');
  });

  it('checks that the credentials fit the mode', () => {
    const psk: RouteCredentials = { kind: 'psk', identity: 'ID', password: 'x' };
    expect(
      failureOf(() => planRoute({ settings: settings({ security: 'psk' }), expectedFingerprint: null, fingerprintBasis: 'compared' }, os))
        .code,
    ).toBe('invalid-input');
    expect(
      planRoute({ settings: settings({ security: 'psk' }), expectedFingerprint: null, fingerprintBasis: 'compared' }, psk).trust,
    ).toEqual({ kind: 'psk' });
    // Without a remote route, SSC and plain need no login at all.
    expect(() =>
      planRoute({ settings: settings({ remoteRoute: 'none' }), expectedFingerprint: FP, fingerprintBasis: 'compared' }, psk),
    ).not.toThrow();
  });

  it('plain ADS sends the UDP route add only with an OS login and a remote route', () => {
    expect(
      planRoute({ settings: settings({ security: 'none' }), expectedFingerprint: null, fingerprintBasis: 'compared' }, os),
    ).toMatchObject({ trust: { kind: 'plain' }, addRemoteOverUdp: true });
    expect(
      planRoute(
        { settings: settings({ security: 'none', remoteRoute: 'none' }), expectedFingerprint: null, fingerprintBasis: 'compared' },
        os,
      ).addRemoteOverUdp,
    ).toBe(false);
  });
});

describe('connect-info flags', () => {
  it('an SSC route add carries AddRemote|SelfSigned|IgnoreCn|IpAddr, the remote route name (31 chars) and the login', () => {
    const info = connectInfoFor(planRoute({ settings: settings({}), expectedFingerprint: FP, fingerprintBasis: 'compared' }, os), local);
    expect(info.flags).toBe(TlsConnectFlag.AddRemote | TlsConnectFlag.SelfSigned | TlsConnectFlag.IgnoreCn | TlsConnectFlag.IpAddr);
    expect(info).toMatchObject({ hostname: 'ENGINEERING-LAPTOP', user: 'Administrator', password: 'pw' });
    const long = connectInfoFor(
      planRoute(
        {
          settings: settings({ remoteRouteName: 'X'.repeat(40), address: 'cx-1.plant' }),
          expectedFingerprint: FP,
          fingerprintBasis: 'compared',
        },
        os,
      ),
      local,
    );
    expect(long.hostname).toHaveLength(31);
    expect(long.flags & TlsConnectFlag.IpAddr).toBe(0);
  });

  it('PSK, CA, an SSC without remote route and the verify connection never carry a login', () => {
    const noRemote = connectInfoFor(
      planRoute({ settings: settings({ remoteRoute: 'none' }), expectedFingerprint: FP, fingerprintBasis: 'compared' }, os),
      local,
    );
    expect(noRemote).toEqual({ flags: TlsConnectFlag.SelfSigned, ...local });
    const psk = connectInfoFor(
      planRoute(
        { settings: settings({ security: 'psk' }), expectedFingerprint: null, fingerprintBasis: 'compared' },
        { kind: 'psk', identity: 'I', password: 'p' },
      ),
      local,
    );
    expect(psk).toEqual({ flags: 0, ...local });
    expect(verifyConnectInfo(local)).toEqual({ flags: TlsConnectFlag.SelfSigned, ...local });
  });
});

describe('localRouteRecord', () => {
  it('records the SSC fingerprint the handshake showed, and nothing when the user asked for no local route', () => {
    const plan = planRoute({ settings: settings({ targetRoute: 'temporary' }), expectedFingerprint: FP, fingerprintBasis: 'compared' }, os);
    expect(localRouteRecord(plan, FP, new Date('2026-01-01T00:00:00Z'))).toMatchObject({
      name: 'CX-1',
      temporary: true,
      tls: { mode: 'ssc', fingerprint: FP },
      createdAt: '2026-01-01T00:00:00.000Z',
      verifiedAt: null,
    });
    const none = planRoute({ settings: settings({ targetRoute: 'none' }), expectedFingerprint: FP, fingerprintBasis: 'compared' }, os);
    expect(localRouteRecord(none, FP, new Date())).toBeNull();
    const plain = planRoute({ settings: settings({ security: 'none' }), expectedFingerprint: null, fingerprintBasis: 'compared' }, os);
    expect(localRouteRecord(plain, null, new Date())?.tls).toBeNull();
  });
});
