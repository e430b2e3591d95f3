import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runWebHost } from '../host/run-web-host';
import { LogBook } from '../services/log/logger';
import { startVirtualTargets, type VirtualTarget } from '../sim/virtual-target';
import type { VirtualTargetInput } from '../sim/config';

/** A demo credential, printed on purpose so people can try PSK routes; never use it on a real system. */
const DEMO_PSK = { identity: 'DEMO_USER', secret: 'demo-secret' };

function demoTargets(stateRoot: string): VirtualTargetInput[] {
  return [
    { address: '127.0.0.2', name: 'CX-4024-WIN10', os: 'win10', twincat: '3.1.4024', stateDir: join(stateRoot, 'cx-4024-win10') },
    { address: '127.0.0.3', name: 'TCBSD-PSK', os: 'tcbsd', twincat: '3.1.4026', psk: [DEMO_PSK], stateDir: join(stateRoot, 'tcbsd-psk') },
    { address: '127.0.0.4', name: 'CX-CE-TC2', os: 'ce', twincat: '2.11.2228', tls: false, stateDir: join(stateRoot, 'cx-ce-tc2') },
  ];
}

/** `npm run demo`: three virtual TwinCAT systems on loopback plus the browser UI, stopped together by Ctrl+C. */
async function main(): Promise<void> {
  const stateRoot = await mkdtemp(join(tmpdir(), 'adsroute-demo-'));
  const logBook = new LogBook();
  let targets: VirtualTarget[] = [];
  try {
    targets = await startVirtualTargets(demoTargets(stateRoot), { logger: logBook.logger('sim') });
    const host = await runWebHost({
      staticDir: join(__dirname, '..', 'renderer'),
      logBook,
      // The demo's routes go to virtual targets: keep them out of the user's real route list.
      dataDir: { path: join(stateRoot, 'app-data'), kind: 'demo' },
      startupSearch: { hosts: [], ranges: [`${targets[0]?.address}-${targets[targets.length - 1]?.address}`] },
    });
    console.log(`ADS Route Studio: ${host.url}`);
    console.log('Demo targets (virtual, loopback only; user Administrator, password 1):');
    for (const t of targets) {
      const secure = t.config.tls ? `Secure ADS, fingerprint ${t.fingerprint}` : 'no Secure ADS';
      console.log(
        `  ${t.config.name.padEnd(14)} ${t.address.padEnd(10)} NetId ${t.netId.padEnd(16)} TwinCAT ${t.config.twincat.padEnd(10)} ${secure}`,
      );
    }
    console.log(`  PSK on TCBSD-PSK: identity ${DEMO_PSK.identity}, secret ${DEMO_PSK.secret} (demo credential)`);
    console.log(`Data folder of this demo (its own client identity and routes; removed on exit): ${join(stateRoot, 'app-data')}`);
    console.log('Press Ctrl+C to stop.');
    openInBrowser(host.url);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await host.stop().catch(() => undefined);
      await Promise.all(targets.map((t) => t.stop()));
      await rm(stateRoot, { recursive: true, force: true });
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
  } catch (error) {
    await Promise.all(targets.map((t) => t.stop()));
    await rm(stateRoot, { recursive: true, force: true });
    throw error;
  }
}

/** Best effort: a desktop session gets the app opened for it; headless machines just use the printed link. */
function openInBrowser(url: string): void {
  if (process.env.CI || process.argv.includes('--no-open') || !process.stdout.isTTY) return;
  const opener =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '', url]]
        : ['xdg-open', [url]];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(opener[0] as string, opener[1] as string[], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

void main().catch((error: unknown) => {
  console.error(`ADS Route Studio demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
