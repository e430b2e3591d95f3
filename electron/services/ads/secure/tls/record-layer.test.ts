import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CbcProtection,
  ContentType,
  GcmProtection,
  MAX_PLAINTEXT,
  RecordDeframer,
  encodeRecord,
  fragmentPlaintext,
  parseRecordHeader,
} from './record-layer';
import { TlsError } from './tls-error';

const keys = { key: new Uint8Array(randomBytes(32)), mac: new Uint8Array(randomBytes(48)), salt: new Uint8Array(randomBytes(4)) };
const pair = (kind: 'cbc-sha1' | 'cbc-sha384' | 'gcm') =>
  kind === 'gcm'
    ? [new GcmProtection(keys.key, keys.salt), new GcmProtection(keys.key, keys.salt)]
    : [
        new CbcProtection(keys.key, keys.mac, kind === 'cbc-sha1' ? 'sha1' : 'sha384'),
        new CbcProtection(keys.key, keys.mac, kind === 'cbc-sha1' ? 'sha1' : 'sha384'),
      ];

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof TlsError ? e.code : `non-TlsError: ${String(e)}`;
  }
}

describe.each(['cbc-sha1', 'cbc-sha384', 'gcm'] as const)('%s record protection', (kind) => {
  it('round-trips records of every size class in sequence', () => {
    const [tx, rx] = pair(kind) as [CbcProtection, CbcProtection];
    for (const size of [0, 1, 15, 16, 17, 255, 1000, MAX_PLAINTEXT]) {
      const data = new Uint8Array(randomBytes(size));
      expect(rx.open(ContentType.ApplicationData, tx.seal(ContentType.ApplicationData, data))).toEqual(data);
    }
  });

  it('any flipped bit, a replayed record or a wrong content type is bad-record-mac', () => {
    const [tx, rx] = pair(kind) as [CbcProtection, CbcProtection];
    const sealed = tx.seal(ContentType.ApplicationData, new TextEncoder().encode('route add'));
    for (let i = 0; i < sealed.length; i += 3) {
      const bad = sealed.slice();
      bad[i] = (bad[i] as number) ^ 0x80;
      const [, fresh] = pair(kind) as [CbcProtection, CbcProtection];
      expect(codeOf(() => fresh.open(ContentType.ApplicationData, bad))).toBe('bad-record-mac');
    }
    rx.open(ContentType.ApplicationData, sealed);
    expect(codeOf(() => rx.open(ContentType.ApplicationData, sealed))).toBe('bad-record-mac'); // replay: seq 1 ≠ 0
    const [tx2, rx2] = pair(kind) as [CbcProtection, CbcProtection];
    expect(codeOf(() => rx2.open(ContentType.Handshake, tx2.seal(ContentType.ApplicationData, new Uint8Array(5))))).toBe('bad-record-mac');
  });

  it('fragments that are too short or not block-aligned are bad-record-mac, not a crash', () => {
    for (const len of [0, 1, 8, 16, 23, 31, 33, 47]) {
      const [, rx] = pair(kind) as [CbcProtection, CbcProtection];
      expect(codeOf(() => rx.open(ContentType.ApplicationData, new Uint8Array(len)))).toBe('bad-record-mac');
    }
  });
});

