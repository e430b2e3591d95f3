import { execFileSync, spawnSync } from 'node:child_process';
import { test, expect } from '@playwright/test';
import { CLIENT_ADAPTERS, Lab } from './lab';
import { listNamespaces } from './lab/ip';
import { labPrefix, recordOwner, sweepStaleLabs } from './lab/ownership';
import { startUdpEcho, udpRoundTrip } from './lab/udp-probe';
import { requireLab } from './fixtures';

test.describe('network lab', () => {
  // Without root the lab skips and says why; in CI as root a lab that cannot be built fails every test here.
  test.beforeEach(async () => {
    await requireLab();
  });

  test('client reaches a subnet-1 target via lab1 and a subnet-2 target via lab2, by ping and UDP', async () => {
    const lab = await Lab.create({ targets: [{ subnet: 1 }, { subnet: 2 }] });
    try {
      const [near, far] = [lab.target(0), lab.target(1)];
      expect(near.address).toBe('10.77.1.10');
      expect(far.address).toBe('10.77.2.11');

      const ping = await lab.client.exec('ping', ['-c', '1', '-W', '3', near.address]);
      expect(ping.code, ping.stdout + ping.stderr).toBe(0);

      const route = await lab.client.exec('ip', ['-o', 'route', 'get', far.address]);
      expect(route.stdout).toContain('dev lab2');

      for (const [target, clientAddress] of [
        [near, CLIENT_ADAPTERS[0].address],
        [far, CLIENT_ADAPTERS[1].address],
      ] as const) {
        const echo = await startUdpEcho(target, target.address);
        try {
          const reply = await udpRoundTrip(lab.client, target.address, echo.port, `hello ${target.name}`);
          expect(reply).toEqual({ echo: `hello ${target.name}`, from: clientAddress });
        } finally {
          await echo.stop();
        }
      }
    } finally {
      await lab.destroy();
    }
  });

  test('a target added later is reachable, and nothing of the lab appears in the root namespace', async () => {
    const lab = await Lab.create();
    try {
      const late = await lab.addTarget(2);
      const ping = await lab.client.exec('ping', ['-c', '1', '-W', '3', late.address]);
      expect(ping.code, ping.stdout + ping.stderr).toBe(0);

      const rootAddresses = execFileSync('ip', ['-o', 'addr'], { encoding: 'utf8' });
      expect(rootAddresses).not.toContain('10.77.');
    } finally {
      await lab.destroy();
    }
  });

  test('destroy removes every namespace of the lab and ends what runs inside', async () => {
    const lab = await Lab.create({ targets: [{ subnet: 1 }] });
    const echo = await startUdpEcho(lab.target(0), lab.target(0).address);
    expect(echo.port).toBeGreaterThan(0);
    expect((await listNamespaces()).filter((name) => name.startsWith(`${lab.prefix}-`))).toHaveLength(3);

    await lab.destroy();
    expect((await listNamespaces()).filter((name) => name.startsWith(lab.prefix))).toEqual([]);
    expect(echo.ended).toBe(true);
  });

  test('the startup sweep deletes labs of dead owners and leaves living and unrecorded ones alone', async () => {
    // A pid that surely belongs to no one now: a process that has already ended.
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    expect(deadPid).toBeGreaterThan(0);
    const stale = `${labPrefix(deadPid, 0)}-sw`;
    const unrecorded = `${labPrefix(deadPid, 1)}-sw`;
    const lab = await Lab.create();
    try {
      execFileSync('ip', ['netns', 'add', stale]);
      recordOwner(labPrefix(deadPid, 0), deadPid);
      // Same naming, but no record: it belongs to someone else and must survive.
      execFileSync('ip', ['netns', 'add', unrecorded]);
      const removed = sweepStaleLabs();
      expect(removed).toContain(stale);
      const remaining = await listNamespaces();
      expect(remaining).not.toContain(stale);
      expect(remaining).toContain(unrecorded);
      expect(remaining).toEqual(expect.arrayContaining(lab.namespaces));
    } finally {
      await lab.destroy();
      spawnSync('ip', ['netns', 'del', stale]);
      spawnSync('ip', ['netns', 'del', unrecorded]);
    }
  });
});
