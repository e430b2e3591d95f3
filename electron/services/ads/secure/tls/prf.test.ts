import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prf } from './prf';
import { derivePsk } from './psk';

/** A deliberately naive second P_hash (RFC 5246 §5), straight on node:crypto, to cross-check ours. */
function referencePrf(hash: string, secret: Buffer, label: string, seed: Buffer, length: number): Buffer {
  const labelSeed = Buffer.concat([Buffer.from(label, 'ascii'), seed]);
  let a: Buffer = labelSeed;
  let out = Buffer.alloc(0);
  while (out.length < length) {
    a = createHmac(hash, secret).update(a).digest();
    out = Buffer.concat([
      out,
      createHmac(hash, secret)
        .update(Buffer.concat([a, labelSeed]))
        .digest(),
    ]);
  }
  return out.subarray(0, length);
}

const hex = (s: string) => Buffer.from(s, 'hex');

describe('TLS 1.2 PRF', () => {
  it('P_SHA256 matches the published test vector (100 bytes)', () => {
    const secret = hex('9bbe436ba940f017b17652849a71db35');
    const seed = hex('a0ba9f936cda311827a6f796ffd5198c');
    const out = Buffer.from(prf('sha256', secret, 'test label', seed, 100));
    expect(out.toString('hex').startsWith('e3f229ba727be17b8d122620557cd453')).toBe(true);
    expect(out.equals(referencePrf('sha256', secret, 'test label', seed, 100))).toBe(true);
  });

  it('P_SHA384 matches the published test vector (148 bytes)', () => {
    const secret = hex('b80b733d6ceefcdc71566ea48e5567df');
    const seed = hex('cd665cf6a8447dd6ff8b27555edb7465');
    const out = Buffer.from(prf('sha384', secret, 'test label', seed, 148));
    expect(out.toString('hex').startsWith('7b0c18e9ced410ed1804f2cfa34a336a1c14dffb4900bb5fd7942107e81c83cd')).toBe(true);
    expect(out.equals(referencePrf('sha384', secret, 'test label', seed, 148))).toBe(true);
  });

  it('output lengths that are not a multiple of the hash size are exact prefixes', () => {
    const secret = hex('00112233');
    const long = prf('sha256', secret, 'key expansion', hex('aabb'), 104);
    expect(prf('sha256', secret, 'key expansion', hex('aabb'), 12)).toEqual(long.subarray(0, 12));
  });
});

describe('derivePsk', () => {
  it('reproduces the spec example MY_IDENTITY / MySecret', () => {
    expect(Buffer.from(derivePsk('MY_IDENTITY', 'MySecret')).toString('hex')).toBe(
      'da961224a0c0f5d81d6957e918f5cd06a1935814fc70d403c1e7a1cb4064260e',
    );
  });

  it('upper-cases the identity unless it is case-sensitive', () => {
    expect(derivePsk('my_identity', 'MySecret')).toEqual(derivePsk('MY_IDENTITY', 'MySecret'));
    expect(derivePsk('my_identity', 'MySecret', true)).not.toEqual(derivePsk('MY_IDENTITY', 'MySecret'));
  });
});