// CBC keeps one AES context per direction for the whole connection; the peer (OpenSSL) knows nothing of that and
// treats every record as CBC on its own, with the record's first 16 bytes as IV. Checked here with one-shot node:crypto.
describe("CBC records are independent of the engine's continuing AES context", () => {
  const macHeader = (seq: number, type: number, length: number) =>
    Buffer.from([0, 0, 0, 0, 0, 0, 0, seq, type, 3, 3, length >> 8, length & 0xff]);

  it('each sealed record deciphers alone with its explicit IV, and no two records share an IV', () => {
    const tx = new CbcProtection(keys.key, keys.mac, 'sha384');
    const ivs = new Set<string>();
    for (let seq = 0; seq < 6; seq++) {
      const data = randomBytes(seq * 7);
      const record = tx.seal(ContentType.ApplicationData, data);
      ivs.add(Buffer.from(record.subarray(0, 16)).toString('hex'));
      const d = createDecipheriv('aes-256-cbc', keys.key, record.subarray(0, 16));
      d.setAutoPadding(false);
      const plain = Buffer.concat([d.update(record.subarray(16)), d.final()]);
      const padLength = plain[plain.length - 1] as number;
      const body = plain.subarray(0, plain.length - padLength - 1);
      expect(plain.subarray(plain.length - padLength - 1).every((b) => b === padLength)).toBe(true);
      expect(body.subarray(0, data.length).equals(data)).toBe(true);
      const mac = createHmac('sha384', keys.mac)
        .update(macHeader(seq, ContentType.ApplicationData, data.length))
        .update(data)
        .digest();
      expect(body.subarray(data.length).equals(mac)).toBe(true);
    }
    expect(ivs.size).toBe(6);
  });

  // A record enciphered on its own (as OpenSSL does) with `extraPad` more padding blocks than needed; `spoil` may
  // alter the padding bytes before encryption.
  const peerRecord = (seq: number, data: Buffer, extraPad: number, spoil?: (padding: Buffer) => void) => {
    const mac = createHmac('sha384', keys.mac)
      .update(macHeader(seq, ContentType.ApplicationData, data.length))
      .update(data)
      .digest();
    const padLength = 15 - ((data.length + mac.length) % 16) + 16 * extraPad;
    const padding = Buffer.alloc(padLength + 1, padLength);
    spoil?.(padding);
    const iv = randomBytes(16);
    const c = createCipheriv('aes-256-cbc', keys.key, iv);
    c.setAutoPadding(false);
    return Buffer.concat([iv, c.update(Buffer.concat([data, mac, padding])), c.final()]);
  };

  it('opens a sequence of records each enciphered on its own with a fresh random IV, short and long padding', () => {
    const rx = new CbcProtection(keys.key, keys.mac, 'sha384');
    for (let seq = 0; seq < 6; seq++) {
      const data = randomBytes(1 + seq * 13);
      const opened = rx.open(ContentType.ApplicationData, peerRecord(seq, data, seq % 2 === 0 ? 0 : 15 - seq));
      expect(Buffer.from(opened).equals(data)).toBe(true);
    }
  });

  it('a record whose padding bytes (44 of them) are not all equal to its length is bad-record-mac, wherever the odd byte is', () => {
    for (const at of [0, 1, 7, 30, 43]) {
      const rx = new CbcProtection(keys.key, keys.mac, 'sha384');
      const record = peerRecord(0, randomBytes(20), 2, (padding) => {
        padding[at] = (padding[at] as number) ^ 1;
      });
      expect(codeOf(() => rx.open(ContentType.ApplicationData, record))).toBe('bad-record-mac');
    }
  });
});

describe('record framing rules', () => {
  it('accepts any TLS 1.x record version before ServerHello, only 1.2 afterwards', () => {
    const h = Uint8Array.of(22, 3, 1, 0, 5);
    expect(parseRecordHeader(h, { versionNegotiated: false, protectedRead: false }).version).toBe(0x0301);
    expect(codeOf(() => parseRecordHeader(h, { versionNegotiated: true, protectedRead: false }))).toBe('protocol-version');
    expect(codeOf(() => parseRecordHeader(Uint8Array.of(22, 2, 0, 0, 5), { versionNegotiated: false, protectedRead: false }))).toBe(
      'protocol-version',
    );
  });

  it('limits: 2^14 plaintext, 2^14+2048 protected', () => {
    const header = (n: number) => Uint8Array.of(23, 3, 3, n >> 8, n & 0xff);
    expect(codeOf(() => parseRecordHeader(header(MAX_PLAINTEXT), { versionNegotiated: true, protectedRead: false }))).toBeNull();
    expect(codeOf(() => parseRecordHeader(header(MAX_PLAINTEXT + 1), { versionNegotiated: true, protectedRead: false }))).toBe(
      'record-overflow',
    );
    expect(codeOf(() => parseRecordHeader(header(MAX_PLAINTEXT + 2048), { versionNegotiated: true, protectedRead: true }))).toBeNull();
    expect(codeOf(() => parseRecordHeader(header(MAX_PLAINTEXT + 2049), { versionNegotiated: true, protectedRead: true }))).toBe(
      'record-overflow',
    );
  });

  it('reassembles records from arbitrary chunking and splits large writes into ≤ 2^14 fragments', () => {
    const data = new Uint8Array(randomBytes(40_000));
    const frags = fragmentPlaintext(data);
    expect(frags.map((f) => f.length)).toEqual([16384, 16384, 7232]);
    const stream = Buffer.concat(frags.map((f) => encodeRecord(ContentType.ApplicationData, f)));
    const d = new RecordDeframer();
    const out: Uint8Array[] = [];
    for (let at = 0; at < stream.length; at += 777) {
      d.push(stream.subarray(at, at + 777));
      for (
        let r = d.next({ versionNegotiated: true, protectedRead: false });
        r;
        r = d.next({ versionNegotiated: true, protectedRead: false })
      )
        out.push(r.fragment);
    }
    expect(Buffer.concat(out).equals(Buffer.from(data))).toBe(true);
    expect(d.pendingBytes).toBe(0);
  });
});
