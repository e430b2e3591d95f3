import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

/**
 * The subnet-directed broadcast address of the interface that owns `address` (10.88.0.2/24 → 10.88.0.255), or null
 * for loopback, /31–/32 and addresses no interface has. Linux delivers such a broadcast only to sockets bound to it
 * (or to 0.0.0.0), so a target bound to one address must also bind this one to hear it, as TwinCAT does.
 */
export function subnetBroadcastOf(address: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): string | null {
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.family !== 'IPv4' || entry.address !== address) continue;
      if (entry.internal) return null;
      const ip = toInt(entry.address);
      const mask = toInt(entry.netmask);
      if (ip === null || mask === null || ~mask >>> 0 < 3) return null;
      return fromInt((ip | ~mask) >>> 0);
    }
  }
  return null;
}

function toInt(text: string): number | null {
  const parts = text.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function fromInt(value: number): string {
  return [value >>> 24, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff].join('.');
}
