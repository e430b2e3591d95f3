import type { CertificateDetails, IssuedDevice } from '../../shared/ipc/channels/certificates';
import type { LocalRoute } from '../../shared/domain/route';
import type { EventOf, ResponseOf } from '../../shared/ipc/contract';
import { FakeApi } from './fake-api';
import { adapter } from './network';
import { discoveredTarget } from './targets';

/**
 * A FakeApi that answers every channel a page reads on open with data that fills every column, chip and warning:
 * the German sweep renders each page with it. Data only (names, addresses, dates); the services' English wording
 * appears where the real services send it, so the views must show it as such.
 */

export const FINGERPRINT = '3fa2c0de9b1e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c';
export const OTHER_FINGERPRINT = '9fa2c0de9b1e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c';
const CLIENT_FINGERPRINT = '7c'.repeat(32);

export const CX = discoveredTarget({ hostname: 'CX-123', address: '10.77.1.10', fingerprint: FINGERPRINT });
export const BSD = discoveredTarget({
  hostname: 'CX-BSD',
  address: '10.77.2.12',
  adapter: 'lab2',
  adapters: ['lab1', 'lab2'],
  fingerprint: OTHER_FINGERPRINT,
  twincat: { major: 3, minor: 1, build: 4026, text: '3.1.4026' },
  os: { platform: 'tcbsd', major: 14, minor: 0, build: 0, csd: '', text: 'TwinCAT/BSD 14.0' },
});
export const CE = discoveredTarget({
  hostname: 'CX-CE7',
  address: '10.77.1.9',
  secureAds: false,
  fingerprint: null,
  twincat: { major: 2, minor: 11, build: 2300, text: '2.11.2300' },
  os: { platform: 'windows-ce', major: 7, minor: 0, build: 0, csd: '', text: 'Windows CE 7.0' },
});

/** A target's self-signed certificate as the Secure ADS handshake reports it, by the name it was made for. */
export function serverCertificate(name: string, fingerprint = FINGERPRINT): ResponseOf<'secure:server-certificate'> {
  return {
    certificate: {
      fingerprint,
      subject: `CN=${name}`,
      issuer: `CN=${name}`,
      notBefore: '2026-01-01',
      notAfter: '2046-01-01',
      selfSigned: true,
    },
    cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
    handshakeMs: 8,
  };
}

export const LAB1 = adapter('lab1', '10.77.1.2');
export const LAB2 = adapter('lab2', '10.77.2.2');
export const LINK_LOCAL = adapter('eth9', '169.254.3.4', { netmask: '255.255.0.0', prefixLength: 16, linkLocal: true });

const tls = (mode: 'ssc' | 'psk' | 'ca', extra: Partial<NonNullable<LocalRoute['tls']>> = {}): LocalRoute['tls'] => ({
  mode,
  fingerprint: mode === 'ssc' ? FINGERPRINT : null,
  pskIdentity: mode === 'psk' ? 'Werk1' : null,
  ignoreCn: false,
  caFile: null,
  certFile: null,
  keyFile: null,
  ...extra,
});

export function localRoute(name: string, address: string, overrides: Partial<LocalRoute> = {}): LocalRoute {
  return {
    name,
    address,
    netId: `${address}.1.1`,
    virtualNetId: null,
    type: 'TCP_IP',
    flags: null,
    temporary: false,
    unidirectional: false,
    tls: tls('ssc'),
    createdAt: '2026-03-02T08:15:00.000Z',
    verifiedAt: '2026-03-02T08:15:01.000Z',
    ...overrides,
  };
}

export const ROUTES: LocalRoute[] = [
  localRoute('CX-123', '10.77.1.10'),
  localRoute('CX-BSD', '10.77.2.12', { tls: tls('psk'), verifiedAt: null, temporary: true }),
  localRoute('CX-CA', '10.77.2.30', {
    tls: tls('ca', { caFile: '/pki/rootCA.pem', certFile: '/pki/pc.crt', keyFile: '/pki/pc.key', ignoreCn: true }),
    unidirectional: true,
    virtualNetId: '192.168.0.30.1.1',
  }),
  localRoute('CX-CE7', '10.77.1.9', { tls: null, flags: 0 }),
];

export function certificate(commonName: string, overrides: Partial<CertificateDetails> = {}): CertificateDetails {
  return {
    subject: `CN=${commonName}, O=Werk Nord`,
    issuer: 'CN=Werk Nord CA, O=Werk Nord',
    commonName,
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    fingerprint: FINGERPRINT,
    keyType: 'RSA',
    keyBits: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    serialNumber: '01a2b3',
    selfSigned: false,
    isCa: false,
    subjectAltName: null,
    ...overrides,
  };
}

export function device(commonName: string, days: number): IssuedDevice {
  return {
    commonName,
    fileName: commonName,
    keyEncrypted: true,
    ignoreCn: false,
    installDir: 'C:\\TwinCAT\\3.1\\Target\\Certificates',
    issuedAt: '2026-01-01T00:00:00.000Z',
    folder: `/data/certificates/devices/${commonName}`,
    files: {
      ca: `/data/certificates/devices/${commonName}/rootCA.pem`,
      cert: `/data/certificates/devices/${commonName}/${commonName}.crt`,
      key: `/data/certificates/devices/${commonName}/${commonName}.key`,
    },
    certificate: certificate(commonName, { notAfter: new Date(Date.UTC(2026, 0, 1) + days * 86_400_000).toISOString() }),
  };
}

