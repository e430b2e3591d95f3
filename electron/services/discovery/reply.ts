import {
  RESPONSE_BIT,
  UdpService,
  interpretDiscoveryReply,
  tryDecodeUdpMessage,
  type DiscoveryInfo,
} from '../../../shared/protocol/udp48899';
import type { DiscoveredTarget } from '../../../shared/domain/target';

/** Everything in a discovery reply that describes the system, before we know which search path it came in on. */
export type ReplyFacts = Pick<DiscoveredTarget, 'hostname' | 'netId' | 'twincat' | 'os' | 'fingerprint' | 'secureAds'>;

export type ReplyVerdict = { ok: true; facts: ReplyFacts } | { ok: false; reason: string };

/**
 * Other tools' requests (bit 31 clear), add-route replies and garbage share the port; they are
 * rejected with a reason for the debug log, never thrown.
 */
export function readDiscoveryReply(datagram: Uint8Array): ReplyVerdict {
  const decoded = tryDecodeUdpMessage(datagram);
  if (!decoded.ok) return { ok: false, reason: decoded.error.message };
  const message = decoded.message;
  if (!message.response || message.service !== UdpService.Discovery) {
    const service = (message.service | (message.response ? RESPONSE_BIT : 0)) >>> 0;
    return { ok: false, reason: `service 0x${service.toString(16).padStart(8, '0')} is not a discovery reply` };
  }
  let info: DiscoveryInfo;
  try {
    info = interpretDiscoveryReply(message);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, facts: toFacts(info) };
}

function toFacts(info: DiscoveryInfo): ReplyFacts {
  const os = info.os;
  return {
    hostname: info.hostname,
    netId: info.netId,
    twincat: info.twincat
      ? { major: info.twincat.major, minor: info.twincat.minor, build: info.twincat.build, text: info.twincat.text }
      : null,
    os: os ? { platform: os.platform, major: os.major, minor: os.minor, build: os.build, csd: os.csd, text: os.text } : null,
    fingerprint: info.fingerprint,
    secureAds: info.fingerprint !== null,
  };
}
