import type { MacHash, PrfHash } from './crypto-primitives';

export type KeyExchange = 'dhe' | 'ecdhe' | 'psk';

export interface CipherSuite {
  readonly id: number;
  /** OpenSSL name, the one users and logs know. */
  readonly name: string;
  readonly keyExchange: KeyExchange;
  readonly cipher: 'cbc' | 'gcm';
  readonly keyLength: 16 | 32;
  /** HMAC for CBC suites; null for AEAD. */
  readonly mac: MacHash | null;
  readonly prfHash: PrfHash;
}

const suite = (
  id: number,
  name: string,
  keyExchange: KeyExchange,
  cipher: 'cbc' | 'gcm',
  keyLength: 16 | 32,
  mac: MacHash | null,
  prfHash: PrfHash,
): CipherSuite => ({ id, name, keyExchange, cipher, keyLength, mac, prfHash });

// Offer order is preference order: GCM/ECDHE first in case a newer target takes it, then the
// DHE-RSA-CBC suites Beckhoff documents for TwinCAT 4024.
const ECDHE_SUITES: readonly CipherSuite[] = [
  suite(0xc02f, 'ECDHE-RSA-AES128-GCM-SHA256', 'ecdhe', 'gcm', 16, null, 'sha256'),
  suite(0xc030, 'ECDHE-RSA-AES256-GCM-SHA384', 'ecdhe', 'gcm', 32, null, 'sha384'),
];

const DHE_SUITES: readonly CipherSuite[] = [
  suite(0x006b, 'DHE-RSA-AES256-SHA256', 'dhe', 'cbc', 32, 'sha256', 'sha256'),
  suite(0x0067, 'DHE-RSA-AES128-SHA256', 'dhe', 'cbc', 16, 'sha256', 'sha256'),
  suite(0x0039, 'DHE-RSA-AES256-SHA', 'dhe', 'cbc', 32, 'sha1', 'sha256'),
  suite(0x0033, 'DHE-RSA-AES128-SHA', 'dhe', 'cbc', 16, 'sha1', 'sha256'),
];

const PSK_SUITES: readonly CipherSuite[] = [
  suite(0x00af, 'PSK-AES256-CBC-SHA384', 'psk', 'cbc', 32, 'sha384', 'sha384'),
  suite(0x00ae, 'PSK-AES128-CBC-SHA256', 'psk', 'cbc', 16, 'sha256', 'sha256'),
  suite(0x008d, 'PSK-AES256-CBC-SHA', 'psk', 'cbc', 32, 'sha1', 'sha256'),
  suite(0x008c, 'PSK-AES128-CBC-SHA', 'psk', 'cbc', 16, 'sha1', 'sha256'),
];

export const ALL_SUITES: readonly CipherSuite[] = [...ECDHE_SUITES, ...DHE_SUITES, ...PSK_SUITES];

export function offeredSuites(mode: 'certificate' | 'psk', offerEcdhe: boolean): readonly CipherSuite[] {
  if (mode === 'psk') return PSK_SUITES;
  return offerEcdhe ? [...ECDHE_SUITES, ...DHE_SUITES] : DHE_SUITES;
}
