import { describe, expect, it } from 'vitest';
import { resolveHosts } from './resolve-hosts';

describe('resolveHosts', () => {
  it('resolves a name the hosts file knows and passes IPv4 literals through', async () => {
    const results = await resolveHosts(['localhost', '10.77.1.20']);
    expect(results).toEqual([
      { host: 'localhost', address: '127.0.0.1', error: null },
      { host: '10.77.1.20', address: '10.77.1.20', error: null },
    ]);
  });

  it('says why a name does not resolve, per host, without failing the others', async () => {
    const lookup = async (host: string) => {
      if (host === 'plc-a') return '192.168.10.5';
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    };
    expect(await resolveHosts(['plc-a', 'CX-1234AB', 'plc-a'], lookup)).toEqual([
      { host: 'plc-a', address: '192.168.10.5', error: null },
      { host: 'CX-1234AB', address: null, error: 'not found by DNS or the hosts file' },
    ]);
  });

  it('gives up on a resolver that does not answer instead of leaving the dialog waiting', async () => {
    const never = () => new Promise<string>(() => undefined);
    expect(await resolveHosts(['slow-dns-host'], never, 20)).toEqual([
      { host: 'slow-dns-host', address: null, error: 'no answer from the name resolver within 0.02 s' },
    ]);
  });
});
