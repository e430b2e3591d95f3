import { test, expect } from './fixtures';
import { CLIENT_ADAPTERS, LabSims, staticRoutes, type Lab, type LabSim } from './lab';
import { openAddRouteFor as openDialogFor } from './pages/add-route-dialog';

/**
 * One trust decision per target, and fingerprints remembered per NetId, end to end: the web app in the lab's client
 * namespace, virtual targets in their own namespaces, and each target's StaticRoutes.xml as the proof of what reached it.
 */

const PASSWORD = 'lab-pass-2';
const CLIENT_ADDRESS = CLIENT_ADAPTERS[0].address;
const labSims = new LabSims({ user: 'Administrator', password: PASSWORD });

function sim(lab: Lab, name: string, args: string[] = []): Promise<LabSim> {
  return labSims.add(lab, name, args);
}

test.afterEach(() => labSims.stopAll());

test.describe('Trust decisions in the lab', () => {
  test.setTimeout(120_000);

  test('two SSC targets, only one compared: the other cannot be added until it has its own decision', async ({ lab, labApp }) => {
    const one = await sim(lab, 'CX-ONE');
    const two = await sim(lab, 'CX-TWO');
    const { dialog } = await openDialogFor(labApp.page, [one, two]);
    await dialog.openLogin();
    await dialog.osLogin('Administrator', PASSWORD);
    const rows = dialog.root.getByTestId('fingerprint-row');
    await expect(rows.getByTestId('live-fingerprint')).toHaveCount(2, { timeout: 15_000 });
    await dialog.root.getByRole('textbox', { name: 'Compare with (CX-ONE)' }).fill(one.handle.ready.fingerprint ?? '');
    await expect(dialog.addButton).toBeDisabled();
    await expect(dialog.addButton).toHaveAccessibleDescription('Compare or confirm the fingerprint of CX-TWO');
    // Enter in a field must not get round the disabled button either.
    await dialog.field('Password').press('Enter');
    await expect(dialog.progress).toHaveCount(0);
    expect(await staticRoutes(one)).not.toContain(CLIENT_ADDRESS);
    expect(await staticRoutes(two)).not.toContain(CLIENT_ADDRESS);

    // Its own tick, for the fingerprint shown for it, is what lets CX-TWO in.
    await dialog.root.getByRole('checkbox', { name: 'I verified the fingerprint of CX-TWO another way' }).check();
    await dialog.add();
    expect(await dialog.batchSummary()).toBe('All 2 routes created and verified');
    expect(await staticRoutes(one)).toContain(CLIENT_ADDRESS);
    expect(await staticRoutes(two)).toContain(CLIENT_ADDRESS);
  });

  test('a mixed batch keeps Secure ADS for the SSC target and adds the plain one only after a confirmation naming it', async ({
    lab,
    labApp,
  }) => {
    const cx = await sim(lab, 'CX-SECURE');
    const plc = await sim(lab, 'PLC-CLEAR', ['--no-tls']);
    const { dialog } = await openDialogFor(labApp.page, [cx, plc]);
    await expect(dialog.root.getByRole('switch', { name: 'Secure ADS' })).toBeChecked();
    await expect(dialog.root.getByText(/PLC-CLEAR does not offer Secure ADS: left out/)).toBeVisible();
    await dialog.openLogin();
    await dialog.osLogin('Administrator', PASSWORD);
    await expect(dialog.root.getByTestId('plain-target')).toContainText('PLC-CLEAR');
    await expect(dialog.root.getByTestId('plain-target')).toContainText('left out of this batch');

    await dialog.root.getByRole('button', { name: 'Add with plain ADS…' }).click();
    const confirm = labApp.page.getByRole('dialog', { name: 'Send the login to PLC-CLEAR unencrypted?' });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText(`PLC-CLEAR (${plc.target.address}) does not offer Secure ADS`);
    await expect(confirm).toContainText('the user name and password travel unencrypted over the network');
    await confirm.getByRole('button', { name: 'Use plain ADS for PLC-CLEAR' }).click();
    await expect(confirm).toBeHidden();
    await expect(dialog.root.getByTestId('plain-target')).toContainText('gets a plain ADS route');

    await dialog.compare(cx.handle.ready.fingerprint ?? '');
    await dialog.add();
    expect(await dialog.batchSummary()).toBe('All 2 routes created and verified');
    // The SSC target got its route over TLS (a certificate-bound route), the plain one over UDP 48899.
    await expect(dialog.resultRow(cx.target.address).getByText('Created')).toBeVisible();
    expect(await staticRoutes(cx)).toContain(CLIENT_ADDRESS);
    expect(await staticRoutes(cx)).toMatch(/Mode="ssc"/);
    expect(await staticRoutes(plc)).not.toMatch(/Mode="/);
    expect(await staticRoutes(plc)).toContain(CLIENT_ADDRESS);
  });

  test('a target whose certificate changed is a loud warning in Targets and in the login step, and never turns green', async ({
    lab,
    labApp,
  }) => {
    const address = await lab.addTarget(1);
    const first = await labSims.on(address, 'CX-KNOWN');
    const { targets, dialog } = await openDialogFor(labApp.page, [first]);
    await dialog.openLogin();
    await dialog.osLogin('Administrator', PASSWORD);
    await dialog.compare(first.handle.ready.fingerprint ?? '');
    await dialog.add();
    expect(await dialog.summary()).toMatch(/^Route to CX-KNOWN created and verified/);
    await dialog.close();
    // Once verified, the row shows the remembered fingerprint as verified.
    await expect(targets.row('CX-KNOWN').getByTestId('fingerprint-verified')).toBeVisible();

    // Reinstalled (or replaced): same address and NetId, another certificate.
    await labSims.stop(first);
    const second = await labSims.on(address, 'CX-KNOWN');
    expect(second.handle.ready.fingerprint).not.toBe(first.handle.ready.fingerprint);
    expect(second.handle.ready.netId).toBe(first.handle.ready.netId);
    await targets.searchHosts([address.address]);
    const changed = targets.row('CX-KNOWN').getByTestId('fingerprint-changed');
    await expect(changed).toBeVisible({ timeout: 20_000 });
    await expect(changed).toContainText(/changed since \S.*\d{4}/);
    await expect(targets.row('CX-KNOWN').getByTestId('fingerprint-verified')).toHaveCount(0);
    await expect(labApp.page.getByTestId('fingerprint-changed-banner')).toContainText(
      'the target was reinstalled, or someone is in between',
    );

    await targets.select(['CX-KNOWN']);
    const again = await targets.openAddRoute();
    await again.openLogin();
    await again.osLogin('Administrator', PASSWORD);
    await again.liveFingerprint();
    const warning = again.root.getByTestId('fingerprint-changed');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(
      /CX-KNOWN: Fingerprint changed since \S.*\d{4}: the target was reinstalled, or someone is in between\./,
    );
    await expect(again.root.getByTestId('fingerprint-known')).toHaveCount(0);
    await expect(again.addButton).toBeDisabled();
    expect(await again.compareVerdict()).toBe('empty');
    const before = await staticRoutes(second);
    await again.field('Password').press('Enter');
    await expect(again.progress).toHaveCount(0);
    expect(await staticRoutes(second)).toBe(before);
  });
});
