import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeReadStateResponse, readStateRequest } from '../../shared/protocol/ams';
import { encodeAddRouteRequest, decodeUdpMessage, interpretAddRouteReply } from '../../shared/protocol/udp48899';
import { createSelfSignedCertificate } from '../services/certificates/self-signed';
import { resolveTargetConfig, SimConfigError } from './config';
import { CERTIFICATE_CIPHERS } from './secure-ads-server';
import { adsTcpExchange, secureConnect, udpExchange } from './test-support';
import { startVirtualTargets, type VirtualTarget } from './index';

// Addresses 127.0.99.x belong to this file. The delays are lower bounds only: a timer never fires early, so these
// assertions cannot fail on a slow or busy machine; how long a fast target takes is not asserted at all.
const SLOW = '127.0.99.1';
const FAST = '127.0.99.2';
const CLIENT_NETID = '10.0.99.1.1.1';
const HANDSHAKE_MS = 300;
const ADS_MS = 200;

let targets: VirtualTarget[];

beforeAll(async () => {
  targets = await startVirtualTargets([
    { address: SLOW, name: 'SLOW-PLC', serviceTime: { handshakeMs: HANDSHAKE_MS, adsMs: ADS_MS } },
    { address: FAST, name: 'FAST-PLC' },
  ]);
});
afterAll(async () => {
  await Promise.all(targets.map((t) => t.stop()));
});

const client = createSelfSignedCertificate({ commonName: 'ADS Client' });

describe('virtual target service time (a slow PLC modelled as timers)', () => {
  it('defaults to no delay and refuses negative, fractional or absurd values with the field named', () => {
    expect(resolveTargetConfig({ address: FAST }).serviceTime).toEqual({ handshakeMs: 0, adsMs: 0 });
    expect(resolveTargetConfig({ address: FAST, serviceTime: { adsMs: 2 } }).serviceTime).toEqual({ handshakeMs: 0, adsMs: 2 });
    for (const bad of [{ handshakeMs: -1 }, { adsMs: 1.5 }, { handshakeMs: 60_001 }]) {
      expect(() => resolveTargetConfig({ address: FAST, serviceTime: bad })).toThrow(SimConfigError);
      expect(() => resolveTargetConfig({ address: FAST, serviceTime: bad })).toThrow(/serviceTime/);
    }
  });

  it('answers a Secure ADS session only after the handshake time, and each ADS request after the ADS time', async () => {
    const started = performance.now();
    const session = await secureConnect(
      { host: SLOW, port: 8016, ciphers: CERTIFICATE_CIPHERS, cert: client.certPem, key: client.keyPem },
      { netId: CLIENT_NETID, hostname: 'ENG-PC', flags: 0xf0, user: 'Administrator', password: '1' },
    );
    try {
      expect(session.response.error).toBe(0);
      expect(performance.now() - started).toBeGreaterThanOrEqual(HANDSHAKE_MS);
      const asked = performance.now();
      const [answer] = await session.request([readStateRequest({ target: `${SLOW}.1.1`, source: CLIENT_NETID, invokeId: 7 })]);
      expect(performance.now() - asked).toBeGreaterThanOrEqual(ADS_MS);
      expect(decodeReadStateResponse(answer!)).toEqual({ result: 0, adsState: 5, deviceState: 0 });
    } finally {
      session.close();
    }
  });

  it('delays the answers to plain ADS and to a UDP route add, keeping their order on one connection', async () => {
    const addStarted = performance.now();
    const reply = await udpExchange(
      SLOW,
      48899,
      encodeAddRouteRequest({
        invokeId: 3,
        senderNetId: CLIENT_NETID,
        netId: CLIENT_NETID,
        routeName: 'ENG-PC',
        address: '127.0.0.1',
        user: 'Administrator',
        password: '1',
      }),
      5000,
    );
    expect(reply).not.toBeNull();
    expect(performance.now() - addStarted).toBeGreaterThanOrEqual(ADS_MS);
    expect(interpretAddRouteReply(decodeUdpMessage(new Uint8Array(reply!))).status).toBe(0);

    const started = performance.now();
    const answers = await adsTcpExchange(
      SLOW,
      48898,
      [1, 2, 3].map((invokeId) => readStateRequest({ target: `${SLOW}.1.1`, source: CLIENT_NETID, invokeId })),
      5000,
    );
    expect(performance.now() - started).toBeGreaterThanOrEqual(ADS_MS);
    expect(answers).not.toBe('closed');
    expect((answers as Array<{ invokeId: number }>).map((a) => a.invokeId)).toEqual([1, 2, 3]);
  });
});
