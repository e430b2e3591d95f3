import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { CLIENT_ADAPTERS, startSim, type LabNamespace } from './lab';
import { CLI_BUNDLE } from './lab/sim';
import { TargetsView } from './pages/add-route-dialog';
import { shoot } from './support/screenshots';

/**
 * Routes on a target, end to end in the lab: two client hosts add plain routes to one virtual target with the CLI,
 * the web app (in the client namespace) lists them in the "Routes on <target>" panel, removes the other host's route
 * after a confirmation, and the target's own list no longer holds it.
 */

const PASSWORD = 'lab-routes-1';
const dirs: string[] = [];

test.afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function cli(ns: LabNamespace, args: string[]) {
  const dataDir = await mkdtemp(join(tmpdir(), 'ars-e2e-routes-cli-'));
  dirs.push(dataDir);
  return ns.exec(process.execPath, [CLI_BUNDLE, ...args, '--data-dir', dataDir]);
}

test('two client hosts add routes; the panel lists both, removes one after a confirmation, and lists again', async ({ lab, labApp }) => {
  test.setTimeout(120_000);
  const target = await lab.addTarget(1);
  const stateDir = await mkdtemp(join(tmpdir(), 'ars-e2e-routes-'));
  dirs.push(stateDir);
  const sim = await startSim(target, ['--name', 'CX-ROUTES', '--password', PASSWORD, '--no-tls', '--state', stateDir]);
  try {
    // A second client host on the same subnet: another namespace of the lab that runs the CLI.
    const otherHost = await lab.addTarget(1);
    for (const [host, name] of [
      [lab.client, 'ENG-PC'],
      [otherHost, 'OLD-LAPTOP'],
    ] as const) {
      const added = await cli(host, [
        'add-route',
        target.address,
        '--secure',
        'none',
        '--user',
        'Administrator',
        '--password',
        PASSWORD,
        '--remote-route-name',
        name,
        '--json',
      ]);
      expect(added.code, added.stdout + added.stderr).toBe(0);
    }
    const listed = await cli(lab.client, ['target-routes', 'list', target.address, '--secure', 'none', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect((JSON.parse(listed.stdout) as { routes: Array<{ name: string }> }).routes.map((r) => r.name).sort()).toEqual([
      'ENG-PC',
      'OLD-LAPTOP',
    ]);

    const page = labApp.page;
    const targets = new TargetsView(page);
    await targets.searchHosts([target.address]);
    await targets.waitForRows(['CX-ROUTES']);
    await targets.select(['CX-ROUTES']);
    await page.getByRole('button', { name: 'Routes on target' }).click();
    const panel = page.getByRole('dialog', { name: 'Routes on CX-ROUTES' });
    const rows = panel.getByTestId('target-route-row');
    await expect(rows).toHaveCount(2);
    const own = rows.filter({ hasText: 'ENG-PC' });
    await expect(own.getByText('this PC')).toBeVisible();
    await expect(own).toContainText(`${CLIENT_ADAPTERS[0].address}.1.1`);
    await shoot(page, 'docs/screenshots/target-routes-panel.png', panel);

    // Our own route: the confirmation says it cuts our access; cancel.
    await own.getByRole('button', { name: 'Remove route ENG-PC on the target' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove route ENG-PC on CX-ROUTES?' });
    await expect(confirm.getByText(/route back to THIS PC/)).toBeVisible();
    await shoot(page, 'docs/screenshots/target-routes-remove-own.png', confirm);
    await confirm.getByRole('button', { name: 'Cancel' }).click();

    await rows.filter({ hasText: 'OLD-LAPTOP' }).getByRole('button', { name: 'Remove route OLD-LAPTOP on the target' }).click();
    const confirmOther = page.getByRole('dialog', { name: 'Remove route OLD-LAPTOP on CX-ROUTES?' });
    await expect(confirmOther.getByText(/route back to THIS PC/)).toHaveCount(0);
    await confirmOther.getByRole('button', { name: 'Remove on target' }).click();
    await expect(panel.getByText('Route "OLD-LAPTOP" removed on CX-ROUTES (confirmed by reading the list again).')).toBeVisible();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('ENG-PC');

    const after = await cli(lab.client, ['target-routes', 'list', target.address, '--secure', 'none', '--json']);
    expect((JSON.parse(after.stdout) as { routes: Array<{ name: string }> }).routes.map((r) => r.name)).toEqual(['ENG-PC']);
  } finally {
    await sim.stop();
  }
});
