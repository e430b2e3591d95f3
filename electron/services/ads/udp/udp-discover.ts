import { encodeDiscoveryRequest, interpretDiscoveryReply, UdpService, type DiscoveryInfo } from '../../../../shared/protocol/udp48899';
import { udpExchange } from './udp-exchange';

/** Asks one host who it is (UDP 48899 service 1, unicast): NetId, host name, versions, unauthenticated fingerprint. */
export async function discoverHost(options: {
  host: string;
  port?: number;
  localNetId: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<DiscoveryInfo> {
  const reply = await udpExchange({
    host: options.host,
    port: options.port,
    payload: encodeDiscoveryRequest({ netId: options.localNetId }),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    accept: (m) => {
      if (!m.response || m.service !== UdpService.Discovery) return false;
      try {
        interpretDiscoveryReply(m);
        return true;
      } catch {
        return false;
      }
    },
  });
  return interpretDiscoveryReply(reply);
}
