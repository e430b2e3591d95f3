import { describe, expect, it } from 'vitest';
import { peekClientHello } from './client-hello';
import { pskHelloRefusal } from './psk-hello-policy';

/** A TLS 1.2 ClientHello record with the given suites and (empty) extensions. */
function hello(suites: number[], extensions: number[]): Uint8Array {
  const ext = extensions.flatMap((id) => [id >> 8, id & 0xff, 0, 0]);
  const body = [
    3,
    3,
    ...new Array(32).fill(7),
    0,
    (suites.length * 2) >> 8,
    (suites.length * 2) & 0xff,
    ...suites.flatMap((s) => [s >> 8, s & 0xff]),
    1,
    0,
    ext.length >> 8,
    ext.length & 0xff,
    ...ext,
  ];
  const handshake = [1, 0, body.length >> 8, body.length & 0xff, ...body];
  return Uint8Array.from([0x16, 3, 1, handshake.length >> 8, handshake.length & 0xff, ...handshake]);
}

describe('ClientHello peek and the PSK extension policy', () => {
  it('reads suites and extensions, also from a hello split over two records and partial input', () => {
    const bytes = hello([0x00af, 0x00ff], [0x0017, 0x000d]);
    expect(peekClientHello(bytes)).toEqual({ kind: 'complete', hello: { cipherSuites: [0x00af, 0x00ff], extensions: [0x0017, 0x000d] } });
    expect(peekClientHello(bytes.subarray(0, 20))).toEqual({ kind: 'partial' });
    const hs = bytes.subarray(5);
    const split = Uint8Array.from([
      0x16,
      3,
      3,
      0,
      10,
      ...hs.subarray(0, 10),
      0x16,
      3,
      3,
      (hs.length - 10) >> 8,
      (hs.length - 10) & 0xff,
      ...hs.subarray(10),
    ]);
    expect(peekClientHello(split)).toMatchObject({ kind: 'complete', hello: { extensions: [0x0017, 0x000d] } });
    expect(peekClientHello(Uint8Array.from([0x47, 0x45, 0x54, 0x20, 0x2f, 0x20]))).toEqual({ kind: 'other' });
  });

  it('refuses a PSK-only hello with EMS or encrypt-then-MAC, and nothing else', () => {
    const summary = (suites: number[], extensions: number[]) => {
      const peek = peekClientHello(hello(suites, extensions));
      if (peek.kind !== 'complete') throw new Error('unreadable');
      return peek.hello;
    };
    expect(pskHelloRefusal(summary([0x00af], [0x0017]))).toMatch(/extended_master_secret/);
    expect(pskHelloRefusal(summary([0x008c], [0x0016]))).toMatch(/encrypt_then_mac/);
    expect(pskHelloRefusal(summary([0x00af], [0x000d]))).toBeNull();
    // A certificate-suite hello may carry EMS (TwinCAT's certificate mode accepts it).
    expect(pskHelloRefusal(summary([0x006b, 0x00af], [0x0017]))).toBeNull();
  });
});
