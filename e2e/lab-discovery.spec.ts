import { spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { Lab, startSim } from './lab';
import { CLI_BUNDLE } from './lab/sim';

/** The simulator lands separately; until `adsroute sim` exists in the build, this spec says so and skips. */
function simAvailable(): { ok: boolean; reason: string } {
  const help = spawnSync(process.execPath, [CLI_BUNDLE, 'sim', '--help'], { encoding: 'utf8', timeout: 15_000 });
  return help.status === 0 ? { ok: true, reason: '' } : { ok: false, reason: '`adsroute sim` is not in dist/electron/cli.cjs yet' };
}

test('broadcast discovery from the client finds a virtual target on each subnet, each through its own adapter', async () => {
  const lab = await Lab.available();
  test.skip(!lab.ok, lab.ok ? '' : lab.reason);
  const sim = simAvailable();
  if (!sim.ok) console.log(`lab discovery skipped: ${sim.reason}`);
  test.skip(!sim.ok, sim.reason);

  const net = await Lab.create({ targets: [{ subnet: 1 }, { subnet: 2 }] });
  try {
    const sims = [await startSim(net.target(0), ['--name', 'PLC-SUBNET1']), await startSim(net.target(1), ['--name', 'PLC-SUBNET2'])];
    expect(sims.map((s) => s.ready.address)).toEqual([net.target(0).address, net.target(1).address]);

    const found = await net.client.exec(process.execPath, [CLI_BUNDLE, 'discover', '--json', '--timeout', '2000']);
    expect(found.code, found.stderr).toBe(0);
    const systems = (JSON.parse(found.stdout) as unknown[]).map((system) => JSON.stringify(system));
    for (const [name, address] of [
      ['PLC-SUBNET1', net.target(0).address],
      ['PLC-SUBNET2', net.target(1).address],
    ]) {
      expect(systems.filter((system) => system.includes(`"${name}"`) && system.includes(`"${address}"`)), `${name} at ${address}`).toHaveLength(1);
    }
  } finally {
    await net.destroy();
  }
});
