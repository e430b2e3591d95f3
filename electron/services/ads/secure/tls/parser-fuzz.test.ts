import { randomBytes, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subjectPublicKeyInfo } from './certificate-der';
import {
  HandshakeDefragmenter,
  parseCertificateList,
  parseCertificateRequest,
  parseDheServerKeyExchange,
  parseEcPointFormats,
  parseEcdheServerKeyExchange,
  parseFinished,
  parsePskServerKeyExchange,
  parseServerHello,
  parseServerHelloDone,
} from './handshake-messages';
import { CbcProtection, ContentType, GcmProtection, RecordDeframer, encodeRecord } from './record-layer';
import { TlsError } from './tls-error';
import { certificate, dheServerKeyExchange, handshake, serverHello, serverHelloDone } from './testing/fake-server';
import { TestMaterial } from './testing/fixtures';
import { seededRandom } from '../../../../../shared/protocol/testing/seeded-random';

function mutate(input: Uint8Array, rnd: () => number): Uint8Array {
  let out = Uint8Array.from(input);
  const edits = 1 + Math.floor(rnd() * 4);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rnd() * Math.max(1, out.length));
    switch (Math.floor(rnd() * 6)) {
      case 0: // bit flip
        if (out.length) out[at] = (out[at] as number) ^ (1 << Math.floor(rnd() * 8));
        break;
      case 1: // interesting byte (length fields love these)
        if (out.length) out[at] = [0, 1, 0x7f, 0x80, 0xff][Math.floor(rnd() * 5)] as number;
        break;
      case 2: // truncate
        out = out.slice(0, at);
        break;
      case 3: // insert random bytes
        out = Uint8Array.from([
          ...out.slice(0, at),
          ...Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * 256)),
          ...out.slice(at),
        ]);
        break;
      case 4: // duplicate a slice
        out = Uint8Array.from([...out, ...out.slice(at, at + 1 + Math.floor(rnd() * 16))]);
        break;
      default: // random byte
        if (out.length) out[at] = Math.floor(rnd() * 256);
    }
  }
  return out;
}

/** Runs fn; anything thrown that is not a TlsError is returned as a failure description. */
function onlyTlsErrors(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof TlsError ? null : `${(e as Error)?.name}: ${(e as Error)?.message}`;
  }
}

const material = new TestMaterial();
let corpus: { name: string; bytes: Uint8Array; parse: (b: Uint8Array) => unknown }[] = [];

beforeAll(() => {
  const cred = material.rsaCertificate('fuzz');
  const cr = new Uint8Array(randomBytes(32));
  const sr = new Uint8Array(randomBytes(32));
  const body = (m: Buffer) => new Uint8Array(m.subarray(4));
  const ecdheParams = Buffer.concat([Buffer.from([3, 0, 29, 32]), randomBytes(32)]);
  const ecdhe = Buffer.concat([ecdheParams, Buffer.from([4, 1, 1, 0]), sign('sha256', Buffer.concat([cr, sr, ecdheParams]), cred.keyPem)]);
  const certReq = Buffer.from([1, 1, 0, 4, 4, 1, 2, 1, 0, 5, 0, 3, 0x30, 1, 0]);
  corpus = [
    {
      name: 'ServerHello',
      bytes: body(serverHello({ random: sr, suite: 0xc02f, extensions: Buffer.from([0, 11, 0, 2, 1, 0]) })),
      parse: parseServerHello,
    },
    {
      name: 'Certificate',
      bytes: body(certificate([cred.certDer, cred.certDer])),
      parse: (b) => parseCertificateList(b).map(subjectPublicKeyInfo),
    },
    {
      name: 'DHE ServerKeyExchange',
      bytes: body(
        dheServerKeyExchange({ p: (1n << 1023n) + 1155n, g: 2n, ys: 12345n, keyPem: cred.keyPem, clientRandom: cr, serverRandom: sr }),
      ),
      parse: parseDheServerKeyExchange,
    },
    { name: 'ECDHE ServerKeyExchange', bytes: new Uint8Array(ecdhe), parse: parseEcdheServerKeyExchange },
    { name: 'PSK ServerKeyExchange', bytes: Uint8Array.of(0, 4, 0x68, 0x69, 0x6e, 0x74), parse: parsePskServerKeyExchange },
    { name: 'CertificateRequest', bytes: new Uint8Array(certReq), parse: parseCertificateRequest },
    { name: 'ServerHelloDone', bytes: body(serverHelloDone()), parse: parseServerHelloDone },
    { name: 'Finished', bytes: new Uint8Array(12), parse: parseFinished },
    { name: 'ec_point_formats', bytes: Uint8Array.of(1, 0), parse: parseEcPointFormats },
    { name: 'X.509 certificate', bytes: cred.certDer, parse: subjectPublicKeyInfo },
  ];
});
afterAll(() => material.cleanup());

describe('fuzzing (seeded, socket-free)', () => {
  it('handshake message parsers and reassembly: 12,000 mutated inputs, only TlsErrors', () => {
    const rnd = seededRandom(0x5eca0d5);
    const failures: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const sample = corpus[i % corpus.length];
      if (!sample) continue;
      const input = mutate(sample.bytes, rnd);
      const bad = onlyTlsErrors(() => sample.parse(input));
      if (bad) failures.push(`#${i} ${sample.name}: ${bad}`);
      // The same bytes as a stream of handshake messages, in random pieces.
      const stream = mutate(handshake(sample.name === 'Finished' ? 20 : 2, sample.bytes), rnd);
      const badStream = onlyTlsErrors(() => {
        const d = new HandshakeDefragmenter();
        for (let at = 0; at < stream.length;) {
          const n = 1 + Math.floor(rnd() * 64);
          d.push(stream.subarray(at, at + n));
          at += n;
          while (d.next());
        }
      });
      if (badStream) failures.push(`#${i} stream: ${badStream}`);
    }
    expect(failures).toEqual([]);
  });

  it('record deframer and record decryption: 12,000 mutated inputs, only TlsErrors', () => {
    const rnd = seededRandom(0xadd5);
    const key = new Uint8Array(randomBytes(16));
    const macKey = new Uint8Array(randomBytes(32));
    const salt = new Uint8Array(randomBytes(4));
    const cbcTx = new CbcProtection(key, macKey, 'sha256');
    const gcmTx = new GcmProtection(key, salt);
    const records = [
      ...[1, 40, 300].map((n) => encodeRecord(ContentType.ApplicationData, cbcTx.seal(ContentType.ApplicationData, new Uint8Array(n)))),
      ...[1, 40, 300].map((n) => encodeRecord(ContentType.ApplicationData, gcmTx.seal(ContentType.ApplicationData, new Uint8Array(n)))),
      encodeRecord(ContentType.Alert, Uint8Array.of(2, 40)),
    ];
    const failures: string[] = [];
    for (let i = 0; i < 12_000; i++) {
      const input = mutate(records[i % records.length] as Uint8Array, rnd);
      const rules = { versionNegotiated: rnd() < 0.5, protectedRead: rnd() < 0.5 };
      const bad = onlyTlsErrors(() => {
        const d = new RecordDeframer();
        d.push(input);
        for (let r = d.next(rules); r; r = d.next(rules)) {
          const rx = rnd() < 0.5 ? new CbcProtection(key, macKey, 'sha256') : new GcmProtection(key, salt);
          rx.open(r.type, r.fragment);
        }
      });
      if (bad) failures.push(`#${i}: ${bad}`);
    }
    expect(failures).toEqual([]);
  });
});
