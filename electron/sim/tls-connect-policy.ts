import { isIPv4 } from 'node:net';
import { TlsConnectError, TlsConnectFlag, type TlsConnectInfo } from '../../shared/protocol/tls-connect-info';
import { describeCertificate } from '../services/certificates/inspect';
import { verifyChain } from '../services/certificates/verify-chain';
import type { VirtualTargetConfig } from './config';
import { credentialsMatch } from './credentials';
import type { RouteTable, SimRoute } from './route-table';

export interface TlsPeer {
  /** 'psk' when a PSK suite was negotiated, else a certificate suite. */
  suite: 'psk' | 'certificate';
  pskIdentity?: string;
  /** Client certificate chain as sent, leaf first (empty when the client sent none). */
  chainDer: Uint8Array[];
  /** SHA-256 of the leaf, lower-case hex. */
  fingerprint?: string;
  ip: string;
}

export type TlsConnectDecision = { error: 0; route: SimRoute | null; message: string } | { error: number; reason: string; message: string };

/**
 * What the target answers to a client's TlsConnectInfo:
 * SSC route add (AddRemote + credentials), SSC follow-up (SelfSigned, known fingerprint),
 * CA (chain + CN), PSK (identity already proven by the handshake).
 */
export function decideTlsConnect(info: TlsConnectInfo, peer: TlsPeer, config: VirtualTargetConfig, routes: RouteTable): TlsConnectDecision {
  const who = `"${info.hostname}" (${info.netId})`;
  if (info.version !== 1) {
    return {
      error: TlsConnectError.Version,
      reason: 'version',
      message: `${who}: TlsConnectInfo version ${info.version} is not supported`,
    };
  }
  if (peer.suite === 'psk') {
    // Which address a PSK route stores is not public; the peer IP is the one that certainly reaches back.
    return {
      error: 0,
      route: makeRoute(info, peer.ip, config, { mode: 'psk', ...(peer.pskIdentity ? { pskIdentity: peer.pskIdentity } : {}) }),
      message: `${who}: PSK connection accepted (identity ${peer.pskIdentity ?? '?'})`,
    };
  }
  const fingerprint = peer.fingerprint;
  if (!fingerprint) {
    return { error: TlsConnectError.UnknownCert, reason: 'no-client-certificate', message: `${who}: no client certificate presented` };
  }
  if (info.flags & TlsConnectFlag.AddRemote) {
    if (info.user === undefined || info.password === undefined) {
      return { error: TlsConnectError.UnknownUser, reason: 'no-credentials', message: `${who}: route add without user name and password` };
    }
    if (!credentialsMatch(config, info.user, info.password)) {
      return {
        error: TlsConnectError.UnknownUser,
        reason: 'wrong-credentials',
        message: `${who}: route add refused: wrong user name or password`,
      };
    }
    const address = info.flags & TlsConnectFlag.IpAddr ? peer.ip : info.hostname;
    return {
      error: 0,
      route: makeRoute(info, address, config, { mode: 'ssc', fingerprint }),
      message: `${who}: self-signed route added for certificate ${fingerprint}`,
    };
  }
  if (info.flags & TlsConnectFlag.SelfSigned) {
    const known = routes.findByFingerprint(fingerprint);
    if (!known) {
      return {
        error: TlsConnectError.UnknownCert,
        reason: 'unknown-certificate',
        message: `${who}: certificate ${fingerprint} belongs to no route`,
      };
    }
    return { error: 0, route: null, message: `${who}: self-signed connection accepted (route "${known.name}")` };
  }
  if (!config.ca) {
    return {
      error: TlsConnectError.UnknownCert,
      reason: 'no-ca-configured',
      message: `${who}: CA connection refused: no CA configured on this target`,
    };
  }
  // The same verifier the client uses for servers, judging the peer as a TLS client.
  const verdict = verifyChain(peer.chainDer, [config.ca.caPem], new Date(), 'tls-client');
  if (!verdict.ok) {
    return {
      error: TlsConnectError.UnknownCert,
      reason: `chain-${verdict.reason}`,
      message: `${who}: client certificate refused: ${verdict.message}`,
    };
  }
  const ignoreCn = config.ca.ignoreCn || (config.quirks.honorClientIgnoreCn && (info.flags & TlsConnectFlag.IgnoreCn) !== 0);
  const leaf = peer.chainDer[0];
  const commonName = leaf ? describeCertificate(leaf).commonName : null;
  if (!ignoreCn && (commonName ?? '').toLowerCase() !== info.hostname.toLowerCase()) {
    return {
      error: TlsConnectError.CnMismatch,
      reason: 'cn-mismatch',
      message: `${who}: certificate CN "${commonName ?? ''}" does not match the host name`,
    };
  }
  return { error: 0, route: makeRoute(info, peer.ip, config, { mode: 'ca', fingerprint }), message: `${who}: CA connection accepted` };
}

function makeRoute(info: TlsConnectInfo, address: string, config: VirtualTargetConfig, tls: SimRoute['tls']): SimRoute {
  return {
    name: info.hostname,
    address,
    netId: info.netId,
    type: 'TCP_IP',
    flags: isIPv4(address) ? config.quirks.routeFlagsIp : config.quirks.routeFlagsHostName,
    temporary: false,
    ...(tls ? { tls } : {}),
  };
}
