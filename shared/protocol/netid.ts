import { ProtocolError } from './errors';

/** AMS NetIds: six dotted bytes ("192.168.1.10.1.1"), stored on the wire in the same order. */

const NETID_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function parseNetId(text: string): Uint8Array {
  const match = NETID_PATTERN.exec(text.trim());
  const parts = match ? match.slice(1).map(Number) : [];
  if (parts.length !== 6 || parts.some((p) => p > 255)) {
    throw new ProtocolError('bad-netid', `"${text.slice(0, 40)}" is not an AMS NetId (six numbers 0-255 separated by dots)`);
  }
  return Uint8Array.from(parts);
}

export function formatNetId(bytes: Uint8Array): string {
  if (bytes.length !== 6) throw new ProtocolError('bad-netid', `an AMS NetId has 6 bytes, got ${bytes.length}`);
  return Array.from(bytes).join('.');
}

export function isNetId(text: string): boolean {
  const match = NETID_PATTERN.exec(text.trim());
  return !!match && match.slice(1).every((p) => Number(p) <= 255);
}
