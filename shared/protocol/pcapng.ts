import { ProtocolError } from './errors';

/** A small pcapng reader for the captures in shared/vectors: enough blocks to pull out UDP datagrams. */

export const LinkType = { Ethernet: 1, Raw: 101, LinuxSll: 113, Ipv4: 228 } as const;

const BLOCK_SHB = 0x0a0d0d0a;
const BLOCK_IDB = 0x00000001;
const BLOCK_PB = 0x00000002;
const BLOCK_SPB = 0x00000003;
const BLOCK_EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

export interface PcapngPacket {
  /** 1-based, counted over packet blocks, so it matches Wireshark's frame number. */
  frame: number;
  linkType: number;
  interfaceId: number;
  originalLength: number;
  data: Uint8Array;
}

export function readPcapng(bytes: Uint8Array): PcapngPacket[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || view.getUint32(0, true) !== BLOCK_SHB) {
    throw new ProtocolError('bad-magic', 'not a pcapng file: no Section Header Block at offset 0');
  }
  const packets: PcapngPacket[] = [];
  let littleEndian = true;
  let linkTypes: number[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (bytes.length - offset < 12) {
      throw new ProtocolError('truncated', `pcapng block at offset ${offset} is cut off (${bytes.length - offset} bytes left)`);
    }
    // The SHB type reads the same in both byte orders; its magic decides how this section is read.
    if (view.getUint32(offset, true) === BLOCK_SHB) {
      const magic = view.getUint32(offset + 8, true);
      if (magic === BYTE_ORDER_MAGIC) littleEndian = true;
      else if (magic === 0x4d3c2b1a) littleEndian = false;
      else throw new ProtocolError('bad-magic', `pcapng section at offset ${offset} has byte-order magic 0x${magic.toString(16)}`);
      linkTypes = [];
    }
    const type = view.getUint32(offset, littleEndian);
    const total = view.getUint32(offset + 4, littleEndian);
    if (total < 12 || total % 4 !== 0) {
      throw new ProtocolError('bad-field', `pcapng block at offset ${offset} has invalid length ${total}`);
    }
    if (total > bytes.length - offset) {
      throw new ProtocolError(
        'truncated',
        `pcapng block at offset ${offset} claims ${total} bytes but only ${bytes.length - offset} remain`,
      );
    }
    if (view.getUint32(offset + total - 4, littleEndian) !== total) {
      throw new ProtocolError('bad-field', `pcapng block at offset ${offset}: trailing length does not match ${total}`);
    }
    const body = offset + 8;
    const bodyLength = total - 12;
    const need = (n: number): void => {
      if (bodyLength < n) throw new ProtocolError('truncated', `pcapng block type ${type} at offset ${offset} is too short for its fields`);
    };
    if (type === BLOCK_IDB) {
      need(8);
      linkTypes.push(view.getUint16(body, littleEndian));
    } else if (type === BLOCK_EPB || type === BLOCK_PB) {
      need(20);
      const interfaceId = type === BLOCK_EPB ? view.getUint32(body, littleEndian) : view.getUint16(body, littleEndian);
      const captured = view.getUint32(body + 12, littleEndian);
      const originalLength = view.getUint32(body + 16, littleEndian);
      if (captured > bodyLength - 20) {
        throw new ProtocolError(
          'truncated',
          `pcapng packet at offset ${offset} claims ${captured} captured bytes, block holds ${bodyLength - 20}`,
        );
      }
      packets.push(packet(packets.length + 1, interfaceId, linkTypes, originalLength, bytes.slice(body + 20, body + 20 + captured)));
    } else if (type === BLOCK_SPB) {
      need(4);
      const originalLength = view.getUint32(body, littleEndian);
      const captured = Math.min(originalLength, bodyLength - 4);
      packets.push(packet(packets.length + 1, 0, linkTypes, originalLength, bytes.slice(body + 4, body + 4 + captured)));
    }
    offset += total;
  }
  return packets;
}

function packet(frame: number, interfaceId: number, linkTypes: number[], originalLength: number, data: Uint8Array): PcapngPacket {
  const linkType = linkTypes[interfaceId];
  if (linkType === undefined) {
    throw new ProtocolError('bad-field', `pcapng frame ${frame} refers to interface ${interfaceId}, which was never described`);
  }
  return { frame, linkType, interfaceId, originalLength, data };
}

export interface UdpPayload {
  srcIp: string;
  dstIp: string;
  srcPort: number;
  dstPort: number;
  payload: Uint8Array;
  frame: number;
}

/**
 * Every complete IPv4/UDP datagram in the capture (optionally only those to or from `port`). Packets that are
 * not IPv4/UDP, are IP fragments, or were cut by the snap length are skipped: they are not errors of the file.
 */
export function extractUdpPayloads(bytes: Uint8Array, port?: number): UdpPayload[] {
  const out: UdpPayload[] = [];
  for (const p of readPcapng(bytes)) {
    const ipOffset = ipv4Offset(p.linkType, p.data);
    if (ipOffset === null) continue;
    const udp = parseIpv4Udp(p.data.subarray(ipOffset));
    if (!udp) continue;
    if (port !== undefined && udp.srcPort !== port && udp.dstPort !== port) continue;
    out.push({ ...udp, frame: p.frame });
  }
  return out;
}

function ipv4Offset(linkType: number, data: Uint8Array): number | null {
  const u16be = (at: number): number => (data[at]! << 8) | data[at + 1]!;
  if (linkType === LinkType.Ethernet) {
    let at = 12;
    if (data.length < at + 2) return null;
    let etherType = u16be(at);
    // 802.1Q / 802.1ad tags, possibly stacked.
    while ((etherType === 0x8100 || etherType === 0x88a8) && data.length >= at + 6) {
      at += 4;
      etherType = u16be(at);
    }
    return etherType === 0x0800 ? at + 2 : null;
  }
  if (linkType === LinkType.LinuxSll) return data.length >= 16 && u16be(14) === 0x0800 ? 16 : null;
  if (linkType === LinkType.Raw || linkType === LinkType.Ipv4) return data.length > 0 && data[0]! >> 4 === 4 ? 0 : null;
  return null;
}

function parseIpv4Udp(ip: Uint8Array): Omit<UdpPayload, 'frame'> | null {
  if (ip.length < 20 || ip[0]! >> 4 !== 4) return null;
  const headerLength = (ip[0]! & 0x0f) * 4;
  const totalLength = (ip[2]! << 8) | ip[3]!;
  const fragment = ((ip[6]! << 8) | ip[7]!) & 0x3fff; // MF flag + offset
  if (headerLength < 20 || ip[9] !== 17 || fragment !== 0) return null;
  if (totalLength < headerLength + 8 || totalLength > ip.length) return null;
  const udp = ip.subarray(headerLength, totalLength);
  const udpLength = (udp[4]! << 8) | udp[5]!;
  if (udpLength < 8 || udpLength > udp.length) return null;
  return {
    srcIp: Array.from(ip.subarray(12, 16)).join('.'),
    dstIp: Array.from(ip.subarray(16, 20)).join('.'),
    srcPort: (udp[0]! << 8) | udp[1]!,
    dstPort: (udp[2]! << 8) | udp[3]!,
    payload: udp.slice(8, udpLength),
  };
}
