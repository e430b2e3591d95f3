/** IPv4 arithmetic on dotted quads; pure, so both the renderer (validation) and the services use it. */

export function isIpv4(text: string): boolean {
  const parts = text.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

export function ipv4ToInt(address: string): number {
  if (!isIpv4(address)) throw new RangeError(`Not an IPv4 address: ${address}`);
  return address.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

export function intToIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

export function prefixLength(netmask: string): number {
  let mask = ipv4ToInt(netmask);
  let bits = 0;
  while (mask & 0x80000000) {
    bits++;
    mask = (mask << 1) >>> 0;
  }
  return bits;
}

export function broadcastAddress(address: string, netmask: string): string {
  const mask = ipv4ToInt(netmask);
  return intToIpv4((ipv4ToInt(address) | ~mask) >>> 0);
}

export function isLinkLocal(address: string): boolean {
  return address.startsWith('169.254.');
}

export function isLoopback(address: string): boolean {
  return address.startsWith('127.');
}
