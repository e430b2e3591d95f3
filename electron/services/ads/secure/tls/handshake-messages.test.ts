import { describe, expect, it } from 'vitest';
import { HandshakeDefragmenter, MAX_CHAIN_CERTIFICATES, MAX_HANDSHAKE_MESSAGE, parseCertificateList } from './handshake-messages';
import { TlsError } from './tls-error';
import { certificate, handshake } from './testing/fake-server';

function thrown(fn: () => unknown): unknown {
  try {
    fn();
    return null;
  } catch (err) {
    return err;
  }
}

describe('handshake reassembly limits', () => {
  it('a largest-allowed message dribbled in 1-byte records reassembles intact and fast (no quadratic copying)', () => {
    const body = new Uint8Array(MAX_HANDSHAKE_MESSAGE).map((_, i) => i & 0xff);
    const message = handshake(11, body);
    const d = new HandshakeDefragmenter();
    const started = performance.now();
    let got = null;
    for (const b of message) {
      d.push(Uint8Array.of(b));
      got = d.next() ?? got;
    }
    // Copying the growing buffer on each 1-byte record took tens of seconds at the old 256 KiB cap.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(got?.type).toBe(11);
    expect(Buffer.from(got?.raw ?? []).equals(message)).toBe(true);
    expect(d.hasPartial).toBe(false);
  });

  it('a message announcing more than 64 KiB is refused from its 4-byte header, before the body is buffered', () => {
    const d = new HandshakeDefragmenter();
    d.push(Uint8Array.of(11, 0x01, 0x00, 0x01)); // 65537 bytes announced
    const err = thrown(() => d.next());
    expect(err).toBeInstanceOf(TlsError);
    expect((err as TlsError).code).toBe('decode-error');
    expect(MAX_HANDSHAKE_MESSAGE).toBe(64 * 1024);
  });

  it('a header split over several fragments is still read correctly', () => {
    const message = handshake(14, new Uint8Array(0));
    const d = new HandshakeDefragmenter();
    d.push(message.subarray(0, 1));
    expect(d.next()).toBeNull();
    d.push(message.subarray(1, 3));
    expect(d.next()).toBeNull();
    d.push(message.subarray(3));
    expect(d.next()?.type).toBe(14);
  });
});

describe('certificate chain limits', () => {
  it(`a chain of more than ${MAX_CHAIN_CERTIFICATES} certificates is rejected as bad_certificate`, () => {
    const cert = new Uint8Array(8).fill(0x30);
    const ok = certificate(Array.from({ length: MAX_CHAIN_CERTIFICATES }, () => cert));
    expect(parseCertificateList(ok.subarray(4))).toHaveLength(MAX_CHAIN_CERTIFICATES);
    const tooMany = certificate(Array.from({ length: MAX_CHAIN_CERTIFICATES + 1 }, () => cert));
    const err = thrown(() => parseCertificateList(tooMany.subarray(4)));
    expect(err).toBeInstanceOf(TlsError);
    expect((err as TlsError).code).toBe('certificate-rejected');
    expect((err as TlsError).alert).toBe('bad_certificate');
  });
});