const CA = certificate('Werk Nord CA', { isCa: true, selfSigned: true, issuer: 'CN=Werk Nord CA, O=Werk Nord' });

export const LOG: Array<EventOf<'log:entry'>> = [
  { time: '2026-03-02T08:15:00.120Z', level: 'info', source: 'discovery', target: null, message: 'search started on 2 adapters' },
  {
    time: '2026-03-02T08:15:01.004Z',
    level: 'warn',
    source: 'routes',
    target: '10.77.1.9',
    message: 'plain ADS route added over UDP 48899',
  },
  {
    time: '2026-03-02T08:15:02.500Z',
    level: 'error',
    source: 'secure-ads',
    target: '10.77.2.12',
    message: 'PSK identity unknown to the target',
  },
  { time: '2026-03-02T08:15:03.000Z', level: 'debug', source: 'tls', target: '10.77.1.10', message: 'handshake 8 ms' },
];

/** Answers for every request a page makes on open; tests add the answers for what they click. */
export function sampleServices(): FakeApi {
  return new FakeApi()
    .respond('app:info', {
      name: 'ADS Route Studio',
      version: '0.1.0',
      transport: 'web',
      platform: 'linux',
      hostname: 'ENG-PC',
      startupSearch: null,
      dataDir: { path: '/home/eng/.config/ads-route-studio', kind: 'default' },
    })
    .respond('network:adapters', [LAB1, LAB2, LINK_LOCAL])
    .handle('network:resolve', ({ hosts }) => hosts.map((host) => ({ host, address: '10.77.1.10', error: null })))
    .respond('identity:get', {
      fingerprint: CLIENT_FINGERPRINT,
      subject: 'CN=ADS Route Studio ENG-PC',
      notAfter: '2061-01-01T00:00:00.000Z',
      localNetId: '10.77.1.2.1.1',
      localNetIdConfigured: false,
      adapterNetIds: [
        { adapter: 'lab1', address: '10.77.1.2', netId: '10.77.1.2.1.1' },
        { adapter: 'lab2', address: '10.77.2.2', netId: '10.77.2.2.1.1' },
      ],
      hostname: 'ENG-PC',
    })
    .respond('routes:list', ROUTES)
    .respond('known-fingerprints:list', [
      {
        netId: CX.netId,
        address: CX.address,
        fingerprint: FINGERPRINT,
        firstSeen: '2026-03-02T08:15:01.000Z',
        lastSeen: '2026-03-02T08:15:01.000Z',
      },
      {
        netId: BSD.netId,
        address: BSD.address,
        fingerprint: FINGERPRINT,
        firstSeen: '2026-02-01T10:00:00.000Z',
        lastSeen: '2026-02-01T10:00:00.000Z',
      },
    ])
    .respond('log:recent', LOG)
    .respond('certificates:overview', {
      ca: { certificate: CA, path: '/data/certificates/ca/rootCA.pem' },
      thisPc: device('ENG-PC', 300),
      devices: [device('CX-123', 5), device('CX-BSD', 20)],
      expiry: [
        {
          role: 'device',
          name: 'CX-123',
          path: '/data/certificates/devices/CX-123/CX-123.crt',
          subject: 'CN=CX-123',
          notAfter: '2026-01-06T00:00:00.000Z',
          daysLeft: 5,
          level: 'critical',
          fingerprint: FINGERPRINT,
          problem: null,
        },
        {
          role: 'device',
          name: 'CX-BSD',
          path: '/data/certificates/devices/CX-BSD/CX-BSD.crt',
          subject: 'CN=CX-BSD',
          notAfter: '2026-01-21T00:00:00.000Z',
          daysLeft: 20,
          level: 'warning',
          fingerprint: FINGERPRINT,
          problem: null,
        },
        {
          role: 'ca',
          name: 'Werk Nord CA',
          path: '/data/certificates/ca/rootCA.pem',
          subject: 'CN=Werk Nord CA',
          notAfter: '2036-01-01T00:00:00.000Z',
          daysLeft: 3650,
          level: 'ok',
          fingerprint: FINGERPRINT,
          problem: null,
        },
        {
          role: 'route-cert',
          name: 'CX-CA',
          path: '/pki/pc.crt',
          subject: null,
          notAfter: null,
          daysLeft: null,
          level: 'unreadable',
          fingerprint: null,
          problem: 'ENOENT: no such file or directory',
        },
      ],
      attention: 2,
    })
    .respond('certificates:identity', {
      certificate: certificate('ENG-PC', { selfSigned: true, issuer: 'CN=ENG-PC', fingerprint: CLIENT_FINGERPRINT }),
      certPath: '/data/client-certificate.pem',
      hostname: 'ENG-PC',
      twincat: { status: 'no-twincat', searched: ['C:\\TwinCAT\\3.1\\Target\\Certificates'] },
    })
    .respond('discovery:start', { searchId: 's1' })
    .respond('discovery:cancel', { cancelled: true })
    .respond('discovery:estimate', { addresses: 65_534, estimatedMs: 660_000 });
}
