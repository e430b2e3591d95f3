import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { NetworkAdapter } from '../../../shared/domain/network';
import { broadcastAddress, isLinkLocal, prefixLength } from '../../../shared/domain/ipv4';

type InterfaceMap = NodeJS.Dict<NetworkInterfaceInfo[]>;

/** This PC's IPv4 adapters, one entry per address (an adapter with two addresses appears twice). */
export function listAdapters(
  options: { includeLoopback?: boolean } = {},
  source: () => InterfaceMap = networkInterfaces,
): NetworkAdapter[] {
  const adapters: NetworkAdapter[] = [];
  for (const [name, infos] of Object.entries(source())) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4') continue;
      if (info.internal && !options.includeLoopback) continue;
      adapters.push({
        name,
        address: info.address,
        netmask: info.netmask,
        broadcast: broadcastAddress(info.address, info.netmask),
        prefixLength: prefixLength(info.netmask),
        mac: info.mac,
        linkLocal: isLinkLocal(info.address),
        loopback: info.internal,
        // Node lists only configured interfaces; one listed with an address is administratively up.
        up: true,
      });
    }
  }
  return adapters.sort((a, b) => a.name.localeCompare(b.name) || compareIpv4(a.address, b.address));
}

function compareIpv4(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if (pa[i] !== pb[i]) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}
