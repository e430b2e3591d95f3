import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../run-cli';
import type { CliIo } from '../command';
import { startVirtualTarget, type VirtualTarget } from '../../sim/index';
import { probeCommand } from './probe';
import type { ProbeReport } from '../../services/secure-ads/probe';

// Loopback block 127.0.44.x belongs to this file.
function bufferIo(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => '',
    interrupted: new Promise<void>(() => {}),
  };
  return io;
}

const sims: VirtualTarget[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.stop()));
});

async function probe(args: string[]) {
  const io = bufferIo();
  const code = await runCli(['probe', ...args], [probeCommand], io);
  return { code, io };
}

describe('adsroute probe', () => {
  it('reports all three ports, the suite and the unverified certificate', async () => {
    const t = await startVirtualTarget({ name: 'CX-PROBE', address: '127.0.44.1' });
    sims.push(t);
    const { code, io } = await probe([t.address, '--json']);
    const report = JSON.parse(io.out) as ProbeReport;
    expect(code).toBe(0);
    expect(report.udp).toMatchObject({ ok: true, hostname: 'CX-PROBE', netId: t.netId, fingerprint: t.fingerprint });
    expect(report.ads.ok).toBe(true);
    expect(report.tls).toMatchObject({ ok: true, mode: 'certificate', cipherSuite: expect.stringMatching(/^DHE-RSA-/) });
    expect(report.tls.certificate).toMatchObject({ fingerprint: t.fingerprint, verified: false, selfSigned: true });
    // Looking must leave no trace on the target.
    expect(t.routes()).toEqual([]);
    expect(t.log().some((e) => e.kind === 'connection-accepted' || e.kind === 'route-stored')).toBe(false);
  });

  it('human output marks the certificate as unverified; a disabled 8016 shows the firewall hint', async () => {
    const t = await startVirtualTarget({ name: 'CX-NOTLS', address: '127.0.44.2', tls: false });
    sims.push(t);
    const { code, io } = await probe([t.address]);
    expect(code).toBe(0);
    expect(io.out).toContain('TCP 8016 refused: Secure ADS disabled or blocked by a firewall on the target');
    const t2 = await startVirtualTarget({ name: 'CX-TLS', address: '127.0.44.3' });
    sims.push(t2);
    expect((await probe([t2.address])).io.out).toContain('UNVERIFIED');
  });

  it('PSK handshake: accepted with the right key, psk-unknown with a wrong one', async () => {
    const t = await startVirtualTarget({ name: 'CX-PSK', address: '127.0.44.4', psk: [{ identity: 'LINE1', secret: 'pskpw' }] });
    sims.push(t);
    const good = JSON.parse((await probe([t.address, '--psk-identity', 'LINE1', '--psk-password', 'pskpw', '--json'])).io.out) as ProbeReport;
    expect(good.tls).toMatchObject({ ok: true, mode: 'psk', cipherSuite: expect.stringMatching(/^PSK-/) });
    const bad = JSON.parse((await probe([t.address, '--psk-identity', 'LINE1', '--psk-password', 'nope', '--json'])).io.out) as ProbeReport;
    expect(bad.tls).toMatchObject({ ok: false, error: { code: 'psk-unknown' } });
  });

  it('nothing answering: exit 1', async () => {
    const { code, io } = await probe(['127.0.44.99', '--timeout', '300', '--json']);
    expect(code).toBe(1);
    const report = JSON.parse(io.out) as ProbeReport;
    expect(report.udp.error?.code).toBe('unreachable');
    expect(report.ads.error?.code).toBe('refused');
  });
});
