import type { NetworkAdapter } from '../../../shared/domain/network';

export interface EmptySearchFacts {
  adapters: readonly NetworkAdapter[];
  hostCount: number;
  rangeAddressCount: number;
  unresolvedHosts: number;
  udpPort: number;
  /** Addresses the total timeout left unasked. */
  unsweptAddresses: number;
}

/**
 * Why a search found nothing, in the order commissioning engineers hit the causes:
 * nothing chosen, no DHCP lease, firewall or mode on the target, broadcast not crossing subnets.
 */
export function emptySearchHint(facts: EmptySearchFacts): string {
  const port = `UDP ${facts.udpPort}`;
  if (facts.adapters.length === 0 && facts.hostCount === 0 && facts.rangeAddressCount === 0) {
    return 'No network adapter was chosen: pick an adapter for a broadcast search, or enter a host name, IP address or range.';
  }
  const parts: string[] = [];
  const linkLocal = facts.adapters.filter((a) => a.linkLocal);
  if (linkLocal.length > 0) {
    const names = linkLocal.map((a) => `${a.name} (${a.address})`).join(', ');
    parts.push(
      `${names} ${linkLocal.length === 1 ? 'has a link-local address' : 'have link-local addresses'}, so no DHCP server answered: ` +
        "give the adapter a fixed address in the machine network's subnet (a CX on a direct cable often waits for DHCP).",
    );
  }
  if (
    facts.unresolvedHosts > 0 &&
    facts.unresolvedHosts === facts.hostCount &&
    facts.adapters.length === 0 &&
    facts.rangeAddressCount === 0
  ) {
    parts.push('No host name could be resolved: check the spelling or search by IP address.');
    return parts.join(' ');
  }
  if (facts.adapters.length > 0) {
    parts.push(
      `No TwinCAT system answered on ${port}. Targets answer only in Config or Run mode, and a firewall on the target may block ` +
        `${port} (TwinCAT/BSD lets only Secure ADS in by default). A broadcast does not cross routers, VPNs or port forwards: ` +
        'for a target in another subnet, search by host name, IP address or range.',
    );
  } else {
    parts.push(
      `No target answered on ${port}: TwinCAT may not be running (Config or Run mode needed), or a firewall on the target ` +
        'or on the way blocks the port (TwinCAT/BSD lets only Secure ADS in by default).',
    );
  }
  if (facts.unsweptAddresses > 0) parts.push(sweepCutHint(facts.unsweptAddresses));
  return parts.join(' ');
}

export function sweepCutHint(unswept: number): string {
  return `The timeout ended the sweep with ${unswept.toLocaleString('en-US')} addresses not asked: allow more time.`;
}

/** What "search everywhere" means: real adapters with a usable address (loopback has no TwinCAT, link-local rarely). */
export function defaultSearchAdapters(adapters: readonly NetworkAdapter[]): NetworkAdapter[] {
  return adapters.filter((a) => a.up && !a.loopback && !a.linkLocal);
}
