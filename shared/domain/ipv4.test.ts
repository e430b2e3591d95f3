import { describe, expect, it } from 'vitest';
import { broadcastAddress, intToIpv4, ipv4ToInt, isIpv4, isLinkLocal, prefixLength } from './ipv4';

describe('ipv4', () => {
  it('recognises dotted quads and rejects look-alikes', () => {
    expect(isIpv4('10.77.1.2')).toBe(true);
    expect(isIpv4('255.255.255.255')).toBe(true);
    for (const bad of ['10.77.1', '10.77.1.256', '01.2.3.4', '1.2.3.4.5', 'a.b.c.d', '', ' 1.2.3.4']) expect(isIpv4(bad)).toBe(false);
  });

  it('converts between text and integers without sign trouble', () => {
    expect(ipv4ToInt('255.255.255.255')).toBe(0xffffffff);
    expect(intToIpv4(0xc0a80101)).toBe('192.168.1.1');
    expect(() => ipv4ToInt('300.1.1.1')).toThrow(RangeError);
  });

  it('computes prefix length and subnet broadcast', () => {
    expect(prefixLength('255.255.255.0')).toBe(24);
    expect(prefixLength('255.255.0.0')).toBe(16);
    expect(broadcastAddress('10.77.1.2', '255.255.255.0')).toBe('10.77.1.255');
    expect(broadcastAddress('172.16.5.9', '255.255.240.0')).toBe('172.16.15.255');
  });

  it('marks APIPA addresses as link-local', () => {
    expect(isLinkLocal('169.254.10.3')).toBe(true);
    expect(isLinkLocal('10.77.1.2')).toBe(false);
  });
});
